from typing import Literal

AadhaarSeedingStatus = Literal["NA", "R", "Y"]

AADHAAR_SEEDING_STATUS_VALUES: set[AadhaarSeedingStatus] = {
    "NA",
    "R",
    "Y",
}


def check_aadhaar_seeding_status(value: str) -> AadhaarSeedingStatus:
    if value in AADHAAR_SEEDING_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AADHAAR_SEEDING_STATUS_VALUES!r}"
    )
