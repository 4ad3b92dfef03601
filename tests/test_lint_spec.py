"""The spec lint: where examples are found, what a finding says, and how the CLI judges a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.example_sites import Site, iter_examples
from scripts.lint_spec import Finding, lint_document, load_document, main

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "openapi" / "vendor"
JSON_MEDIA = "/content/application~1json"


def _doc(paths: dict[str, Any] | None = None, **components: Any) -> dict[str, Any]:
    """A minimal valid OpenAPI 3.0 document around ``paths`` and ``components``."""
    document: dict[str, Any] = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    document["paths"] = paths or {}
    if components:
        document["components"] = components
    return document


def _ok(schema: dict[str, Any], **media: Any) -> dict[str, Any]:
    """An operation whose 200 response is JSON of ``schema`` with ``media`` (example/examples)."""
    content = {"application/json": {"schema": schema, **media}}
    return {"get": {"responses": {"200": {"description": "ok", "content": content}}}}


def _found(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f.pointer, f.rule, f.schema_pointer) for f in lint_document(document, "doc")}


def test_every_kind_of_example_location_is_found() -> None:
    string = {"type": "string"}
    document = _doc(
        {
            "/a": {
                "parameters": [{"name": "p", "in": "query", "schema": string, "example": "x"}],
                "post": {
                    "parameters": [
                        {"name": "q", "in": "query", "schema": string, "examples": {"one": {"value": "y"}}}
                    ],
                    "requestBody": {"content": {"text/plain": {"schema": string, "example": "body"}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"X-H": {"schema": string, "example": "h"}},
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object", "example": {}},
                                    "examples": {"ref": {"$ref": "#/components/examples/E"}},
                                }
                            },
                        },
                        "400": {"$ref": "#/components/responses/R"},
                    },
                },
            }
        },
        schemas={
            "S": {
                "type": "object",
                "default": {},
                "properties": {"a": {"type": "array", "items": {"type": "integer", "example": 1}}},
                "additionalProperties": {"type": "string", "example": "extra"},
                "allOf": [{"type": "object", "example": {}}],
                "anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "object", "example": {"k": 1}}],
                "oneOf": [{"type": "object", "not": {"type": "string", "example": "n"}}],
            },
            "T": {"type": "object"},
        },
        responses={
            "R": {"description": "r", "content": {"application/json": {"schema": string, "example": "r"}}}
        },
        requestBodies={"B": {"content": {"application/json": {"schema": string, "example": "b"}}}},
        parameters={"P": {"name": "p", "in": "header", "schema": string, "examples": {"e": {"value": "v"}}}},
        headers={"H": {"schema": string, "example": "hh"}},
        examples={"E": {"value": {}}, "Unused": {"value": 1}},
    )
    op = "/paths/~1a/post"
    schemas = "/components/schemas/S"
    expected = {
        ("/paths/~1a/parameters/0/example", "/paths/~1a/parameters/0/schema", ""),
        (f"{op}/parameters/0/examples/one/value", f"{op}/parameters/0/schema", ""),
        (f"{op}/requestBody/content/text~1plain/example", f"{op}/requestBody/content/text~1plain/schema", ""),
        (f"{op}/responses/200/headers/X-H/example", f"{op}/responses/200/headers/X-H/schema", ""),
        # an inline schema's own example, where it is written
        (f"{op}/responses/200{JSON_MEDIA}/schema/example", f"{op}/responses/200{JSON_MEDIA}/schema", ""),
        # a $ref'd example: reported where its value is written, checked against the referencing schema
        (
            "/components/examples/E/value",
            f"{op}/responses/200{JSON_MEDIA}/schema",
            f"{op}/responses/200{JSON_MEDIA}/examples/ref",
        ),
        (f"{schemas}/default", schemas, ""),
        (f"{schemas}/properties/a/items/example", f"{schemas}/properties/a/items", ""),
        (f"{schemas}/additionalProperties/example", f"{schemas}/additionalProperties", ""),
        (f"{schemas}/allOf/0/example", f"{schemas}/allOf/0", ""),
        (f"{schemas}/anyOf/1/example", f"{schemas}/anyOf/1", ""),
        (f"{schemas}/oneOf/0/not/example", f"{schemas}/oneOf/0/not", ""),
        (f"/components/responses/R{JSON_MEDIA}/example", f"/components/responses/R{JSON_MEDIA}/schema", ""),
        (
            f"/components/requestBodies/B{JSON_MEDIA}/example",
            f"/components/requestBodies/B{JSON_MEDIA}/schema",
            "",
        ),
        ("/components/parameters/P/examples/e/value", "/components/parameters/P/schema", ""),
        ("/components/headers/H/example", "/components/headers/H/schema", ""),
    }
    sites = [site for site in iter_examples(document) if isinstance(site, Site)]
    # Each example once, where it is written: the response behind $ref is walked as a component only.
    assert len(sites) == len(expected)
    assert {(s.pointer, s.schema, s.via) for s in sites} == expected
    assert lint_document(document, "doc") == []


def test_a_wrong_type_in_a_response_example() -> None:
    schema = {"type": "object", "properties": {"id": {"type": "string"}}}
    document = _doc({"/a": _ok(schema, examples={"OK": {"value": {"id": 7}}})})
    [finding] = lint_document(document, "contract")
    media = f"/paths/~1a/get/responses/200{JSON_MEDIA}"
    assert finding == Finding(
        file="contract",
        pointer=f"{media}/examples/OK/value/id",
        value=7,
        rule="type",
        schema_pointer=f"{media}/schema/properties/id/type",
        message="7 is not of type 'string'",
    )
    assert (
        finding.line()
        == f"contract:{media}/examples/OK/value/id: type broken: 7 is not of type 'string' (value: 7)"
    )


def test_a_wrong_type_in_a_parameter_example() -> None:
    parameter = {"name": "n", "in": "query", "schema": {"type": "integer"}, "example": "ten"}
    document = _doc(parameters={"N": parameter})
    assert _found(document) == {
        ("/components/parameters/N/example", "type", "/components/parameters/N/schema/type")
    }


def test_a_wrong_example_or_default_in_a_schema() -> None:
    document = _doc(
        schemas={"S": {"type": "object", "properties": {"n": {"type": "integer", "example": 1.5}}}}
    )
    assert _found(document) == {
        ("/components/schemas/S/properties/n/example", "type", "/components/schemas/S/properties/n/type")
    }
    # A bad default is also refused by openapi-spec-validator itself: the document is then invalid.
    bad_default = _doc(schemas={"S": {"type": "string", "enum": ["a"], "default": "b"}})
    assert ("/components/schemas/S/default", "enum", "/components/schemas/S/enum") in _found(bad_default)


@pytest.mark.parametrize(("nullable", "expected"), [(True, set()), (False, {"type"})])
def test_null_is_refused_unless_the_schema_is_nullable(nullable: bool, expected: set[str]) -> None:
    schema = {"type": "object", "properties": {"score": {"type": "number", "nullable": nullable}}}
    document = _doc({"/a": _ok(schema, example={"score": None})})
    assert {rule for _, rule, _ in _found(document)} == expected


def test_an_anyof_failure_is_reported_at_its_leaf() -> None:
    records = {
        name: {"type": "object", "properties": {"score": {"type": "number"}, key: {"type": "string"}}}
        for name, key in (("Mobile", "mobile"), ("Email", "email"))
    }
    union = {"type": "array", "items": {"anyOf": [{"$ref": f"#/components/schemas/{n}"} for n in records]}}
    document = _doc(schemas={**records, "Union": {**union, "example": [{"score": None, "mobile": "1"}]}})
    # not "is not valid under any of the given schemas" at /0, and one finding for the two branches
    assert _found(document) == {
        (
            "/components/schemas/Union/example/0/score",
            "type",
            "/components/schemas/Mobile/properties/score/type",
        )
    }


def test_a_oneof_failure_names_the_closest_branch() -> None:
    branches = [
        {
            "type": "object",
            "required": ["kind", "n"],
            "properties": {"kind": {"enum": ["a"]}, "n": {"type": "integer"}},
        },
        {"type": "object", "required": ["x", "y"]},  # two errors: farther than branch 0
    ]
    document = _doc(schemas={"U": {"oneOf": branches, "example": {"kind": "a", "n": "1"}}})
    assert _found(document) == {
        ("/components/schemas/U/example/n", "type", "/components/schemas/U/oneOf/0/properties/n/type")
    }


def test_pointers_escape_slash_and_tilde() -> None:
    schema = {"type": "object", "properties": {"a/b": {"type": "string"}, "c~d": {"type": "string"}}}
    document = _doc({"/x/y~z": _ok(schema, example={"a/b": 1, "c~d": 2})})
    media = f"/paths/~1x~1y~0z/get/responses/200{JSON_MEDIA}"
    assert {p for p, _, _ in _found(document)} == {f"{media}/example/a~1b", f"{media}/example/c~0d"}
    assert {s for _, _, s in _found(document)} == {
        f"{media}/schema/properties/a~1b/type",
        f"{media}/schema/properties/c~0d/type",
    }


def test_a_referenced_example_is_reported_where_it_is_written_once() -> None:
    schema = {"$ref": "#/components/schemas/Error"}
    referenced = {"examples": {"Bad": {"$ref": "#/components/examples/Bad"}}}
    document = _doc(
        {"/a": _ok(schema, **referenced), "/b": _ok(schema, **referenced)},
        schemas={"Error": {"type": "object", "properties": {"code": {"type": "string"}}}},
        examples={"Bad": {"value": {"code": 42}}},
    )
    [finding] = lint_document(document, "doc")
    assert (finding.pointer, finding.rule) == ("/components/examples/Bad/value/code", "type")
    assert finding.schema_pointer == "/components/schemas/Error/properties/code/type"
    assert "referenced from /paths/~1a/get/responses/200" in finding.message


def test_a_dangling_example_reference_is_a_finding() -> None:
    document = _doc({"/a": _ok({"type": "string"}, examples={"X": {"$ref": "#/components/examples/Nope"}})})
    [finding] = [f for f in lint_document(document, "doc") if f.rule == "$ref"]
    assert finding.pointer == f"/paths/~1a/get/responses/200{JSON_MEDIA}/examples/X/$ref"


def test_openapi_formats_are_honoured() -> None:
    document = _doc(schemas={"I": {"type": "integer", "format": "int32", "example": 2**40}})
    assert _found(document) == {("/components/schemas/I/example", "format", "/components/schemas/I/format")}


def test_an_invalid_document_is_reported_as_openapi_findings() -> None:
    document = _doc()
    del document["info"]
    document["paths"] = {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}, "b": {}}
    rules = {(f.pointer, f.rule) for f in lint_document(document, "doc")}
    assert rules
    assert {rule for _, rule in rules} == {"openapi-3.0"}


def test_a_schema_that_cannot_be_evaluated_is_a_finding_not_a_crash() -> None:
    media = f"/paths/~1a/get/responses/200{JSON_MEDIA}"
    document = _doc({"/a": _ok({"$ref": "#/components/schemas/Nope"}, example=1)})
    findings = {(f.pointer, f.rule): f.message for f in lint_document(document, "doc")}
    # openapi-spec-validator stops at the dangling $ref; the lint reports that, and goes on
    assert (
        findings[("", "openapi-3.0")] == "validation stopped: cannot resolve $ref '/components/schemas/Nope'"
    )
    assert findings[(f"{media}/example", "schema")].endswith("cannot resolve $ref '/components/schemas/Nope'")


def test_a_yaml_date_stays_a_string(tmp_path: Path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    D: {type: string, format: date, example: 2024-01-31}\n",
        encoding="utf-8",
    )
    assert load_document(path)["components"]["schemas"]["D"]["example"] == "2024-01-31"
    assert lint_document(load_document(path), "dates") == []


# The CLI: a contract-like document with one finding, matched (or not) by a register.
REGISTER = """\
deviations:
  - id: DEV-001
    title: t
    where: w
    spec_says: s
    vendor_says: v
    decision: both
    matches:
      - source: lint
        file: contract*
        pointer: /components/schemas/S/example
        rule: type
        observed: {{type: integer}}
{extra}"""
STALE = """\
  - id: DEV-002
    title: t
    where: w
    spec_says: s
    vendor_says: v
    decision: both
    matches:
      - source: lint
        pointer: /nowhere
        observed: {type: integer}
      - source: contract
        pointer: /x
        observed: {type: integer}
"""


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    path = tmp_path / "contract.yaml"
    path.write_text(yaml.safe_dump(_doc(schemas={"S": {"type": "string", "example": 1}})), encoding="utf-8")
    return path


def _register(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "deviations.yaml"
    path.write_text(REGISTER.format(extra=extra), encoding="utf-8")
    return path


def test_cli_a_registered_finding_is_known(
    tmp_path: Path, contract: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main([str(contract), "--deviations", str(_register(tmp_path, STALE)), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "known (DEV-001): contract:/components/schemas/S/example: type broken:" in printed
    assert "warning: DEV-002" in printed
    assert "DEV-001 has" not in printed
    [record] = json.loads((out / "lint-findings.json").read_text(encoding="utf-8"))
    assert record == {
        "file": "contract",
        "pointer": "/components/schemas/S/example",
        "value": 1,
        "rule": "type",
        "schema_pointer": "/components/schemas/S/type",
        "message": "1 is not of type 'string'",
        "deviation": "DEV-001",
    }


def test_cli_an_unregistered_finding_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "client.yaml"  # the register's glob names contract* only
    other.write_text(yaml.safe_dump(_doc(schemas={"S": {"type": "string", "example": 1}})), encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(other), "--deviations", str(_register(tmp_path)), "--out", str(out)]) == 1
    assert "NEW: client:/components/schemas/S/example" in capsys.readouterr().out
    assert json.loads((out / "lint-findings.json").read_text(encoding="utf-8"))[0]["deviation"] is None
    # without a register every finding is new
    assert main([str(other)]) == 1


def test_cli_a_finding_of_another_kind_of_value_is_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DEV-001 records an integer example where the schema says string: a boolean there is new."""
    contract = tmp_path / "contract.yaml"
    contract.write_text(
        yaml.safe_dump(_doc(schemas={"S": {"type": "string", "example": True}})), encoding="utf-8"
    )
    assert main([str(contract), "--deviations", str(_register(tmp_path))]) == 1
    assert "NEW: contract:/components/schemas/S/example" in capsys.readouterr().out


def test_cli_report_lists_and_passes(contract: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(contract), "--report"]) == 0
    assert "finding: contract:/components/schemas/S/example" in capsys.readouterr().out


def test_cli_an_invalid_document_always_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\npaths: {}\n", encoding="utf-8")
    assert main([str(broken), "--report"]) == 1
    assert "not valid OpenAPI 3.0: broken" in capsys.readouterr().out


def test_cli_unreadable_input_is_an_error(tmp_path: Path, contract: Path) -> None:
    assert main([str(tmp_path / "missing.yaml"), "--report"]) == 2
    bad_register = tmp_path / "bad.yaml"
    bad_register.write_text("deviations: {}\n", encoding="utf-8")
    assert main([str(contract), "--deviations", str(bad_register)]) == 2


def test_the_vendor_files_contradict_themselves_exactly_here() -> None:
    found = {
        (f.file, f.pointer, f.rule)
        for path in sorted(VENDOR.glob("*.yaml"))
        for f in lint_document(load_document(path), path.stem)
    }
    initiate = f"/components/responses/InitiateOauthResponse{JSON_MEDIA}/examples/SUCCESS/value"
    fetch = f"/components/responses/FetchDetailsResponse{JSON_MEDIA}/examples/SUCCESS/value"
    null_scores = {  # MOBILE, EMAIL, ADDRESS, GENDER, DOB, OCCUPATION, INCOME
        ("get-oauth2-user-details", f"{fetch}/scopes/{i}/records/0/confidence_score", "type")
        for i in (0, 1, 2, 3, 4, 9, 10)
    }
    assert found == {
        ("post-oauth2-session", f"{initiate}/user", "type"),
        ("get-oauth2-user-details", f"{fetch}/reference_id", "type"),
        *null_scores,
    }
