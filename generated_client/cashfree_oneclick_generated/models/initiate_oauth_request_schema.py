from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.initiate_oauth_request_schema_user import (
        InitiateOauthRequestSchemaUser,
    )


T = TypeVar("T", bound="InitiateOauthRequestSchema")


@_attrs_define
class InitiateOauthRequestSchema:
    """
    Attributes:
        user (InitiateOauthRequestSchemaUser): It displays the list of user identifiers.
        verification_id (str): It is the unique ID you create to identify the user session. The maximum character limit
            is 50. Alphanumeric, period (.), hyphen (-), and underscore ( _ ) are allowed. Example: test_verification_id.
    """

    user: InitiateOauthRequestSchemaUser
    verification_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        verification_id = self.verification_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "verification_id": verification_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user = InitiateOauthRequestSchemaUser.from_dict(d.pop("user"))

        verification_id = d.pop("verification_id")

        initiate_oauth_request_schema = cls(
            user,
            verification_id,
        )

        initiate_oauth_request_schema.additional_properties = d
        return initiate_oauth_request_schema

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
from ..models.initiate_oauth_request_schema_user import InitiateOauthRequestSchemaUser
