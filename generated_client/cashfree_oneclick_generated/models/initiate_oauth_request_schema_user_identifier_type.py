from typing import Literal

InitiateOauthRequestSchemaUserIdentifierType = Literal["MOBILE"]

INITIATE_OAUTH_REQUEST_SCHEMA_USER_IDENTIFIER_TYPE_VALUES: set[
    InitiateOauthRequestSchemaUserIdentifierType
] = {
    "MOBILE",
}


def check_initiate_oauth_request_schema_user_identifier_type(
    value: str,
) -> InitiateOauthRequestSchemaUserIdentifierType:
    if value in INITIATE_OAUTH_REQUEST_SCHEMA_USER_IDENTIFIER_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INITIATE_OAUTH_REQUEST_SCHEMA_USER_IDENTIFIER_TYPE_VALUES!r}"
    )
