"""``scripts.spec_diff``: each class of change on a small document, the CLI, and the vendor-to-contract
diff, whose expected result is derived from the contract overlay and our additions.

The small document has one operation, ``POST /items``, whose parameter, request body and 200 body are
``$ref``s to components, so every edit made in a component must show up twice: once for the operation
(refs resolved) and once for the component, both with the component as origin: the walk's views
(``diff_views``), which most tests check. The report (``diff_documents``) folds them into one record
per edit, where it was made, listing the operations it reaches (the "each edit once" tests).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonpath
import pytest
import yaml

from scripts.bundle import OPENAPI_DIR, load_manifest, merge_documents
from scripts.json_pointer import escape
from scripts.overlay import load_overlay
from scripts.spec_changes import Change, Location, to_markdown
from scripts.spec_diff import diff_documents, main
from scripts.spec_document_diff import diff_views
from scripts.spec_schema_diff import CONSTRAINTS, Refs, SpecDiffError
from scripts.yaml_io import load_yaml

OP = "POST /items"
REQUEST = "/requestBody/content/application~1json/schema"
RESPONSE = "/responses/200/content/application~1json/schema"
BASE: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "items", "version": "1"},
    "paths": {
        "/items": {
            "post": {
                "operationId": "CreateItem",
                "description": "Create an item.",
                "parameters": [{"$ref": "#/components/parameters/Version"}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemRequest"}}},
                },
                "responses": {
                    "200": {"$ref": "#/components/responses/Created"},
                    "400": {"description": "invalid"},
                },
            }
        }
    },
    "components": {
        "parameters": {
            "Version": {
                "name": "x-api-version",
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
            }
        },
        "schemas": {
            "ItemRequest": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 20},
                    "kind": {"type": "string", "enum": ["A", "B"]},
                    "note": {"type": "string", "description": "free text"},
                },
            },
            "Item": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer"},
                    "status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
                    "label": {"type": "string", "maxLength": 40},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "responses": {
            "Created": {
                "description": "created",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
            }
        },
    },
}


def diff(edit: Callable[[dict[str, Any]], None]) -> list[Change]:
    """Every view the walk takes of the edit (the report folds them: see the tests of once_per_edit)."""
    new = copy.deepcopy(BASE)
    edit(new)
    return diff_views(BASE, new)


def seen(changes: list[Change]) -> set[tuple[str | None, str, str, bool]]:
    return {(c.location.operation, c.location.pointer, c.kind, c.breaking) for c in changes}


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"][name]
    return found


def test_identical_documents_have_no_change() -> None:
    assert diff(lambda doc: None) == []


def test_a_removed_path_breaks_and_an_added_path_does_not() -> None:
    assert seen(diff(lambda doc: doc["paths"].pop("/items"))) == {("/items", "", "path-removed", True)}
    added = diff(lambda doc: doc["paths"].update({"/other": {"get": {"responses": {}}}}))
    assert seen(added) == {("/other", "", "path-added", False)}
    assert added[0].new == ["GET"]


def test_a_removed_operation_breaks_and_an_added_one_does_not() -> None:
    def move(doc: dict[str, Any]) -> None:
        doc["paths"]["/items"]["put"] = doc["paths"]["/items"].pop("post")

    assert seen(diff(move)) == {
        ("POST /items", "", "operation-removed", True),
        ("PUT /items", "", "operation-added", False),
    }


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda doc: schema(doc, "Item")["properties"].pop("label"), ("property-removed", True)),
        (lambda doc: schema(doc, "Item")["properties"].update(extra={}), ("property-added", False)),
        (lambda doc: schema(doc, "Item")["required"].append("status"), ("property-required", False)),
        (lambda doc: schema(doc, "Item")["required"].remove("id"), ("property-optional", True)),
        (lambda doc: schema(doc, "Item")["properties"]["id"].update(type="string"), ("type-changed", True)),
        (
            lambda doc: schema(doc, "Item")["properties"]["label"].update(nullable=True),
            ("nullable-added", True),
        ),
    ],
)
def test_response_fields(edit: Callable[[dict[str, Any]], None], expected: tuple[str, bool]) -> None:
    changes = diff(edit)
    assert {(c.kind, c.breaking) for c in changes} == {expected}
    # One record for the operation (through both $refs), one for the component, same origin.
    assert {c.location.operation for c in changes} == {OP, None}
    assert {c.origin.split("/")[3] for c in changes} == {"Item"}
    operation = next(c for c in changes if c.location.operation == OP)
    assert operation.location.pointer.startswith(RESPONSE + "/properties/")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda doc: schema(doc, "ItemRequest")["properties"].update(size={}), ("property-added", False)),
        (
            lambda doc: (
                schema(doc, "ItemRequest")["properties"].update(size={}),
                schema(doc, "ItemRequest")["required"].append("size"),
            ),
            ("required-property-added", True),
        ),
        (lambda doc: schema(doc, "ItemRequest")["required"].append("note"), ("property-required", True)),
        (lambda doc: schema(doc, "ItemRequest")["required"].clear(), ("property-optional", False)),
        (lambda doc: schema(doc, "ItemRequest")["properties"].pop("note"), ("property-removed", True)),
        (
            lambda doc: schema(doc, "ItemRequest")["properties"]["name"].update(type="integer"),
            ("type-changed", True),
        ),
    ],
)
def test_request_fields(edit: Callable[[dict[str, Any]], None], expected: tuple[str, bool]) -> None:
    changes = diff(edit)
    assert {(c.kind, c.breaking) for c in changes} == {expected}
    operation = next(c for c in changes if c.location.operation == OP)
    assert operation.location.pointer.startswith(REQUEST + "/properties/")


def test_enum_values_break_when_removed_on_either_side_and_never_when_added() -> None:
    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "Item")["properties"]["status"]["enum"] = ["OPEN", "PENDING"]  # CLOSED removed
        schema(doc, "ItemRequest")["properties"]["kind"]["enum"] = ["B", "C"]  # A removed

    changes = [c for c in diff(edit) if c.location.operation == OP]
    assert {(c.location.pointer, c.kind, c.old, c.new, c.breaking) for c in changes} == {
        (RESPONSE + "/properties/status/enum", "enum-value-added", None, "PENDING", False),
        (RESPONSE + "/properties/status/enum", "enum-value-removed", "CLOSED", None, True),
        (REQUEST + "/properties/kind/enum", "enum-value-added", None, "C", False),
        (REQUEST + "/properties/kind/enum", "enum-value-removed", "A", None, True),
    }


TIGHTENINGS: list[tuple[str, Any, str]] = [
    ("pattern", "^[a-z]+$", "constraint-added"),
    ("minLength", 1, "constraint-added"),
    ("maxLength", 10, "constraint-tightened"),  # from 20 (request) and 40 (response)
    ("enum", ["x", "y"], "constraint-added"),
    ("format", "email", "constraint-added"),
]


@pytest.mark.parametrize(("keyword", "value", "kind"), TIGHTENINGS)
def test_a_tightening_breaks_a_request_and_not_a_response(keyword: str, value: Any, kind: str) -> None:
    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "ItemRequest")["properties"]["name"][keyword] = value
        schema(doc, "Item")["properties"]["label"][keyword] = value

    assert seen([c for c in diff(edit) if c.location.operation == OP]) == {
        (OP, f"{REQUEST}/properties/name/{keyword}", kind, True),
        (OP, f"{RESPONSE}/properties/label/{keyword}", kind, False),
    }


def _edited(document: dict[str, Any], edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    new = copy.deepcopy(document)
    edit(new)
    return new


def test_min_items_breaks_a_request_array_and_not_a_response_array() -> None:
    tags = {"type": "array", "items": {"type": "string"}}
    base = _edited(BASE, lambda doc: schema(doc, "ItemRequest")["properties"].update(tags=tags))

    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "ItemRequest")["properties"]["tags"]["minItems"] = 1
        schema(doc, "Item")["properties"]["tags"]["minItems"] = 1

    assert seen([c for c in diff_views(base, _edited(base, edit)) if c.location.operation == OP]) == {
        (OP, f"{REQUEST}/properties/tags/minItems", "constraint-added", True),
        (OP, f"{RESPONSE}/properties/tags/minItems", "constraint-added", False),
    }


def test_loosened_constraints_break_nothing() -> None:
    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "ItemRequest")["properties"]["name"]["maxLength"] = 30
        del schema(doc, "Item")["properties"]["label"]["maxLength"]

    changes = diff(edit)
    assert {(c.kind, c.breaking) for c in changes} == {
        ("constraint-loosened", False),
        ("constraint-removed", False),
    }


def test_a_format_that_changes_the_generated_type_is_a_type_change() -> None:
    changes = diff(lambda doc: schema(doc, "Item")["properties"]["label"].update(format="date-time"))
    assert {(c.kind, c.breaking) for c in changes} == {("type-changed", True)}


def test_a_new_response_variant_breaks_parsing() -> None:
    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "Item")["properties"]["id"] = {"anyOf": [{"type": "integer"}, {"type": "string"}]}

    changes = [c for c in diff(edit) if c.location.operation == OP]
    assert (RESPONSE + "/properties/id/anyOf/1", "variant-added", True) in {
        (c.location.pointer, c.kind, c.breaking) for c in changes
    }


def _responses(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = doc["paths"]["/items"]["post"]["responses"]
    return found


def test_documented_statuses() -> None:
    assert seen(diff(lambda doc: _responses(doc).pop("400"))) == {
        (OP, "/responses/400", "status-removed", True)
    }
    added = diff(lambda doc: _responses(doc).update({"409": {"description": "conflict"}}))
    assert seen(added) == {(OP, "/responses/409", "status-added", False)}


def test_descriptions_and_examples_never_break() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["paths"]["/items"]["post"]["description"] = "Create one item."
        schema(doc, "ItemRequest")["properties"]["note"]["description"] = "any text"
        schema(doc, "ItemRequest")["properties"]["note"]["example"] = "hello"
        media = doc["components"]["responses"]["Created"]["content"]["application/json"]
        media["examples"] = {"ok": {"value": {"id": 1}}}

    changes = diff(edit)
    assert changes
    assert not any(c.breaking for c in changes)
    assert {c.kind for c in changes} == {"description-changed", "example-added"}


def test_parameters() -> None:
    def add(required: bool) -> Callable[[dict[str, Any]], None]:
        parameter = {"name": "q", "in": "query", "required": required, "schema": {"type": "string"}}
        return lambda doc: doc["paths"]["/items"]["post"]["parameters"].append(parameter)

    assert seen(diff(add(True))) == {(OP, "/parameters/query/q", "required-parameter-added", True)}
    assert seen(diff(add(False))) == {(OP, "/parameters/query/q", "parameter-added", False)}
    removed = diff(lambda doc: doc["paths"]["/items"]["post"]["parameters"].clear())
    assert (OP, "/parameters/header/x-api-version", "parameter-removed", True) in seen(removed)
    tightened = diff(lambda doc: doc["components"]["parameters"]["Version"]["schema"].update(pattern="^v"))
    assert seen(tightened) == {
        (OP, "/parameters/header/x-api-version/schema/pattern", "constraint-added", True),
        (None, "/components/parameters/Version/schema/pattern", "constraint-added", True),
    }


def test_operation_id_renames_the_generated_module() -> None:
    changes = diff(lambda doc: doc["paths"]["/items"]["post"].update(operationId="MakeItem"))
    assert seen(changes) == {(OP, "/operationId", "operation-id-changed", True)}


def test_links_and_new_components_do_not_break() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["components"]["responses"]["Created"]["links"] = {"Next": {"operationId": "CreateItem"}}
        doc["components"]["schemas"]["Unused"] = {"type": "string"}

    assert seen(diff(edit)) == {
        (OP, "/responses/200/links/Next", "link-added", False),
        (None, "/components/responses/Created/links/Next", "link-added", False),
        (None, "/components/schemas/Unused", "component-added", False),
    }


def test_a_component_no_operation_uses_breaks_nothing() -> None:
    base = _edited(BASE, lambda doc: doc["components"]["schemas"].update(Unused={"type": "string"}))
    changes = diff_documents(base, _edited(base, lambda doc: schema(doc, "Unused").update(type="integer")))
    assert seen(changes) == {(None, "/components/schemas/Unused/type", "type-changed", False)}


def test_a_recursive_schema_is_compared_once_per_level() -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Item"}}}
    base = _edited(BASE, lambda doc: schema(doc, "Item")["properties"].update(node=node))
    new = _edited(base, lambda doc: schema(doc, "Item")["properties"]["label"].update(type="integer"))
    pointers = {c.location.pointer for c in diff_views(base, new) if c.location.operation == OP}
    assert pointers == {RESPONSE + "/properties/label/type"}


def test_a_dangling_ref_is_an_error() -> None:
    with pytest.raises(SpecDiffError, match="points at nothing"):
        diff(lambda doc: doc["components"]["schemas"].pop("Item"))


def test_cli_reports_breaking_first_and_exits_by_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(BASE), encoding="utf-8")
    edited = _edited(BASE, lambda doc: schema(doc, "Item")["properties"].pop("label"))
    schema(edited, "Item")["properties"]["extra"] = {"type": "string"}
    new.write_text(yaml.safe_dump(edited), encoding="utf-8")
    out_json, out_md = tmp_path / "out" / "diff.json", tmp_path / "out" / "diff.md"

    assert main([str(old), str(new), "--json", str(out_json), "--markdown", str(out_md)]) == 0
    report = json.loads(out_json.read_text(encoding="utf-8"))
    # Each edit once, where it was made (the component), listing the operation that reaches it.
    assert (report["breaking"], report["non_breaking"]) == (1, 1)
    assert [c["breaking"] for c in report["changes"]] == [True, False]
    label = report["changes"][0]
    assert label["location"] == {"operation": None, "pointer": "/components/schemas/Item/properties/label"}
    assert label["operations"] == [OP]
    markdown = out_md.read_text(encoding="utf-8")
    assert markdown.index("## Breaking (1)") < markdown.index("## Non-breaking (1)")
    assert "| operations |" in markdown
    assert f"| `{OP}` |" in markdown
    assert markdown == capsys.readouterr().out
    assert main([str(old), str(new), "--fail-on-breaking"]) == 1
    assert main([str(old), str(old), "--fail-on-breaking"]) == 0
    assert main([str(old), str(tmp_path / "missing.yaml")]) == 2


# --- each edit once ---------------------------------------------------------------------------------

GET_ITEM = "GET /items/{id}"


def _with_get_item(doc: dict[str, Any]) -> None:
    """A second operation reaching the same components: Version (request) and Created/Item (response)."""
    doc["paths"]["/items/{id}"] = {
        "get": {
            "operationId": "GetItem",
            "parameters": [
                {"$ref": "#/components/parameters/Version"},
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
            ],
            "responses": {"200": {"$ref": "#/components/responses/Created"}},
        }
    }


def test_a_component_edit_is_reported_once_listing_every_operation_it_reaches() -> None:
    base = _edited(BASE, _with_get_item)
    new = _edited(base, lambda doc: schema(doc, "Item")["properties"].pop("label"))

    assert len(diff_views(base, new)) == 3  # the component, and each operation through its $refs
    (change,) = diff_documents(base, new)
    assert (change.kind, change.breaking) == ("property-removed", True)
    assert change.location.operation is None
    assert change.location.pointer == change.origin == "/components/schemas/Item/properties/label"
    assert change.operations == (GET_ITEM, OP)


def test_a_folded_edit_breaks_when_any_view_of_it_breaks() -> None:
    """A shared parameter tightened: it breaks the requests of both operations reaching it."""
    base = _edited(BASE, _with_get_item)
    new = _edited(base, lambda doc: doc["components"]["parameters"]["Version"]["schema"].update(maxLength=10))

    (change,) = diff_documents(base, new)
    assert (change.kind, change.breaking, change.operations) == ("constraint-added", True, (GET_ITEM, OP))
    assert change.location == Location(None, "/components/parameters/Version/schema/maxLength")


def test_an_edit_inside_one_operation_lists_that_operation() -> None:
    new = _edited(BASE, lambda doc: doc["paths"]["/items"]["post"]["responses"].pop("400"))

    (change,) = diff_documents(BASE, new)
    assert (change.kind, change.location.operation, change.operations) == ("status-removed", OP, (OP,))


def test_an_unused_component_lists_no_operation() -> None:
    base = _edited(BASE, lambda doc: doc["components"]["schemas"].update(Unused={"type": "string"}))
    (change,) = diff_documents(base, _edited(base, lambda doc: schema(doc, "Unused").update(type="integer")))

    assert (change.kind, change.breaking, change.operations) == ("type-changed", False, ())
    assert "| none |" in to_markdown([change], "a", "b")


def test_two_properties_made_required_are_two_edits() -> None:
    new = _edited(BASE, lambda doc: schema(doc, "Item")["required"].extend(["status", "label"]))

    changes = diff_documents(BASE, new)
    assert sorted((c.kind, c.origin, c.operations) for c in changes) == [
        ("property-required", "/components/schemas/Item/required/1", (OP,)),
        ("property-required", "/components/schemas/Item/required/2", (OP,)),
    ]


def test_a_one_of_added_beside_a_kept_type_is_a_constraint() -> None:
    """A oneOf beside `type: object` narrows the schema (like the contract's per-scope Scope)."""
    one_of = [{"required": ["id"]}, {"required": ["label"]}]

    def edit(doc: dict[str, Any]) -> None:
        schema(doc, "Item")["oneOf"] = one_of
        schema(doc, "ItemRequest")["oneOf"] = one_of

    changes = diff_documents(BASE, _edited(BASE, edit))
    assert sorted((c.kind, c.origin, c.breaking) for c in changes) == [
        ("constraint-added", "/components/schemas/Item/oneOf", False),  # a response promises more
        ("constraint-added", "/components/schemas/ItemRequest/oneOf", True),  # a request accepts less
    ]


def test_vendor_to_contract_reports_each_edit_once() -> None:
    """On the real documents: the report is the walk's views folded, nothing lost, nothing twice."""
    spec = load_manifest(OPENAPI_DIR / "bundles.yaml")["contract"]
    vendor_sources = [source for source in spec.sources if source.startswith("vendor/")]
    vendor = merge_documents([(s, _load(OPENAPI_DIR / s)) for s in vendor_sources])
    contract = _load(OPENAPI_DIR / "bundles" / "contract.yaml")
    views, report = diff_views(vendor, contract), diff_documents(vendor, contract)

    keys = [(c.kind, c.origin) for c in report]
    assert len(keys) == len(set(keys)), "an edit reported twice"
    assert set(keys) == {(c.kind, c.origin) for c in views}
    folded = [c for c in report if c.location.operation is None and c.operations]
    assert folded, "component edits reaching operations"
    for change in report:
        same = [v for v in views if (v.kind, v.origin) == (change.kind, change.origin)]
        reached = {v.location.operation for v in same if v.location.operation is not None}
        assert set(change.operations) == reached, change.where
        assert change.breaking == any(v.breaking for v in same), change.where


def test_cli_merges_a_directory_of_documents(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first = {key: value for key, value in BASE.items() if key != "components"}
    (tmp_path / "a" / "1.yaml").write_text(yaml.safe_dump(first), encoding="utf-8")
    (tmp_path / "a" / "2.yaml").write_text(
        yaml.safe_dump({**first, "paths": {}, "components": BASE["components"]})
    )
    (tmp_path / "b" / "all.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    out = tmp_path / "diff.json"
    assert main([str(tmp_path / "a"), str(tmp_path / "b"), "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["changes"] == []


# --- the vendor's YAML against our contract bundle -------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    return document


def _pointer(parts: tuple[Any, ...]) -> str:
    return "".join(f"/{escape(part)}" for part in parts)


def _exists(document: dict[str, Any], pointer: str) -> bool:
    try:
        Refs(document).lookup(pointer)
    except SpecDiffError:
        return False
    return True


def test_vendor_to_contract_is_exactly_our_overlay_and_additions() -> None:
    spec = load_manifest(OPENAPI_DIR / "bundles.yaml")["contract"]
    vendor_sources = [source for source in spec.sources if source.startswith("vendor/")]
    vendor = merge_documents([(s, _load(OPENAPI_DIR / s)) for s in vendor_sources])
    unpatched = merge_documents([(s, _load(OPENAPI_DIR / s)) for s in spec.sources])
    contract = _load(OPENAPI_DIR / "bundles" / "contract.yaml")
    changes = diff_views(vendor, contract)

    # What our additions bring: whole paths and components. (Overlay actions inside them are part of
    # those additions, not separate changes.)
    added_paths = set(unpatched["paths"]) - set(vendor["paths"])
    added_components = {
        f"/components/{section}/{name}"
        for section, items in unpatched["components"].items()
        for name in items
        if name not in vendor["components"].get(section, {})
    }
    assert added_paths
    assert added_components
    # What each overlay action adds to a node the vendor has: one keyword (or link) per update key.
    expected: dict[str, tuple[str, Any]] = {}
    environment = jsonpath.JSONPathEnvironment(strict=True)
    for overlay in spec.overlays:
        for action in load_overlay(OPENAPI_DIR / overlay).actions:
            for match in environment.finditer(action.target, unpatched):
                node = _pointer(match.parts)
                for key, value in action.update.items():
                    if not _exists(vendor, node):
                        enclosing = "/".join(node.split("/")[:4])
                        assert enclosing in added_components, f"{node}/{key} is in nothing we added"
                        continue
                    if key == "required":  # each newly required name: one edit, at its entry
                        required = Refs(contract).lookup(node)["required"]
                        vendor_required = Refs(vendor).lookup(node).get("required") or []
                        for name in set(value) - set(vendor_required):
                            expected[f"{node}/required/{required.index(name)}"] = ("property-required", None)
                        continue
                    items = value.items() if key == "links" else [(None, value)]
                    for name, update in items:
                        origin = f"{node}/{key}" + (f"/{escape(name)}" if name else "")
                        tightening = CONSTRAINTS | {"enum", "links", "oneOf"}  # oneOf beside a kept type
                        assert key in tightening, f"{origin}: not a tightening or link"
                        assert not _exists(vendor, origin), f"{origin} already exists: not an addition"
                        kind = "link-added" if key == "links" else "constraint-added"
                        expected[origin] = (kind, None if key == "oneOf" else update)

    by_kind = {kind: [c for c in changes if c.kind == kind] for kind in {c.kind for c in changes}}
    assert {c.location.operation for c in by_kind.pop("path-added")} == added_paths
    assert {c.origin for c in by_kind.pop("component-added")} == added_components
    remaining = [c for kind in by_kind.values() for c in kind]
    components = [c for c in remaining if c.location.operation is None]
    operations = [c for c in remaining if c.location.operation is not None]
    # Each overlay edit: once where it was made, and at least once in an operation reaching it.
    assert sorted(c.origin for c in components) == sorted(expected)
    assert {c.origin for c in operations} == set(expected)
    for change in remaining:
        assert (change.kind, change.new) == expected[change.origin], change.where
    # The rule: tightening a request breaks the client; tightening a response does not; a response
    # property made required does not either (the client parses what it parsed before).
    for change in operations:
        in_request = change.location.pointer.startswith(("/parameters/", "/requestBody/"))
        assert change.breaking == in_request, change.where
    for change in components:
        assert change.breaking == any(o.breaking for o in operations if o.origin == change.origin)
    assert any(c.breaking for c in operations)
    assert not all(c.breaking for c in operations)
