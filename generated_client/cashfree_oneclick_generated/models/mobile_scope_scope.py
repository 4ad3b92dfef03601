from typing import Literal

MobileScopeScope = Literal["MOBILE"]

MOBILE_SCOPE_SCOPE_VALUES: set[MobileScopeScope] = {
    "MOBILE",
}


def check_mobile_scope_scope(value: str) -> MobileScopeScope:
    if value in MOBILE_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MOBILE_SCOPE_SCOPE_VALUES!r}"
    )
