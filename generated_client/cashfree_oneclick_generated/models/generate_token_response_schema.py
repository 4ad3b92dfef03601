from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateTokenResponseSchema")


@_attrs_define
class GenerateTokenResponseSchema:
    """
    Attributes:
        verification_id (str): The verification ID of the session the auth code belongs to. Example:
            test_verification_id.
        access_token (str): The access token to fetch the user's details with, valid for 1 hour. Example:
            access_token_value.
        reference_id (int | Unset): A unique ID created by Cashfree Payments for reference purposes. Example: 3123123.
        expiry (str | Unset): The expiration date and time of the access token, in UTC format. Format `YYYY-MM-
            DDTHH:mm:ssZ`. Example: 2024-12-31T23:59:59Z.
    """

    verification_id: str
    access_token: str
    reference_id: int | Unset = UNSET
    expiry: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        access_token = self.access_token

        reference_id = self.reference_id

        expiry = self.expiry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "access_token": access_token,
            }
        )
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if expiry is not UNSET:
            field_dict["expiry"] = expiry

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        access_token = d.pop("access_token")

        reference_id = d.pop("reference_id", UNSET)

        expiry = d.pop("expiry", UNSET)

        generate_token_response_schema = cls(
            verification_id,
            access_token,
            reference_id,
            expiry,
        )

        generate_token_response_schema.additional_properties = d
        return generate_token_response_schema

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
