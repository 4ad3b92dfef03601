from typing import Literal

PanScopeScope = Literal["PAN"]

PAN_SCOPE_SCOPE_VALUES: set[PanScopeScope] = {
    "PAN",
}


def check_pan_scope_scope(value: str) -> PanScopeScope:
    if value in PAN_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PAN_SCOPE_SCOPE_VALUES!r}"
    )
