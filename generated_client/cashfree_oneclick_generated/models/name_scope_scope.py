from typing import Literal

NameScopeScope = Literal["NAME"]

NAME_SCOPE_SCOPE_VALUES: set[NameScopeScope] = {
    "NAME",
}


def check_name_scope_scope(value: str) -> NameScopeScope:
    if value in NAME_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NAME_SCOPE_SCOPE_VALUES!r}"
    )
