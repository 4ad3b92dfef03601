"""Each magic mobile number triggers the outcome the README documents for it, with no control call."""

from __future__ import annotations

from pathlib import Path

import pytest

from cashfree_oneclick import CashfreeError
from cashfree_oneclick.fake.controls import ConsentRefused, ControlError
from cashfree_oneclick.fake.kit import OneClickFake
from cashfree_oneclick.fake.magic import MAGIC_NUMBERS, MagicNumber
from cashfree_oneclick.fake.personas import PERSONAS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_documents_every_magic_number() -> None:
    text = README.read_text(encoding="utf-8")
    for magic in MAGIC_NUMBERS.values():
        assert f"| `{magic.mobile}` | {magic.outcome} |" in text


@pytest.mark.parametrize("magic", list(MAGIC_NUMBERS.values()), ids=lambda m: m.mobile)
def test_each_magic_number_triggers_its_outcome(oneclick_fake: OneClickFake, magic: MagicNumber) -> None:
    with oneclick_fake.client() as cf:
        if magic.status is not None:
            with pytest.raises(CashfreeError) as error:
                cf.data_availability("vid-magic", magic.mobile)
            assert error.value.status == magic.status
            assert oneclick_fake.journal[0].status == magic.status  # first attempt, no control call
            return
        available = cf.data_availability("vid-magic", magic.mobile).available_scopes
        session = cf.initiate_session("vid-magic", magic.mobile)
        if magic.consent is not None:
            with pytest.raises(ConsentRefused):
                oneclick_fake.approve(str(session.session_id))
            return
        assert magic.persona is not None
        persona = PERSONAS[magic.persona]
        assert sorted(str(s.scope) for s in available) == sorted(persona.available_scopes)
        if "PAN" not in persona.available_scopes:
            # The consent screen never offered PAN: a grant of it is refused, not a silent success.
            with pytest.raises(ControlError) as refused:
                oneclick_fake.approve(str(session.session_id), scopes=["PAN"])
            assert (refused.value.status, refused.value.code) == (422, "scopes_not_available")
            return
        token = cf.generate_token(oneclick_fake.approve(str(session.session_id), scopes=["PAN"]))
        details = cf.fetch_user_details(str(token.access_token)).to_dict()
    pan = next(s for s in details["scopes"] if s["scope"] == "PAN")
    assert pan["records"][0]["metadata"]["type"] == persona.pan_type
    assert pan["records"][0]["metadata"]["aadhaar_seeding_status"] == persona.aadhaar_seeding
