from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bank_account_scope_scope import (
    BankAccountScopeScope,
    check_bank_account_scope_scope,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bav_record import BAVRecord


T = TypeVar("T", bound="BankAccountScope")


@_attrs_define
class BankAccountScope:
    """The BANK_ACCOUNT scope; its records are BAV_Record.

    Attributes:
        scope (BankAccountScopeScope):
        records (list[BAVRecord] | Unset):
    """

    scope: BankAccountScopeScope
    records: list[BAVRecord] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope: str = self.scope

        records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.records, Unset):
            records = []
            for records_item_data in self.records:
                records_item = records_item_data.to_dict()
                records.append(records_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope": scope,
            }
        )
        if records is not UNSET:
            field_dict["records"] = records

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        scope = check_bank_account_scope_scope(d.pop("scope"))

        _records = d.pop("records", UNSET)
        records: list[BAVRecord] | Unset = UNSET
        if _records is not UNSET:
            records = []
            for records_item_data in _records:
                records_item = BAVRecord.from_dict(records_item_data)

                records.append(records_item)

        bank_account_scope = cls(
            scope,
            records,
        )

        bank_account_scope.additional_properties = d
        return bank_account_scope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# After the class: the models it refers to, imported once (see the comment of this template).
from ..models.bav_record import BAVRecord
