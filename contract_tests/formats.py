"""Validation as strict as the documents: formats checked, and the vendor's date layouts read as dates.

jsonschema validates ``format`` only when given a format checker, and a ``pattern`` only as text: the
expiry pattern ``YYYY-MM-DDTHH:mm:ssZ`` lets ``2026-02-30T25:61:00Z`` through. Here:

- a :class:`jsonschema.FormatChecker` with jsonschema's own formats plus the ones the overlays declare
  (``int64``, ``int32``: the vendor writes "format: `int64`" for ``reference_id``), so an integer out
  of range is a violation;
- a ``pattern`` that is one of the vendor's date or date-time layouts (the table LAYOUTS, each the
  overlay's machine form of a sentence such as "formatted as `YYYY-MM-DD`") also requires a real
  calendar date and time, reported as a ``format`` violation at the same place.

The generated client keeps these fields strings (the overlays chose patterns, not ``format: date``, so
that a calendar quirk never fails a parse); only the contract suite judges them as dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators

INT_RANGES = {"int64": 2**63, "int32": 2**31}

# The vendor's layouts (openapi/overlays/contract.yaml's patterns) and the strptime forms they stand for.
LAYOUTS: dict[str, tuple[str, ...]] = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$": ("%Y-%m-%dT%H:%M:%SZ",),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("%Y-%m-%d",),
    "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4})$": ("%Y-%m-%d", "%d-%m-%Y"),
}

FORMATS = FormatChecker()


def _int_format(name: str) -> None:
    bound = INT_RANGES[name]

    @FORMATS.checks(name)
    def in_range(value: object) -> bool:
        # A non-integer is the `type` keyword's violation, not this format's.
        return not isinstance(value, int) or isinstance(value, bool) or -bound <= value < bound


for _name in INT_RANGES:
    _int_format(_name)


def calendar_valid(text: str, forms: tuple[str, ...]) -> bool:
    for form in forms:
        try:
            dt.datetime.strptime(text, form)
        except ValueError:
            continue
        return True
    return False


def _pattern_with_layout(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    broken = list(_pattern_keyword(validator, pattern, instance, schema))
    yield from broken
    forms = LAYOUTS.get(pattern)
    if not broken and forms and isinstance(instance, str) and not calendar_valid(instance, forms):
        yield ValidationError(
            f"not a real date or time in the layout {pattern}",
            validator="format",
            validator_value="calendar date of " + " or ".join(forms),
        )


_pattern_keyword = Draft7Validator.VALIDATORS["pattern"]
StrictValidator = validators.extend(Draft7Validator, {"pattern": _pattern_with_layout})  # type: ignore[no-untyped-call]


def strict_validator(schema: Any) -> Any:
    """A Draft 7 validator for ``schema`` that checks formats and the vendor's date layouts."""
    return StrictValidator(schema, format_checker=FORMATS)
