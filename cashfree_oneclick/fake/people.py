"""Synthetic people: deterministic per mobile number, valid in format, obviously fake.

The same mobile number always gives the same person (Faker's en_IN locale seeded by the number).
Values that identify a real person are made visibly fake while keeping the vendor's formats: names
start with "Test", emails are at example.com, PANs end in 'Z' (after the 'P' of a person), bank
codes are FAKE0…, and Aadhaar is only ever the masked form (eight x and four digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from faker import Faker

INCOME_BANDS = ("BELOW_ONE_LAKH", "ONE_TO_FIVE_LAKHS", "FIVE_TO_TEN_LAKHS", "ABOVE_TEN_LAKHS")
OCCUPATIONS = ("Salaried", "Self Employed", "Business", "Student", "Retired", "Homemaker")
_FAKER = Faker("en_IN")


@dataclass(frozen=True)
class Address:
    house: str
    street: str
    landmark: str
    vtc: str
    subdist: str
    dist: str
    state: str
    pincode: str
    country: str = "India"

    @property
    def complete(self) -> str:
        parts = (self.house, self.street, self.vtc, self.dist, f"{self.state} {self.pincode}", self.country)
        return ", ".join(parts)


@dataclass(frozen=True)
class Person:
    mobile: str
    name: str
    gender: str  # MALE / FEMALE
    dob: str  # YYYY-MM-DD
    email: str
    address: Address
    pan: str
    aadhaar_masked: str
    bank_account: str
    ifsc: str
    micr: str
    bank_name: str
    occupation: str
    income: str
    care_of: str
    # What a persona (personas.py) changes; an individual with a seeded Aadhaar by default.
    pan_type: str = "Individual"
    aadhaar_seeding: str = "Y"
    business_name: str | None = None


@lru_cache(maxsize=4096)
def person_for(mobile: str) -> Person:
    """The synthetic person behind ``mobile`` (10 digits)."""
    fake = _FAKER
    fake.seed_instance(int(mobile) if mobile.isdigit() else mobile)
    male = fake.boolean()
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    city = fake.city()
    address = Address(
        house=f"Test House {fake.building_number()}",
        street=fake.street_name(),
        landmark=f"Near {fake.last_name()} Test Park",
        vtc=city,
        subdist=city,
        dist=city,
        state=fake.state(),
        pincode=fake.numerify("5#####"),
    )
    letters = fake.lexify("????", letters="ABCDEFGHIJKLMNOPQRSTUVWXY")
    return Person(
        mobile=mobile,
        name=f"Test {first} {last}",
        gender="MALE" if male else "FEMALE",
        # A fixed range, not Faker's date_of_birth (relative to today): the same person every day.
        dob=fake.date_between_dates(date(1946, 1, 1), date(2005, 12, 31)).isoformat(),
        # ASCII only: some en_IN surnames carry a U+2019 apostrophe, not valid in a plain address.
        email=re.sub(r"[^a-z0-9.]", "", f"test.{first}.{last}".lower()) + "@example.com",
        address=address,
        # PAN: five letters, four digits, a letter. The fourth letter is the holder type ('P' person).
        pan=f"{letters[:3]}P{letters[3]}{fake.numerify('####')}Z",
        aadhaar_masked="xxxxxxxx" + fake.numerify("####"),
        bank_account=fake.numerify("9" + "#" * 11),
        ifsc="FAKE0" + fake.numerify("######"),
        micr=fake.numerify("#########"),
        bank_name="Test Bank of India",
        occupation=fake.random_element(OCCUPATIONS),
        income=fake.random_element(INCOME_BANDS),
        care_of=f"S/O: Test {fake.first_name_male()} {last}",
    )
