"""Contains all the data models used in inputs/outputs"""

from .aadhaar_record import AadhaarRecord
from .aadhaar_record_metadata import AadhaarRecordMetadata
from .aadhaar_scope import AadhaarScope
from .aadhaar_scope_scope import AadhaarScopeScope
from .aadhaar_seeding_status import AadhaarSeedingStatus
from .address_record import AddressRecord
from .address_record_metadata import AddressRecordMetadata
from .address_scope import AddressScope
from .address_scope_scope import AddressScopeScope
from .bank_account_scope import BankAccountScope
from .bank_account_scope_scope import BankAccountScopeScope
from .bav_record import BAVRecord
from .bav_record_metadata import BAVRecordMetadata
from .data_availability_request_schema import DataAvailabilityRequestSchema
from .data_availability_request_schema_user_item import (
    DataAvailabilityRequestSchemaUserItem,
)
from .data_availability_request_schema_user_item_identifier_type import (
    DataAvailabilityRequestSchemaUserItemIdentifierType,
)
from .data_availability_response_schema import DataAvailabilityResponseSchema
from .data_availability_response_schema_available_scopes_item import (
    DataAvailabilityResponseSchemaAvailableScopesItem,
)
from .data_availability_response_schema_user_item import (
    DataAvailabilityResponseSchemaUserItem,
)
from .dob_record import DOBRecord
from .dob_record_metadata import DOBRecordMetadata
from .dob_scope import DobScope
from .dob_scope_scope import DobScopeScope
from .email_record import EmailRecord
from .email_record_metadata import EmailRecordMetadata
from .email_scope import EmailScope
from .email_scope_scope import EmailScopeScope
from .error_response_schema import ErrorResponseSchema
from .error_response_schema_error import ErrorResponseSchemaError
from .fetch_details_response_schema import FetchDetailsResponseSchema
from .gender_record import GenderRecord
from .gender_record_metadata import GenderRecordMetadata
from .gender_scope import GenderScope
from .gender_scope_scope import GenderScopeScope
from .generate_token_request_schema import GenerateTokenRequestSchema
from .generate_token_response_schema import GenerateTokenResponseSchema
from .identifier_type import IdentifierType
from .income_band import IncomeBand
from .income_record import IncomeRecord
from .income_record_metadata import IncomeRecordMetadata
from .income_scope import IncomeScope
from .income_scope_scope import IncomeScopeScope
from .initiate_oauth_request_schema import InitiateOauthRequestSchema
from .initiate_oauth_request_schema_user import InitiateOauthRequestSchemaUser
from .initiate_oauth_request_schema_user_identifier_type import (
    InitiateOauthRequestSchemaUserIdentifierType,
)
from .initiate_oauth_response_schema import InitiateOauthResponseSchema
from .mobile_record import MobileRecord
from .mobile_record_metadata import MobileRecordMetadata
from .mobile_scope import MobileScope
from .mobile_scope_scope import MobileScopeScope
from .name_record import NameRecord
from .name_record_metadata import NameRecordMetadata
from .name_scope import NameScope
from .name_scope_scope import NameScopeScope
from .oauth_user_identifier import OauthUserIdentifier
from .occupation_record import OccupationRecord
from .occupation_record_metadata import OccupationRecordMetadata
from .occupation_scope import OccupationScope
from .occupation_scope_scope import OccupationScopeScope
from .pan_record import PANRecord
from .pan_record_metadata import PANRecordMetadata
from .pan_scope import PanScope
from .pan_scope_scope import PanScopeScope
from .pan_type import PanType
from .scope_name import ScopeName
from .split_address_record import SplitAddressRecord
from .unknown_scope import UnknownScope
from .unknown_scope_records_item import UnknownScopeRecordsItem

__all__ = (
    "AadhaarRecord",
    "AadhaarRecordMetadata",
    "AadhaarScope",
    "AadhaarScopeScope",
    "AadhaarSeedingStatus",
    "AddressRecord",
    "AddressRecordMetadata",
    "AddressScope",
    "AddressScopeScope",
    "BAVRecord",
    "BAVRecordMetadata",
    "BankAccountScope",
    "BankAccountScopeScope",
    "DOBRecord",
    "DOBRecordMetadata",
    "DataAvailabilityRequestSchema",
    "DataAvailabilityRequestSchemaUserItem",
    "DataAvailabilityRequestSchemaUserItemIdentifierType",
    "DataAvailabilityResponseSchema",
    "DataAvailabilityResponseSchemaAvailableScopesItem",
    "DataAvailabilityResponseSchemaUserItem",
    "DobScope",
    "DobScopeScope",
    "EmailRecord",
    "EmailRecordMetadata",
    "EmailScope",
    "EmailScopeScope",
    "ErrorResponseSchema",
    "ErrorResponseSchemaError",
    "FetchDetailsResponseSchema",
    "GenderRecord",
    "GenderRecordMetadata",
    "GenderScope",
    "GenderScopeScope",
    "GenerateTokenRequestSchema",
    "GenerateTokenResponseSchema",
    "IdentifierType",
    "IncomeBand",
    "IncomeRecord",
    "IncomeRecordMetadata",
    "IncomeScope",
    "IncomeScopeScope",
    "InitiateOauthRequestSchema",
    "InitiateOauthRequestSchemaUser",
    "InitiateOauthRequestSchemaUserIdentifierType",
    "InitiateOauthResponseSchema",
    "MobileRecord",
    "MobileRecordMetadata",
    "MobileScope",
    "MobileScopeScope",
    "NameRecord",
    "NameRecordMetadata",
    "NameScope",
    "NameScopeScope",
    "OauthUserIdentifier",
    "OccupationRecord",
    "OccupationRecordMetadata",
    "OccupationScope",
    "OccupationScopeScope",
    "PANRecord",
    "PANRecordMetadata",
    "PanScope",
    "PanScopeScope",
    "PanType",
    "ScopeName",
    "SplitAddressRecord",
    "UnknownScope",
    "UnknownScopeRecordsItem",
)
