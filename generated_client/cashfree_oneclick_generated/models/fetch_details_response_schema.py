from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.aadhaar_scope import AadhaarScope
    from ..models.address_scope import AddressScope
    from ..models.bank_account_scope import BankAccountScope
    from ..models.dob_scope import DobScope
    from ..models.email_scope import EmailScope
    from ..models.gender_scope import GenderScope
    from ..models.income_scope import IncomeScope
    from ..models.mobile_scope import MobileScope
    from ..models.name_scope import NameScope
    from ..models.occupation_scope import OccupationScope
    from ..models.pan_scope import PanScope
    from ..models.unknown_scope import UnknownScope


T = TypeVar("T", bound="FetchDetailsResponseSchema")


@_attrs_define
class FetchDetailsResponseSchema:
    """
    Attributes:
        verification_id (str): It is the unique ID you create to identify the verification request. Example: verif123.
        scopes (list[AadhaarScope | AddressScope | BankAccountScope | DobScope | EmailScope | GenderScope | IncomeScope
            | MobileScope | NameScope | OccupationScope | PanScope | UnknownScope]): A list of scopes associated with the
            verification, each representing a specific type of user data that can be accessed.
        reference_id (int | str | Unset): A unique ID created by Cashfree Payments for reference purposes.
    """

    verification_id: str
    scopes: list[
        AadhaarScope
        | AddressScope
        | BankAccountScope
        | DobScope
        | EmailScope
        | GenderScope
        | IncomeScope
        | MobileScope
        | NameScope
        | OccupationScope
        | PanScope
        | UnknownScope
    ]
    reference_id: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item: dict[str, Any]
            if (
                isinstance(scopes_item_data, MobileScope)
                or isinstance(scopes_item_data, EmailScope)
                or isinstance(scopes_item_data, AddressScope)
                or isinstance(scopes_item_data, GenderScope)
                or isinstance(scopes_item_data, DobScope)
                or isinstance(scopes_item_data, AadhaarScope)
                or isinstance(scopes_item_data, PanScope)
                or isinstance(scopes_item_data, BankAccountScope)
                or isinstance(scopes_item_data, NameScope)
                or isinstance(scopes_item_data, OccupationScope)
                or isinstance(scopes_item_data, IncomeScope)
            ):
                scopes_item = scopes_item_data.to_dict()
            else:
                scopes_item = scopes_item_data.to_dict()

            scopes.append(scopes_item)

        reference_id: int | str | Unset
        if isinstance(self.reference_id, Unset):
            reference_id = UNSET
        else:
            reference_id = self.reference_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "scopes": scopes,
            }
        )
        if reference_id is not UNSET:
            field_dict["reference_id"] = reference_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        def _parse_scopes_item(
            data: object,
        ) -> (
            AadhaarScope
            | AddressScope
            | BankAccountScope
            | DobScope
            | EmailScope
            | GenderScope
            | IncomeScope
            | MobileScope
            | NameScope
            | OccupationScope
            | PanScope
            | UnknownScope
        ):
            _discriminator = data.get("scope") if isinstance(data, dict) else None
            if _discriminator == "MOBILE":
                try:
                    scopes_item_type_0 = MobileScope.from_dict(data)

                    return scopes_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "EMAIL":
                try:
                    scopes_item_type_1 = EmailScope.from_dict(data)

                    return scopes_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "ADDRESS":
                try:
                    scopes_item_type_2 = AddressScope.from_dict(data)

                    return scopes_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "GENDER":
                try:
                    scopes_item_type_3 = GenderScope.from_dict(data)

                    return scopes_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "DOB":
                try:
                    scopes_item_type_4 = DobScope.from_dict(data)

                    return scopes_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "AADHAAR":
                try:
                    scopes_item_type_5 = AadhaarScope.from_dict(data)

                    return scopes_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "PAN":
                try:
                    scopes_item_type_6 = PanScope.from_dict(data)

                    return scopes_item_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "BANK_ACCOUNT":
                try:
                    scopes_item_type_7 = BankAccountScope.from_dict(data)

                    return scopes_item_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "NAME":
                try:
                    scopes_item_type_8 = NameScope.from_dict(data)

                    return scopes_item_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "OCCUPATION":
                try:
                    scopes_item_type_9 = OccupationScope.from_dict(data)

                    return scopes_item_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if _discriminator == "INCOME":
                try:
                    scopes_item_type_10 = IncomeScope.from_dict(data)

                    return scopes_item_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, dict):
                raise TypeError()
            scopes_item_type_11 = UnknownScope.from_dict(data)

            return scopes_item_type_11

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = _parse_scopes_item(scopes_item_data)

            scopes.append(scopes_item)

        reference_id = d.pop("reference_id", UNSET)

        fetch_details_response_schema = cls(
            verification_id,
            scopes,
            reference_id,
        )

        fetch_details_response_schema.additional_properties = d
        return fetch_details_response_schema

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
from ..models.aadhaar_scope import AadhaarScope
from ..models.address_scope import AddressScope
from ..models.bank_account_scope import BankAccountScope
from ..models.dob_scope import DobScope
from ..models.email_scope import EmailScope
from ..models.gender_scope import GenderScope
from ..models.income_scope import IncomeScope
from ..models.mobile_scope import MobileScope
from ..models.name_scope import NameScope
from ..models.occupation_scope import OccupationScope
from ..models.pan_scope import PanScope
from ..models.unknown_scope import UnknownScope
