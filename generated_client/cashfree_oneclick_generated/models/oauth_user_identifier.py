from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.identifier_type import IdentifierType, check_identifier_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="OauthUserIdentifier")


@_attrs_define
class OauthUserIdentifier:
    """A user identifier echoed by Initiate OAuth.

    Attributes:
        identifier_type (IdentifierType | str | Unset):
        identifier_value (str | Unset): The 10-digit mobile number of the user.
    """

    identifier_type: IdentifierType | str | Unset = UNSET
    identifier_value: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier_type: str | Unset
        if isinstance(self.identifier_type, Unset):
            identifier_type = UNSET
        elif isinstance(self.identifier_type, str):
            identifier_type = self.identifier_type
        else:
            identifier_type = self.identifier_type

        identifier_value = self.identifier_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if identifier_type is not UNSET:
            field_dict["identifier_type"] = identifier_type
        if identifier_value is not UNSET:
            field_dict["identifier_value"] = identifier_value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        identifier_value = d.pop("identifier_value", UNSET)

        oauth_user_identifier = cls(
            identifier_type,
            identifier_value,
        )

        oauth_user_identifier.additional_properties = d
        return oauth_user_identifier

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
