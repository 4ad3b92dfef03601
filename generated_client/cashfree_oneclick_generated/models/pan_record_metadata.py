from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.aadhaar_seeding_status import (
    AadhaarSeedingStatus,
    check_aadhaar_seeding_status,
)
from ..models.pan_type import PanType, check_pan_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="PANRecordMetadata")


@_attrs_define
class PANRecordMetadata:
    """
    Attributes:
        pan (str | Unset): It displays the unique 10-character alphanumeric identifier issued by the Income Tax
            Department. Example: ABCPV1234D.
        registered_name (str | Unset): It displays the PAN registered name. Example: John Doe.
        last_updated_at (str | Unset): It displays the last updated date, formatted as `YYYY-MM-DD`. Example:
            2023-09-01.
        name_pan_card (str | Unset): The name displayed on the PAN card. For example, "John Doe". Example: John Doe.
        aadhaar_seeding_status_desc (str | Unset): It displays additional information of the linking of aadhaar and PAN
            card. Example: Linked with Aadhaar.
        type_ (PanType | str | Unset): The type of the PAN issued.
        aadhaar_seeding_status (AadhaarSeedingStatus | str | Unset): Whether Aadhaar is linked to the PAN.
    """

    pan: str | Unset = UNSET
    registered_name: str | Unset = UNSET
    last_updated_at: str | Unset = UNSET
    name_pan_card: str | Unset = UNSET
    aadhaar_seeding_status_desc: str | Unset = UNSET
    type_: PanType | str | Unset = UNSET
    aadhaar_seeding_status: AadhaarSeedingStatus | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pan = self.pan

        registered_name = self.registered_name

        last_updated_at = self.last_updated_at

        name_pan_card = self.name_pan_card

        aadhaar_seeding_status_desc = self.aadhaar_seeding_status_desc

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, str):
            type_ = self.type_
        else:
            type_ = self.type_

        aadhaar_seeding_status: str | Unset
        if isinstance(self.aadhaar_seeding_status, Unset):
            aadhaar_seeding_status = UNSET
        elif isinstance(self.aadhaar_seeding_status, str):
            aadhaar_seeding_status = self.aadhaar_seeding_status
        else:
            aadhaar_seeding_status = self.aadhaar_seeding_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pan is not UNSET:
            field_dict["pan"] = pan
        if registered_name is not UNSET:
            field_dict["registered_name"] = registered_name
        if last_updated_at is not UNSET:
            field_dict["last_updated_at"] = last_updated_at
        if name_pan_card is not UNSET:
            field_dict["name_pan_card"] = name_pan_card
        if aadhaar_seeding_status_desc is not UNSET:
            field_dict["aadhaar_seeding_status_desc"] = aadhaar_seeding_status_desc
        if type_ is not UNSET:
            field_dict["type"] = type_
        if aadhaar_seeding_status is not UNSET:
            field_dict["aadhaar_seeding_status"] = aadhaar_seeding_status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pan = d.pop("pan", UNSET)

        registered_name = d.pop("registered_name", UNSET)

        last_updated_at = d.pop("last_updated_at", UNSET)

        name_pan_card = d.pop("name_pan_card", UNSET)

        aadhaar_seeding_status_desc = d.pop("aadhaar_seeding_status_desc", UNSET)

        def _parse_type_(data: object) -> PanType | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    type_type_0 = check_pan_type(data)

                    return type_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(PanType | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_aadhaar_seeding_status(
            data: object,
        ) -> AadhaarSeedingStatus | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    aadhaar_seeding_status_type_0 = check_aadhaar_seeding_status(data)

                    return aadhaar_seeding_status_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(AadhaarSeedingStatus | str | Unset, data)

        aadhaar_seeding_status = _parse_aadhaar_seeding_status(
            d.pop("aadhaar_seeding_status", UNSET)
        )

        pan_record_metadata = cls(
            pan,
            registered_name,
            last_updated_at,
            name_pan_card,
            aadhaar_seeding_status_desc,
            type_,
            aadhaar_seeding_status,
        )

        pan_record_metadata.additional_properties = d
        return pan_record_metadata

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
