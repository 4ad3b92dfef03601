"""The deviation register loader: strict validation, and glob matching of findings to entries."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.deviations import Deviation, Match, Register, RegisterError, load_register
from scripts.yaml_io import load_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "deviations.yaml"
REAL = Path(__file__).resolve().parents[1] / "openapi" / "deviations.yaml"
INITIATE_USER = (
    "/components/responses/InitiateOauthResponse/content/application~1json/examples/SUCCESS/value/user"
)


@pytest.fixture
def register() -> Register:
    return load_register(FIXTURE)


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "deviations.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _fixture() -> dict[str, Any]:
    raw: dict[str, Any] = load_yaml(FIXTURE.read_text(encoding="utf-8"))
    return raw


def test_fixture_loads_into_frozen_entries(register: Register) -> None:
    assert [d.id for d in register.deviations] == ["DEV-001", "DEV-002", "DEV-003"]
    first = register.deviations[0]
    assert first.decision == "both"
    assert first.title == "Initiate OAuth returns `user` as a list where the schema says object"
    assert first.matches[0] == Match(
        "lint", (("file", "contract*"), ("pointer", INITIATE_USER), ("rule", "type")), frozenset({"array"})
    )
    assert first.matches[1].source == "contract"
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.id = "DEV-999"  # type: ignore[misc]


def test_the_real_register_is_valid() -> None:
    deviations = load_register(REAL).deviations
    assert deviations, "openapi/deviations.yaml holds no entry"
    assert all(isinstance(d, Deviation) and d.matches for d in deviations)


def test_an_empty_register_is_valid(tmp_path: Path) -> None:
    assert load_register(_write(tmp_path, {"deviations": []})) == Register(())


SCORE = "/scopes/*/records/*/confidence_score"


@pytest.mark.parametrize(
    ("source", "observed", "fields", "expected"),
    [
        # exact values and globs
        ("lint", "array", {"file": "contract", "pointer": INITIATE_USER, "rule": "type"}, "DEV-001"),
        ("lint", "array", {"file": "contract-fake", "pointer": INITIATE_USER, "rule": "type"}, "DEV-001"),
        ("contract", "array", {"operation": "VrsUserVaultOauthInitiation", "pointer": "/user"}, "DEV-001"),
        # DEV-002's lint match names only a pointer: any file and any rule match it
        ("lint", "null", {"file": "x", "pointer": "/a/scopes/3/records/0/confidence_score"}, "DEV-002"),
        # the first entry wins: DEV-003 also covers this one
        ("lint", "null", {"file": "client", "pointer": "/p/scopes/0/records/0/confidence_score"}, "DEV-002"),
        ("lint", "string", {"file": "client", "pointer": "/elsewhere", "rule": "type"}, "DEV-003"),
        # only the given fields are checked
        ("lint", "array", {"file": "contract"}, "DEV-001"),
        # no entry: another rule, another file, another source's fields
        ("lint", "array", {"file": "client", "pointer": "/elsewhere", "rule": "enum"}, None),
        ("lint", "array", {"file": "vendor", "pointer": INITIATE_USER, "rule": "type"}, None),
        ("contract", "array", {"operation": "VrsUserVaultOauthInitiation", "pointer": "/other"}, None),
        ("contract", "array", {"check": "status_code_conformance", "pointer": "/user"}, None),
        # the place is right, the kind of value is not what the entry records: new
        ("contract", "string", {"check": "response_schema_conformance", "pointer": SCORE}, None),
        ("contract", "object", {"operation": "VrsUserVaultOauthInitiation", "pointer": "/user"}, None),
        ("lint", "integer", {"file": "x", "pointer": "/a/scopes/3/records/0/confidence_score"}, None),
        ("contract", "null", {"check": "response_schema_conformance", "pointer": SCORE}, "DEV-002"),
        # a finding about no value (a status, a rule of prose) matches no entry at all
        ("contract", None, {"check": "response_schema_conformance", "pointer": SCORE}, None),
        ("lint", None, {"file": "client", "pointer": "/elsewhere", "rule": "type"}, None),
    ],
)
def test_find(
    register: Register, source: str, observed: str | None, fields: dict[str, str], expected: str | None
) -> None:
    found = register.find(source, observed, **fields)
    assert (found.id if found else None) == expected


def test_observed_number_admits_integers_and_yaml_null_is_the_null_type(tmp_path: Path) -> None:
    document = _fixture()
    document["deviations"][1]["matches"][1]["observed"] = {"type": ["number", None]}
    register = load_register(_write(tmp_path, document))
    assert register.deviations[1].matches[1].observed == frozenset({"number", "null"})
    expectations = {"integer": "DEV-002", "number": "DEV-002", "null": "DEV-002", "string": None}
    for kind, expected in expectations.items():
        found = register.find("contract", kind, pointer=SCORE)
        assert (found.id if found else None) == expected, kind


def test_find_refuses_an_unknown_source_or_field(register: Register) -> None:
    with pytest.raises(ValueError, match="operation"):
        register.find("lint", operation="x")
    with pytest.raises(ValueError, match="'runtime'"):
        register.find("runtime", pointer="/x")
    with pytest.raises(ValueError, match="JSON type"):
        register.find("contract", "float", pointer="/x")


def _set(index: int, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        document["deviations"][index][key] = value

    return mutate


def _delete(index: int, key: str) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        del document["deviations"][index][key]

    return mutate


def _set_match(index: int, match: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        document["deviations"][index]["matches"][0] = match

    return mutate


def _duplicate_id(document: dict[str, Any]) -> None:
    document["deviations"][2]["id"] = "DEV-001"


@pytest.mark.parametrize(
    ("mutate", "named", "message"),
    [
        (_set(1, "severity", "high"), "entry 1 (DEV-002)", "unknown keys ['severity']"),
        (_delete(2, "spec_says"), "entry 2 (DEV-003)", "missing keys ['spec_says']"),
        (_delete(1, "id"), "entry 1 (no id)", "missing keys ['id']"),
        (_set(0, "id", "DEV-1"), "entry 0 (DEV-1)", "id must be"),
        (_set(0, "id", "dev-001"), "entry 0 (dev-001)", "id must be"),
        (_set(0, "id", "DEV-0001"), "entry 0 (DEV-0001)", "id must be"),
        (_set(0, "id", 1), "entry 0 (1)", "id must be"),
        (_duplicate_id, "entry 2 (DEV-001)", "duplicate id, first used by entry 0"),
        (_set(1, "decision", "ignored"), "entry 1 (DEV-002)", "decision must be one of"),
        (_set(1, "decision", ["both"]), "entry 1 (DEV-002)", "decision must be one of"),
        (_set(2, "title", " "), "entry 2 (DEV-003)", "title must be a non-empty string"),
        (_set(2, "matches", []), "entry 2 (DEV-003)", "matches must be a non-empty list"),
        (_set(2, "matches", {"source": "lint"}), "entry 2 (DEV-003)", "matches must be a non-empty list"),
        (_set_match(0, {"source": "runtime", "pointer": "/x"}), "DEV-001): match 0", "needs a source"),
        (_set_match(0, {"pointer": "/x"}), "DEV-001): match 0", "needs a source"),
        (_set_match(1, {"source": "lint", "check": "x"}), "DEV-002): match 0", "got ['check']"),
        (_set_match(1, {"source": "contract"}), "DEV-002): match 0", "got []"),
        (_set_match(1, {"source": "lint", "rule": 3}), "DEV-002): match 0", "non-empty strings"),
        (_set_match(1, {"source": "lint", "rule": ""}), "DEV-002): match 0", "non-empty strings"),
        (_set(0, "matches", ["lint"]), "DEV-001): match 0", "needs a source"),
        # what the vendor sends there: required, a mapping of one key, JSON types only
        (_set_match(1, {"source": "lint", "rule": "type"}), "DEV-002): match 0", "needs `observed"),
        (_set_match(1, {"source": "lint", "rule": "type", "observed": "null"}), "match 0", "one key, `type`"),
        (_set_match(1, {"source": "lint", "rule": "type", "observed": {}}), "match 0", "one key, `type`"),
        (
            _set_match(1, {"source": "lint", "rule": "type", "observed": {"type": None, "pattern": "x"}}),
            "DEV-002): match 0",
            "one key, `type`, got ['pattern', 'type']",
        ),
        (
            _set_match(1, {"source": "contract", "pointer": "/x", "observed": {"type": "float"}}),
            "DEV-002): match 0",
            "observed type must be one of",
        ),
        (
            _set_match(1, {"source": "contract", "pointer": "/x", "observed": {"type": []}}),
            "DEV-002): match 0",
            "observed type must be one of",
        ),
        (
            _set_match(1, {"source": "contract", "pointer": "/x", "observed": {"type": ["null", 3]}}),
            "DEV-002): match 0",
            "observed type must be one of",
        ),
    ],
)
def test_a_malformed_entry_is_refused_naming_file_and_entry(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], None], named: str, message: str
) -> None:
    document = _fixture()
    mutate(document)
    path = _write(tmp_path, document)
    with pytest.raises(RegisterError) as raised:
        load_register(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert named in str(raised.value)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: DEV-001\n", "one key, 'deviations'"),
        ("deviations: []\nextra: 1\n", "one key, 'deviations'"),
        ("deviations: {}\n", "one key, 'deviations'"),
        ("deviations:\n  - 'DEV-001'\n", "entry 0: an entry must be a mapping"),
        ("deviations: [\n", "not valid YAML"),
        # PyYAML would keep the second `decision` silently; the loader refuses it.
        (
            "deviations:\n  - id: DEV-001\n    decision: both\n    decision: both\n",
            "duplicate key 'decision'",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterError, match=re.escape(str(path))) as raised:
        load_register(path)
    assert message in str(raised.value)
