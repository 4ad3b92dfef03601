from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BAVRecordMetadata")


@_attrs_define
class BAVRecordMetadata:
    """
    Attributes:
        bank_account (str | Unset): The user's bank account number. For example, "1234567890". Example: 1234567890.
        name_at_bank (str | Unset): The name of the account holder as registered with the bank. Example: John Doe.
        bank_name (str | Unset): The name of the bank where the account is held. For example, "HDFC Bank". Example:
            Example Bank.
        city (str | Unset): The city where the bank branch is located. For example, "BENGALURU". Example: Anytown.
        branch (str | Unset): The specific branch of the bank where the account is maintained. Example: Main Branch.
        micr (str | Unset): The Magnetic Ink Character Recognition (MICR) code for the bank branch, used for cheque
            processing. Example: 123456789.
    """

    bank_account: str | Unset = UNSET
    name_at_bank: str | Unset = UNSET
    bank_name: str | Unset = UNSET
    city: str | Unset = UNSET
    branch: str | Unset = UNSET
    micr: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bank_account = self.bank_account

        name_at_bank = self.name_at_bank

        bank_name = self.bank_name

        city = self.city

        branch = self.branch

        micr = self.micr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bank_account is not UNSET:
            field_dict["bank_account"] = bank_account
        if name_at_bank is not UNSET:
            field_dict["name_at_bank"] = name_at_bank
        if bank_name is not UNSET:
            field_dict["bank_name"] = bank_name
        if city is not UNSET:
            field_dict["city"] = city
        if branch is not UNSET:
            field_dict["branch"] = branch
        if micr is not UNSET:
            field_dict["micr"] = micr

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bank_account = d.pop("bank_account", UNSET)

        name_at_bank = d.pop("name_at_bank", UNSET)

        bank_name = d.pop("bank_name", UNSET)

        city = d.pop("city", UNSET)

        branch = d.pop("branch", UNSET)

        micr = d.pop("micr", UNSET)

        bav_record_metadata = cls(
            bank_account,
            name_at_bank,
            bank_name,
            city,
            branch,
            micr,
        )

        bav_record_metadata.additional_properties = d
        return bav_record_metadata

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
