from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.email_record_metadata import EmailRecordMetadata


T = TypeVar("T", bound="EmailRecord")


@_attrs_define
class EmailRecord:
    """It displays the email address associated with the user.

    Attributes:
        confidence_score (float | None | Unset): Indicates the system's certainty about the accuracy of the email
            address details extracted or matched. Example: 0.85.
        metadata (EmailRecordMetadata | Unset):
    """

    confidence_score: float | None | Unset = UNSET
    metadata: EmailRecordMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence_score: float | None | Unset
        if isinstance(self.confidence_score, Unset):
            confidence_score = UNSET
        else:
            confidence_score = self.confidence_score

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if confidence_score is not UNSET:
            field_dict["confidence_score"] = confidence_score
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        confidence_score = d.pop("confidence_score", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: EmailRecordMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = EmailRecordMetadata.from_dict(_metadata)

        email_record = cls(
            confidence_score,
            metadata,
        )

        email_record.additional_properties = d
        return email_record

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
from ..models.email_record_metadata import EmailRecordMetadata
