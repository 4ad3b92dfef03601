from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.data_availability_request_schema_user_item import (
        DataAvailabilityRequestSchemaUserItem,
    )


T = TypeVar("T", bound="DataAvailabilityRequestSchema")


@_attrs_define
class DataAvailabilityRequestSchema:
    """
    Attributes:
        verification_id (str): It is the unique ID you create to identify the request. The maximum character limit is
            50. Alphanumeric, period (.), hyphen (-), and underscore ( _ ) are allowed. Example: test_verification_id.
        user (list[DataAvailabilityRequestSchemaUserItem]): The list of user identifiers. Note that Initiate OAuth takes
            `user` as an object, this API as an array.
    """

    verification_id: str
    user: list[DataAvailabilityRequestSchemaUserItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        user = []
        for user_item_data in self.user:
            user_item = user_item_data.to_dict()
            user.append(user_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        user = []
        _user = d.pop("user")
        for user_item_data in _user:
            user_item = DataAvailabilityRequestSchemaUserItem.from_dict(user_item_data)

            user.append(user_item)

        data_availability_request_schema = cls(
            verification_id,
            user,
        )

        data_availability_request_schema.additional_properties = d
        return data_availability_request_schema

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
from ..models.data_availability_request_schema_user_item import (
    DataAvailabilityRequestSchemaUserItem,
)
