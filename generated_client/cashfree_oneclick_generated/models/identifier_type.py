from typing import Literal

IdentifierType = Literal["MOBILE"]

IDENTIFIER_TYPE_VALUES: set[IdentifierType] = {
    "MOBILE",
}


def check_identifier_type(value: str) -> IdentifierType:
    if value in IDENTIFIER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IDENTIFIER_TYPE_VALUES!r}"
    )
