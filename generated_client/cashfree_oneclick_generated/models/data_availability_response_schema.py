from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.data_availability_response_schema_available_scopes_item import (
        DataAvailabilityResponseSchemaAvailableScopesItem,
    )
    from ..models.data_availability_response_schema_user_item import (
        DataAvailabilityResponseSchemaUserItem,
    )


T = TypeVar("T", bound="DataAvailabilityResponseSchema")


@_attrs_define
class DataAvailabilityResponseSchema:
    """
    Attributes:
        verification_id (str): The unique ID you created to identify the request. Example: test_verification_id.
        available_scopes (list[DataAvailabilityResponseSchemaAvailableScopesItem]): The scopes Cashfree holds for the
            user; the answer is valid for 1 hour.
        reference_id (int | Unset): A unique ID created by Cashfree Payments for reference purposes. Example: 3123123.
        user (list[DataAvailabilityResponseSchemaUserItem] | Unset): The user identifiers provided in the request.
    """

    verification_id: str
    available_scopes: list[DataAvailabilityResponseSchemaAvailableScopesItem]
    reference_id: int | Unset = UNSET
    user: list[DataAvailabilityResponseSchemaUserItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        available_scopes = []
        for available_scopes_item_data in self.available_scopes:
            available_scopes_item = available_scopes_item_data.to_dict()
            available_scopes.append(available_scopes_item)

        reference_id = self.reference_id

        user: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = []
            for user_item_data in self.user:
                user_item = user_item_data.to_dict()
                user.append(user_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "available_scopes": available_scopes,
            }
        )
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        available_scopes = []
        _available_scopes = d.pop("available_scopes")
        for available_scopes_item_data in _available_scopes:
            available_scopes_item = (
                DataAvailabilityResponseSchemaAvailableScopesItem.from_dict(
                    available_scopes_item_data
                )
            )

            available_scopes.append(available_scopes_item)

        reference_id = d.pop("reference_id", UNSET)

        _user = d.pop("user", UNSET)
        user: list[DataAvailabilityResponseSchemaUserItem] | Unset = UNSET
        if _user is not UNSET:
            user = []
            for user_item_data in _user:
                user_item = DataAvailabilityResponseSchemaUserItem.from_dict(
                    user_item_data
                )

                user.append(user_item)

        data_availability_response_schema = cls(
            verification_id,
            available_scopes,
            reference_id,
            user,
        )

        data_availability_response_schema.additional_properties = d
        return data_availability_response_schema

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
from ..models.data_availability_response_schema_available_scopes_item import (
    DataAvailabilityResponseSchemaAvailableScopesItem,
)
from ..models.data_availability_response_schema_user_item import (
    DataAvailabilityResponseSchemaUserItem,
)
