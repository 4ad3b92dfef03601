from typing import Literal

AadhaarScopeScope = Literal["AADHAAR"]

AADHAAR_SCOPE_SCOPE_VALUES: set[AadhaarScopeScope] = {
    "AADHAAR",
}


def check_aadhaar_scope_scope(value: str) -> AadhaarScopeScope:
    if value in AADHAAR_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AADHAAR_SCOPE_SCOPE_VALUES!r}"
    )
