from typing import Literal

IncomeScopeScope = Literal["INCOME"]

INCOME_SCOPE_SCOPE_VALUES: set[IncomeScopeScope] = {
    "INCOME",
}


def check_income_scope_scope(value: str) -> IncomeScopeScope:
    if value in INCOME_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INCOME_SCOPE_SCOPE_VALUES!r}"
    )
