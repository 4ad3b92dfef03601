from typing import Literal

EmailScopeScope = Literal["EMAIL"]

EMAIL_SCOPE_SCOPE_VALUES: set[EmailScopeScope] = {
    "EMAIL",
}


def check_email_scope_scope(value: str) -> EmailScopeScope:
    if value in EMAIL_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EMAIL_SCOPE_SCOPE_VALUES!r}"
    )
