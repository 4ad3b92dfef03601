from typing import Literal

BankAccountScopeScope = Literal["BANK_ACCOUNT"]

BANK_ACCOUNT_SCOPE_SCOPE_VALUES: set[BankAccountScopeScope] = {
    "BANK_ACCOUNT",
}


def check_bank_account_scope_scope(value: str) -> BankAccountScopeScope:
    if value in BANK_ACCOUNT_SCOPE_SCOPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BANK_ACCOUNT_SCOPE_SCOPE_VALUES!r}"
    )
