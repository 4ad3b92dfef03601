"""Who is behind a mobile number: the synthetic person (people.py) shaped by a persona.

A persona is one documented variation of the person an app can meet: an individual with every scope,
a business (Company) PAN, a PAN whose Aadhaar is not seeded, a user the vendor holds few scopes for.
Tests pick one per mobile number (or for every number); the magic numbers (magic.py) pick one with
no control call at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cashfree_oneclick.fake.magic import MAGIC_NUMBERS
from cashfree_oneclick.fake.people import Person
from cashfree_oneclick.fake.records import ALL_SCOPES
from cashfree_oneclick.fake.state import StateStore


@dataclass(frozen=True)
class Persona:
    name: str
    description: str
    pan_type: str = "Individual"  # documented: Individual, Company
    aadhaar_seeding: str = "Y"  # documented: Y, R, NA
    available_scopes: tuple[str, ...] = ALL_SCOPES

    def apply(self, person: Person) -> Person:
        if self.pan_type == "Company":
            # The fourth PAN letter is the holder type: C for a company.
            pan = person.pan[:3] + "C" + person.pan[4:]
            person = replace(person, pan=pan, business_name=f"{person.name} Traders Pvt Ltd")
        return replace(person, pan_type=self.pan_type, aadhaar_seeding=self.aadhaar_seeding)


PERSONAS: dict[str, Persona] = {
    persona.name: persona
    for persona in (
        Persona("individual", "An individual; the vendor holds every scope (the default)."),
        Persona("business_pan", "The PAN belongs to a company (type Company, fourth letter C).", "Company"),
        Persona(
            "aadhaar_not_seeded",
            "The PAN is not linked to an Aadhaar (seeding status NA).",
            "Individual",
            "NA",
        ),
        Persona(
            "scopes_missing",
            "The vendor holds only MOBILE, NAME and EMAIL: data availability lists those; a consent to "
            "any other is refused (422 scopes_not_available).",
            available_scopes=("EMAIL", "MOBILE", "NAME"),
        ),
    )
}
DEFAULT_PERSONA = "individual"


def persona(name: str) -> Persona:
    if name not in PERSONAS:
        raise ValueError(f"unknown persona {name!r}; one of {sorted(PERSONAS)}")
    return PERSONAS[name]


class People:
    """The persona chosen for each mobile number (and for every other number), kept in the tenant's
    state store: every worker sees the same choices."""

    def __init__(self, store: StateStore) -> None:
        self._store = store

    async def choose(self, name: str, mobile: str | None = None) -> None:
        """Use persona ``name`` for ``mobile``, or for every number not chosen one by one.

        ValueError for an unknown persona or number; CapReachedError beyond the tenant's cap."""
        persona(name)
        if mobile is not None and not (len(mobile) == 10 and mobile.isdigit()):
            raise ValueError("mobile must be 10 digits")
        await self._store.choose_persona(name, mobile)

    async def for_mobile(self, mobile: str) -> Persona:
        own, default = await self._store.personas(mobile)
        if own is not None:
            return PERSONAS[own]
        magic = MAGIC_NUMBERS.get(mobile)
        if magic is not None and magic.persona:
            return PERSONAS[magic.persona]
        return PERSONAS[default or DEFAULT_PERSONA]

    async def chosen(self) -> tuple[str, int]:
        """(the persona of every number not chosen one by one, how many numbers have their own)."""
        default, count = await self._store.personas_chosen()
        return default or DEFAULT_PERSONA, count
