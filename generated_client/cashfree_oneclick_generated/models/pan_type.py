from typing import Literal

PanType = Literal["Company", "Individual"]

PAN_TYPE_VALUES: set[PanType] = {
    "Company",
    "Individual",
}


def check_pan_type(value: str) -> PanType:
    if value in PAN_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAN_TYPE_VALUES!r}")
