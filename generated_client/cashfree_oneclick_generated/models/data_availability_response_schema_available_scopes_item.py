from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scope_name import ScopeName, check_scope_name
from ..types import UNSET, Unset

T = TypeVar("T", bound="DataAvailabilityResponseSchemaAvailableScopesItem")


@_attrs_define
class DataAvailabilityResponseSchemaAvailableScopesItem:
    """
    Attributes:
        scope (ScopeName | str | Unset):
    """

    scope: ScopeName | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope: str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        elif isinstance(self.scope, str):
            scope = self.scope
        else:
            scope = self.scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_scope(data: object) -> ScopeName | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    scope_type_0 = check_scope_name(data)

                    return scope_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(ScopeName | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        data_availability_response_schema_available_scopes_item = cls(
            scope,
        )

        data_availability_response_schema_available_scopes_item.additional_properties = d
        return data_availability_response_schema_available_scopes_item

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
