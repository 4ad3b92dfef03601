from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_response_schema_error import ErrorResponseSchemaError


T = TypeVar("T", bound="ErrorResponseSchema")


@_attrs_define
class ErrorResponseSchema:
    """
    Attributes:
        code (str | Unset):  Example: x-client-id_missing.
        error (ErrorResponseSchemaError | Unset):  Example: {'ref_id': 102}.
        message (str | Unset): It displays the outcome of the error. Example: x-client-id is missing in the request..
        type_ (str | Unset): It displays the type of error. Example: validation_error.
    """

    code: str | Unset = UNSET
    error: ErrorResponseSchemaError | Unset = UNSET
    message: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        message = self.message

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if error is not UNSET:
            field_dict["error"] = error
        if message is not UNSET:
            field_dict["message"] = message
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        _error = d.pop("error", UNSET)
        error: ErrorResponseSchemaError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = ErrorResponseSchemaError.from_dict(_error)

        message = d.pop("message", UNSET)

        type_ = d.pop("type", UNSET)

        error_response_schema = cls(
            code,
            error,
            message,
            type_,
        )

        error_response_schema.additional_properties = d
        return error_response_schema

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
from ..models.error_response_schema_error import ErrorResponseSchemaError
