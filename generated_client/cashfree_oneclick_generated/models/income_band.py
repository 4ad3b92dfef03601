from typing import Literal

IncomeBand = Literal[
    "ABOVE_TEN_LAKHS", "BELOW_ONE_LAKH", "FIVE_TO_TEN_LAKHS", "ONE_TO_FIVE_LAKHS"
]

INCOME_BAND_VALUES: set[IncomeBand] = {
    "ABOVE_TEN_LAKHS",
    "BELOW_ONE_LAKH",
    "FIVE_TO_TEN_LAKHS",
    "ONE_TO_FIVE_LAKHS",
}


def check_income_band(value: str) -> IncomeBand:
    if value in INCOME_BAND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INCOME_BAND_VALUES!r}"
    )
