from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.income_band import IncomeBand, check_income_band
from ..types import UNSET, Unset

T = TypeVar("T", bound="IncomeRecordMetadata")


@_attrs_define
class IncomeRecordMetadata:
    """
    Attributes:
        income (IncomeBand | str | Unset): The user's income range.
    """

    income: IncomeBand | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        income: str | Unset
        if isinstance(self.income, Unset):
            income = UNSET
        elif isinstance(self.income, str):
            income = self.income
        else:
            income = self.income

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if income is not UNSET:
            field_dict["income"] = income

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_income(data: object) -> IncomeBand | str | Unset:
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                try:
                    income_type_0 = check_income_band(data)

                    return income_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            return cast(IncomeBand | str | Unset, data)

        income = _parse_income(d.pop("income", UNSET))

        income_record_metadata = cls(
            income,
        )

        income_record_metadata.additional_properties = d
        return income_record_metadata

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
