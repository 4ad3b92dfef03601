from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SplitAddressRecord")


@_attrs_define
class SplitAddressRecord:
    """A detailed breakdown of the address information.

    Attributes:
        country (str | Unset): Country of the user's address linked to Aadhaar. Example: India.
        dist (str | Unset): District of the user's address linked to Aadhaar. Example: BANGALORE.
        house (str | Unset): House number of the user's address linked to Aadhaar. Example: House No 1.
        landmark (str | Unset): Landmark of the user's address linked to Aadhaar. Example: Near Landmark.
        pincode (str | Unset): The postal code of the user's address linked to Aadhaar. Example: 123456.
        po (str | Unset): The postal office of the user's address linked to Aadhaar. Example: Post Office.
        state (str | Unset): State of the user's address linked to Aadhaar. Example: Karnataka.
        street (str | Unset): Street name of the user's address linked to Aadhaar. Example: Street 123.
        subdist (str | Unset): Sub-district of the user's address linked to Aadhaar. Example: Ranibennur.
        vtc (str | Unset): Village or town of the user's address linked to Aadhaar. Example: Ranibennur.
    """

    country: str | Unset = UNSET
    dist: str | Unset = UNSET
    house: str | Unset = UNSET
    landmark: str | Unset = UNSET
    pincode: str | Unset = UNSET
    po: str | Unset = UNSET
    state: str | Unset = UNSET
    street: str | Unset = UNSET
    subdist: str | Unset = UNSET
    vtc: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        dist = self.dist

        house = self.house

        landmark = self.landmark

        pincode = self.pincode

        po = self.po

        state = self.state

        street = self.street

        subdist = self.subdist

        vtc = self.vtc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if country is not UNSET:
            field_dict["country"] = country
        if dist is not UNSET:
            field_dict["dist"] = dist
        if house is not UNSET:
            field_dict["house"] = house
        if landmark is not UNSET:
            field_dict["landmark"] = landmark
        if pincode is not UNSET:
            field_dict["pincode"] = pincode
        if po is not UNSET:
            field_dict["po"] = po
        if state is not UNSET:
            field_dict["state"] = state
        if street is not UNSET:
            field_dict["street"] = street
        if subdist is not UNSET:
            field_dict["subdist"] = subdist
        if vtc is not UNSET:
            field_dict["vtc"] = vtc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        country = d.pop("country", UNSET)

        dist = d.pop("dist", UNSET)

        house = d.pop("house", UNSET)

        landmark = d.pop("landmark", UNSET)

        pincode = d.pop("pincode", UNSET)

        po = d.pop("po", UNSET)

        state = d.pop("state", UNSET)

        street = d.pop("street", UNSET)

        subdist = d.pop("subdist", UNSET)

        vtc = d.pop("vtc", UNSET)

        split_address_record = cls(
            country,
            dist,
            house,
            landmark,
            pincode,
            po,
            state,
            street,
            subdist,
            vtc,
        )

        split_address_record.additional_properties = d
        return split_address_record

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
