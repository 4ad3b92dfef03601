from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.data_availability_request_schema_user_item_identifier_type import (
    DataAvailabilityRequestSchemaUserItemIdentifierType,
    check_data_availability_request_schema_user_item_identifier_type,
)

T = TypeVar("T", bound="DataAvailabilityRequestSchemaUserItem")


@_attrs_define
class DataAvailabilityRequestSchemaUserItem:
    """
    Attributes:
        identifier_type (DataAvailabilityRequestSchemaUserItemIdentifierType): The type of identifier used to recognize
            a user.
            Possible values are
            - `MOBILE`: Mobile number of the user.
        identifier_value (str): The 10-digit mobile number of the user. No prefixes or country codes are required.
            Example: 9988776655.
    """

    identifier_type: DataAvailabilityRequestSchemaUserItemIdentifierType
    identifier_value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier_type: str = self.identifier_type

        identifier_value = self.identifier_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier_type": identifier_type,
                "identifier_value": identifier_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        identifier_type = (
            check_data_availability_request_schema_user_item_identifier_type(
                d.pop("identifier_type")
            )
        )

        identifier_value = d.pop("identifier_value")

        data_availability_request_schema_user_item = cls(
            identifier_type,
            identifier_value,
        )

        data_availability_request_schema_user_item.additional_properties = d
        return data_availability_request_schema_user_item

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
