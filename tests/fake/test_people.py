"""Synthetic people: one per mobile number, always the same one, in the vendor's formats, visibly fake.

``person_for`` is cached; the tests compare against ``person_for.__wrapped__`` (a fresh generation) so
determinism is the generator's, not the cache's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import faker.providers.date_time
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cashfree_oneclick.fake import FakeCashfree
from cashfree_oneclick.fake.people import Person, person_for
from tests.strategies import mobile_numbers
from tests.support.fake_bundle import bundle
from tests.support.fake_flow import in_process

FORMATS = {
    "pan": re.compile(r"^[A-Z]{5}[0-9]{4}[A-Z]$"),
    "aadhaar_masked": re.compile(r"^x{8}[0-9]{4}$"),
    "ifsc": re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$"),
    "micr": re.compile(r"^[0-9]{9}$"),
    "dob": re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    "name": re.compile(r"^Test \S"),
    "email": re.compile(r"^[a-z0-9.]+@example\.com$"),
    "bank_account": re.compile(r"^[0-9]{9,18}$"),
}
GENDERS = {"MALE", "FEMALE"}


def income_bands() -> set[str]:
    schema = bundle()["components"]["schemas"]["Income_Record"]
    return set(schema["properties"]["metadata"]["properties"]["income"]["enum"])


def fresh(mobile: str) -> Person:
    return person_for.__wrapped__(mobile)


def test_the_bundle_documents_four_income_bands() -> None:
    assert income_bands() == {"BELOW_ONE_LAKH", "ONE_TO_FIVE_LAKHS", "FIVE_TO_TEN_LAKHS", "ABOVE_TEN_LAKHS"}


@given(mobile_numbers())
@example("9000000931")  # a surname with a typographic apostrophe (Faker en_IN): the email stays ASCII
@example("0000000000")
def test_every_person_is_well_formed(mobile: str) -> None:
    person = person_for(mobile)
    assert person.mobile == mobile
    for attribute, pattern in FORMATS.items():
        value = getattr(person, attribute)
        assert pattern.match(value), f"{attribute}={value!r} for {mobile}"
    assert re.fullmatch(r"[0-9]{6}", person.address.pincode)
    born = dt.date.fromisoformat(person.dob)
    assert dt.date(1900, 1, 1) < born < dt.date(2010, 1, 1)
    assert person.income in income_bands()
    assert person.gender in GENDERS
    assert person.care_of.startswith("S/O: Test ")
    assert person.address.house.startswith("Test House ")


@given(mobile_numbers())
def test_same_number_same_person(mobile: str) -> None:
    first = fresh(mobile)
    fresh("9999999999" if mobile != "9999999999" else "1111111111")  # someone else in between
    assert fresh(mobile) == first == person_for(mobile)


@given(st.lists(mobile_numbers(), min_size=2, max_size=2, unique=True))
def test_different_numbers_different_people(mobiles: list[str]) -> None:
    a, b = (fresh(m) for m in mobiles)
    assert (a.pan, a.bank_account, a.micr) != (b.pan, b.bank_account, b.micr)


def test_people_vary() -> None:
    """Not one person with several numbers: over 200 numbers, names, PANs and bands differ."""
    people = [fresh(f"98{i:08d}") for i in range(200)]
    assert len({p.pan for p in people}) == 200
    assert len({p.name for p in people}) > 100
    assert {p.income for p in people} == income_bands()
    assert {p.gender for p in people} == GENDERS


class _OtherToday(dt.datetime):
    """Faker's notion of "now", ten years and a few days on."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _OtherToday:
        return cls(2036, 3, 17, 12, 0, tzinfo=tz)


def test_same_person_on_another_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic per number, not per number and date: nothing depends on today's date."""
    today = [fresh(f"97{i:08d}") for i in range(20)]
    monkeypatch.setattr(faker.providers.date_time, "datetime", _OtherToday)
    assert [fresh(f"97{i:08d}") for i in range(20)] == today


@pytest.mark.anyio
async def test_the_api_serves_the_person_of_the_number(make_app: Callable[..., FakeCashfree]) -> None:
    async with in_process(make_app()) as fake:
        first = await fake.grant("9123123123")
        second = await fake.grant("9123123123")
        other = await fake.grant("9321321321")
        bodies = [(await fake.user_details(g.access_token)).json() for g in (first, second, other)]
    scopes = [{entry["scope"]: entry["records"] for entry in body["scopes"]} for body in bodies]
    assert scopes[0] == scopes[1]
    assert scopes[0]["PAN"] != scopes[2]["PAN"]
    person = person_for("9123123123")
    pan = scopes[0]["PAN"][0]["metadata"]
    assert (pan["pan"], pan["registered_name"]) == (person.pan, person.name)
    assert scopes[0]["AADHAAR"][0]["metadata"]["aadhaar"] == person.aadhaar_masked
    assert scopes[0]["BANK_ACCOUNT"][0]["metadata"]["micr"] == person.micr
    assert scopes[0]["INCOME"][0]["metadata"] == {"income": person.income}
