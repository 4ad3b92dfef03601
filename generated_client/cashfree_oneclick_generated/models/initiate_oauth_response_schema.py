from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.oauth_user_identifier import OauthUserIdentifier


T = TypeVar("T", bound="InitiateOauthResponseSchema")


@_attrs_define
class InitiateOauthResponseSchema:
    """
    Attributes:
        verification_id (str): It displays the unique ID you created to identify the verification request. Example:
            test_verification_id.
        session_id (str): A unique identifier for the session associated with the request. Example: session_id_value.
        reference_id (int | Unset): It displays the unique ID created by Cashfree Payments for reference purposes.
            format: `int64` Example: 123.
        expiry (str | Unset): The expiration date and time of the session, in UTC format. Format `YYYY-MM-DDTHH:mm:ssZ`.
            Example: 2024-12-31T23:59:59Z.
        user (list[OauthUserIdentifier] | OauthUserIdentifier | Unset): The user identifiers provided in the request (an
            object, or a list as in the vendor's example).
    """

    verification_id: str
    session_id: str
    reference_id: int | Unset = UNSET
    expiry: str | Unset = UNSET
    user: list[OauthUserIdentifier] | OauthUserIdentifier | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        session_id = self.session_id

        reference_id = self.reference_id

        expiry = self.expiry

        user: dict[str, Any] | list[dict[str, Any]] | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, OauthUserIdentifier):
            user = self.user.to_dict()
        else:
            user = []
            for user_type_1_item_data in self.user:
                user_type_1_item = user_type_1_item_data.to_dict()
                user.append(user_type_1_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "session_id": session_id,
            }
        )
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        session_id = d.pop("session_id")

        reference_id = d.pop("reference_id", UNSET)

        expiry = d.pop("expiry", UNSET)

        def _parse_user(
            data: object,
        ) -> list[OauthUserIdentifier] | OauthUserIdentifier | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, dict):
                try:
                    user_type_0 = OauthUserIdentifier.from_dict(data)

                    return user_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            user_type_1 = []
            _user_type_1 = data
            for user_type_1_item_data in _user_type_1:
                user_type_1_item = OauthUserIdentifier.from_dict(user_type_1_item_data)

                user_type_1.append(user_type_1_item)

            return user_type_1

        user = _parse_user(d.pop("user", UNSET))

        initiate_oauth_response_schema = cls(
            verification_id,
            session_id,
            reference_id,
            expiry,
            user,
        )

        initiate_oauth_response_schema.additional_properties = d
        return initiate_oauth_response_schema

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
from ..models.oauth_user_identifier import OauthUserIdentifier
