from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.split_address_record import SplitAddressRecord


T = TypeVar("T", bound="AadhaarRecordMetadata")


@_attrs_define
class AadhaarRecordMetadata:
    """
    Attributes:
        aadhaar (str | Unset): The Aadhaar number of the user. Example: 123456789012.
        care_of (str | Unset): The name of the person the address is care of. Example: John Doe.
        address (str | Unset): The full address linked to the Aadhaar. Example: 123 Main St, Anytown.
        dob (str | Unset): Date of birth linked with Aadhaar. Example: 1990-01-01.
        email (str | Unset): Email address linked to the Aadhaar. Example: example@example.com.
        gender (str | Unset): Gender information linked to the Aadhaar. Example: Male.
        name (str | Unset): Name of the user linked to Aadhaar. Example: John Doe.
        split_address (SplitAddressRecord | Unset): A detailed breakdown of the address information.
        year_of_birth (str | Unset): Year of birth associated with Aadhaar. Example: 1990.
        mobile_hash (str | Unset): Hashed mobile number. Example: abc123hash.
        photo_link (str | Unset): Encoded link of the user's photo. Example: https://example.com/photo.jpg.
    """

    aadhaar: str | Unset = UNSET
    care_of: str | Unset = UNSET
    address: str | Unset = UNSET
    dob: str | Unset = UNSET
    email: str | Unset = UNSET
    gender: str | Unset = UNSET
    name: str | Unset = UNSET
    split_address: SplitAddressRecord | Unset = UNSET
    year_of_birth: str | Unset = UNSET
    mobile_hash: str | Unset = UNSET
    photo_link: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aadhaar = self.aadhaar

        care_of = self.care_of

        address = self.address

        dob = self.dob

        email = self.email

        gender = self.gender

        name = self.name

        split_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.split_address, Unset):
            split_address = self.split_address.to_dict()

        year_of_birth = self.year_of_birth

        mobile_hash = self.mobile_hash

        photo_link = self.photo_link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aadhaar is not UNSET:
            field_dict["aadhaar"] = aadhaar
        if care_of is not UNSET:
            field_dict["care_of"] = care_of
        if address is not UNSET:
            field_dict["address"] = address
        if dob is not UNSET:
            field_dict["dob"] = dob
        if email is not UNSET:
            field_dict["email"] = email
        if gender is not UNSET:
            field_dict["gender"] = gender
        if name is not UNSET:
            field_dict["name"] = name
        if split_address is not UNSET:
            field_dict["split_address"] = split_address
        if year_of_birth is not UNSET:
            field_dict["year_of_birth"] = year_of_birth
        if mobile_hash is not UNSET:
            field_dict["mobile_hash"] = mobile_hash
        if photo_link is not UNSET:
            field_dict["photo_link"] = photo_link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        aadhaar = d.pop("aadhaar", UNSET)

        care_of = d.pop("care_of", UNSET)

        address = d.pop("address", UNSET)

        dob = d.pop("dob", UNSET)

        email = d.pop("email", UNSET)

        gender = d.pop("gender", UNSET)

        name = d.pop("name", UNSET)

        _split_address = d.pop("split_address", UNSET)
        split_address: SplitAddressRecord | Unset
        if isinstance(_split_address, Unset):
            split_address = UNSET
        else:
            split_address = SplitAddressRecord.from_dict(_split_address)

        year_of_birth = d.pop("year_of_birth", UNSET)

        mobile_hash = d.pop("mobile_hash", UNSET)

        photo_link = d.pop("photo_link", UNSET)

        aadhaar_record_metadata = cls(
            aadhaar,
            care_of,
            address,
            dob,
            email,
            gender,
            name,
            split_address,
            year_of_birth,
            mobile_hash,
            photo_link,
        )

        aadhaar_record_metadata.additional_properties = d
        return aadhaar_record_metadata

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
from ..models.split_address_record import SplitAddressRecord
