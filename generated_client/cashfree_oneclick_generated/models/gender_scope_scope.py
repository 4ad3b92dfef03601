from typing import Literal

GenderScopeScope = Literal["GENDER"]

GENDER_SCOPE_SCOPE_VALUES: set[GenderScopeScope] = {
    "GENDER",
}


def check_gender_scope_scope(value: str) -> GenderScopeScope:
    if value in GENDER_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENDER_SCOPE_SCOPE_VALUES!r}"
    )
