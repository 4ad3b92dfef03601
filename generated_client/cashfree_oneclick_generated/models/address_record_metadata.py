from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddressRecordMetadata")


@_attrs_define
class AddressRecordMetadata:
    """
    Attributes:
        complete_address (str | Unset): The full address of the user. Example: 123 Main St, Anytown.
        state (str | Unset): The state of the user. Example: State.
        pincode (str | Unset): The postal code of the user. Example: 123456.
        type_ (str | Unset): The kind of address, e.g. Permanent (seen in the vendor's example only).
    """

    complete_address: str | Unset = UNSET
    state: str | Unset = UNSET
    pincode: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        complete_address = self.complete_address

        state = self.state

        pincode = self.pincode

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if complete_address is not UNSET:
            field_dict["complete_address"] = complete_address
        if state is not UNSET:
            field_dict["state"] = state
        if pincode is not UNSET:
            field_dict["pincode"] = pincode
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        complete_address = d.pop("complete_address", UNSET)

        state = d.pop("state", UNSET)

        pincode = d.pop("pincode", UNSET)

        type_ = d.pop("type", UNSET)

        address_record_metadata = cls(
            complete_address,
            state,
            pincode,
            type_,
        )

        address_record_metadata.additional_properties = d
        return address_record_metadata

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
