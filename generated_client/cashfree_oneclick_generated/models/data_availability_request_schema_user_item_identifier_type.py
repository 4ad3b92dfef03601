from typing import Literal

DataAvailabilityRequestSchemaUserItemIdentifierType = Literal["MOBILE"]

DATA_AVAILABILITY_REQUEST_SCHEMA_USER_ITEM_IDENTIFIER_TYPE_VALUES: set[
    DataAvailabilityRequestSchemaUserItemIdentifierType
] = {
    "MOBILE",
}


def check_data_availability_request_schema_user_item_identifier_type(
    value: str,
) -> DataAvailabilityRequestSchemaUserItemIdentifierType:
    if value in DATA_AVAILABILITY_REQUEST_SCHEMA_USER_ITEM_IDENTIFIER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DATA_AVAILABILITY_REQUEST_SCHEMA_USER_ITEM_IDENTIFIER_TYPE_VALUES!r}"
    )
