from typing import Literal

OccupationScopeScope = Literal["OCCUPATION"]

OCCUPATION_SCOPE_SCOPE_VALUES: set[OccupationScopeScope] = {
    "OCCUPATION",
}


def check_occupation_scope_scope(value: str) -> OccupationScopeScope:
    if value in OCCUPATION_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OCCUPATION_SCOPE_SCOPE_VALUES!r}"
    )
