from typing import Literal

DobScopeScope = Literal["DOB"]

DOB_SCOPE_SCOPE_VALUES: set[DobScopeScope] = {
    "DOB",
}


def check_dob_scope_scope(value: str) -> DobScopeScope:
    if value in DOB_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DOB_SCOPE_SCOPE_VALUES!r}"
    )
