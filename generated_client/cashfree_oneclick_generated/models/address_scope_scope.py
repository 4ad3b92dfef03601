from typing import Literal

AddressScopeScope = Literal["ADDRESS"]

ADDRESS_SCOPE_SCOPE_VALUES: set[AddressScopeScope] = {
    "ADDRESS",
}


def check_address_scope_scope(value: str) -> AddressScopeScope:
    if value in ADDRESS_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ADDRESS_SCOPE_SCOPE_VALUES!r}"
    )
