from typing import Literal

ScopeName = Literal[
    "AADHAAR",
    "ADDRESS",
    "BANK_ACCOUNT",
    "DOB",
    "EMAIL",
    "GENDER",
    "INCOME",
    "MOBILE",
    "NAME",
    "OCCUPATION",
    "PAN",
]

SCOPE_NAME_VALUES: set[ScopeName] = {
    "AADHAAR",
    "ADDRESS",
    "BANK_ACCOUNT",
    "DOB",
    "EMAIL",
    "GENDER",
    "INCOME",
    "MOBILE",
    "NAME",
    "OCCUPATION",
    "PAN",
}


def check_scope_name(value: str) -> ScopeName:
    if value in SCOPE_NAME_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SCOPE_NAME_VALUES!r}"
    )
