from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.identifier_type import IdentifierType, check_identifier_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="DataAvailabilityResponseSchemaUserItem")


@_attrs_define
class DataAvailabilityResponseSchemaUserItem:
    """
    Attributes:
        identifier_value (str | Unset): The 10-digit mobile number of the user. Example: 9988776655.
        identifier_type (IdentifierType | str | Unset):
    """

    identifier_value: str | Unset = UNSET
    identifier_type: IdentifierType | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier_value = self.identifier_value

        identifier_type: str | Unset
        if isinstance(self.identifier_type, Unset):
            identifier_type = UNSET
        elif isinstance(self.identifier_type, str):
            identifier_type = self.identifier_type
        else:
            identifier_type = self.identifier_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if identifier_value is not UNSET:
            field_dict["identifier_value"] = identifier_value
        if identifier_type is not UNSET:
            field_dict["identifier_type"] = identifier_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        identifier_value = d.pop("identifier_value", UNSET)

        def _parse_identifier_type(data: object) -> IdentifierType | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    identifier_type_type_0 = check_identifier_type(data)

                    return identifier_type_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(IdentifierType | str | Unset, data)

        identifier_type = _parse_identifier_type(d.pop("identifier_type", UNSET))

        data_availability_response_schema_user_item = cls(
            identifier_value,
            identifier_type,
        )

        data_availability_response_schema_user_item.additional_properties = d
        return data_availability_response_schema_user_item

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
