"""The bundler: strict merging, the manifest, build/render/--check, and the real repository's bundles."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.bundle import (
    OPENAPI_DIR,
    BundleError,
    BundleSpec,
    build,
    load_manifest,
    main,
    merge_documents,
    render,
)
from scripts.overlay import Overlay, OverlayError, apply_overlay, load_overlay
from scripts.yaml_io import load_yaml

MANIFEST = OPENAPI_DIR / "bundles.yaml"
BUNDLES_DIR = OPENAPI_DIR / "bundles"
VENDOR_FILES = sorted((OPENAPI_DIR / "vendor").glob("*.yaml"))
CONTRACT_OPERATIONS = {
    "VrsUserVaultOauthInitiation",
    "VrsUserVaultFetchDetailsFromAccessToken",
    "VrsUserVaultDataAvailability",
    "VrsUserVaultOauthGenerateToken",
}
INFO = {"title": "Test API", "version": "1"}
SERVERS = [{"url": "https://example.test"}]


def _document(
    paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **top: Any
) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": "3.0.0", "info": INFO, "servers": SERVERS}
    document.update(top)
    document["paths"] = paths or {}
    if schemas is not None:
        document["components"] = {"schemas": schemas}
    return document


def _operation(operation_id: str) -> dict[str, Any]:
    return {"operationId": operation_id, "responses": {"200": {"description": "OK"}}}


def _write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _operation_ids(document: dict[str, Any]) -> list[str]:
    return [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping anywhere in a document."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# --- merging ----------------------------------------------------------------------------------------


def test_merge_unites_paths_and_keeps_an_identical_shared_component_once() -> None:
    shared = {"type": "object", "properties": {"code": {"type": "string"}}}
    one = _document(
        {"/a": {"get": _operation("getA")}}, {"Shared": shared, "A": {"type": "string"}}, tags=["one"]
    )
    two = _document(
        # the same path with another method is a union, not a conflict
        {"/a": {"post": _operation("postA")}, "/b": {"get": _operation("getB")}},
        {"Shared": copy.deepcopy(shared), "B": {"type": "integer"}},
        tags=["two"],
    )
    before = copy.deepcopy([one, two])
    merged = merge_documents([("one.yaml", one), ("two.yaml", two)])
    assert merged["paths"] == {
        "/a": {"get": _operation("getA"), "post": _operation("postA")},
        "/b": {"get": _operation("getB")},
    }
    assert merged["components"]["schemas"] == {
        "Shared": shared,
        "A": {"type": "string"},
        "B": {"type": "integer"},
    }
    # Top-level data other than paths and components comes from the first document.
    assert merged["tags"] == ["one"]
    assert [one, two] == before, "merge_documents mutated its input"
    merged["paths"]["/a"]["post"]["operationId"] = "edited"
    assert two["paths"]["/a"]["post"]["operationId"] == "postA", "the merge shares nodes with its input"


def test_merge_of_documents_without_paths_or_components() -> None:
    first = {"openapi": "3.0.0", "info": INFO, "servers": SERVERS}
    merged = merge_documents([("one.yaml", first), ("two.yaml", _document())])
    assert merged["paths"] == {}
    assert merged["components"] == {}


def test_a_component_with_one_name_and_different_content_fails() -> None:
    one = _document({}, {"Shared": {"type": "string"}})
    two = _document({}, {"Shared": {"type": "string", "maxLength": 3}})
    with pytest.raises(
        BundleError, match=re.escape("component schemas/Shared differs between one.yaml and two.yaml")
    ):
        merge_documents([("one.yaml", one), ("two.yaml", two)])


def test_a_conflict_names_the_document_that_defined_the_component() -> None:
    # The owner is the document that brought the component, not always the first one.
    three = [
        ("one.yaml", _document()),
        ("two.yaml", _document({}, {"Late": {"type": "string"}})),
        ("three.yaml", _document({}, {"Late": {"type": "number"}})),
    ]
    with pytest.raises(BundleError, match=re.escape("schemas/Late differs between two.yaml and three.yaml")):
        merge_documents(three)


def test_the_same_component_name_in_another_section_is_no_conflict() -> None:
    one = {**_document(), "components": {"schemas": {"Error": {"type": "object"}}}}
    two = {**_document(), "components": {"responses": {"Error": {"description": "failed"}}}}
    merged = merge_documents([("one.yaml", one), ("two.yaml", two)])
    assert merged["components"] == {
        "schemas": {"Error": {"type": "object"}},
        "responses": {"Error": {"description": "failed"}},
    }


def test_the_same_path_and_method_in_two_documents_fails() -> None:
    one = _document({"/a": {"post": _operation("first")}})
    two = _document({"/a": {"post": _operation("first")}})
    with pytest.raises(BundleError, match=re.escape("POST /a is defined in both one.yaml and two.yaml")):
        merge_documents([("one.yaml", one), ("two.yaml", two)])
    three = [("one.yaml", _document()), ("two.yaml", two), ("three.yaml", copy.deepcopy(two))]
    with pytest.raises(BundleError, match=re.escape("POST /a is defined in both two.yaml and three.yaml")):
        merge_documents(three)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("info", {"title": "Other API", "version": "1"}),
        ("info", {**INFO, "description": "one more key"}),
        ("servers", [{"url": "https://elsewhere.test"}]),
        ("servers", []),
        ("openapi", "3.1.0"),
    ],
)
def test_differing_shared_top_level_data_fails(key: str, value: Any) -> None:
    two = _document({"/b": {"get": _operation("b")}})
    two[key] = value
    with pytest.raises(BundleError, match=f"'{key}' differs between one.yaml and two.yaml"):
        merge_documents([("one.yaml", _document()), ("two.yaml", two)])


def test_a_later_document_may_leave_out_the_shared_data() -> None:
    two = {"paths": {"/b": {"get": _operation("b")}}}
    merged = merge_documents([("one.yaml", _document()), ("two.yaml", two)])
    assert merged["info"] == INFO
    assert merged["servers"] == SERVERS
    assert list(merged["paths"]) == ["/b"]


# --- the manifest -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("- not\n- a mapping\n", "expected a mapping with 'bundles'"),
        ("other: {}\n", "expected a mapping with 'bundles'"),
        ("bundles: [a, b]\n", "expected a mapping with 'bundles'"),
        ("bundles:\n  a: [x.yaml]\n", "bundle 'a' must be a mapping"),
        (
            "bundles:\n  a: {sources: [x.yaml], overlay: [o.yaml]}\n",
            r"bundle 'a' has unknown keys \['overlay'\]",
        ),
        (
            "bundles:\n  b: {base: a, overlays: [o.yaml]}\n  a: {sources: [x.yaml]}\n",
            "bundle 'b' is based on 'a', which must be listed before it",
        ),
        ("bundles:\n  b: {base: b}\n", "bundle 'b' is based on 'b'"),
        ("bundles:\n  a: {overlays: [o.yaml]}\n", "bundle 'a' needs sources or a base"),
        ("bundles:\n  a: {sources: []}\n", "bundle 'a' needs sources or a base"),
    ],
    ids=[
        "list",
        "no-bundles",
        "bundles-not-mapping",
        "entry-not-mapping",
        "unknown-key",
        "base-after",
        "base-is-itself",
        "no-sources-no-base",
        "empty-sources",
    ],
)
def test_a_malformed_manifest_fails_naming_the_file(tmp_path: Path, manifest: str, message: str) -> None:
    path = tmp_path / "bundles.yaml"
    path.write_text(manifest, encoding="utf-8")
    with pytest.raises(BundleError, match=message) as raised:
        load_manifest(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_the_manifest_loads_in_order_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "bundles.yaml"
    path.write_text(
        "bundles:\n"
        "  a: {description: first, sources: [x.yaml, y.yaml], overlays: [o.yaml]}\n"
        "  b: {base: a}\n",
        encoding="utf-8",
    )
    assert list(load_manifest(path).items()) == [
        ("a", BundleSpec("a", ("x.yaml", "y.yaml"), ("o.yaml",), None, "first")),
        ("b", BundleSpec("b", (), (), "a", "")),
    ]


# --- build, render, main ----------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small manifest: `base` merges two documents and applies an overlay; `extra` builds on it."""
    root = tmp_path / "openapi"
    shared = {"type": "object", "properties": {"code": {"type": "string"}}}
    _write(root / "a.yaml", _document({"/a": {"get": _operation("getA")}}, {"Shared": shared, "A": {}}))
    _write(root / "b.yaml", _document({"/b": {"post": _operation("postB")}}, {"Shared": shared}))
    _write(root / "c.yaml", _document({"/c": {"get": _operation("getC")}}, {"C": {"type": "string"}}))
    overlay_head = {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}}
    _write(
        root / "overlays" / "base.yaml",
        {
            **overlay_head,
            "actions": [
                {
                    "target": "$.components.schemas.A",
                    "description": "A is a string",
                    "update": {"type": "string"},
                },
                {
                    "target": "$.components.schemas.Shared",
                    "description": "closed",
                    "update": {"required": ["code"]},
                },
            ],
        },
    )
    _write(
        root / "overlays" / "extra.yaml",
        {
            **overlay_head,
            "actions": [
                {"target": "$.paths['/a']", "description": "not in extra", "remove": True},
                {"target": "$.info", "description": "marks extra", "update": {"x-flavour": "extra"}},
            ],
        },
    )
    _write(
        root / "bundles.yaml",
        {
            "bundles": {
                "base": {
                    "description": "The base bundle.\nIts second line.",
                    "sources": ["a.yaml", "b.yaml"],
                    "overlays": ["overlays/base.yaml"],
                },
                "extra": {"base": "base", "sources": ["c.yaml"], "overlays": ["overlays/extra.yaml"]},
            }
        },
    )
    return root


def test_build_merges_sources_applies_overlays_and_builds_on_a_base(project: Path) -> None:
    built = build(load_manifest(project / "bundles.yaml"), project)
    assert list(built) == ["base", "extra"]
    base, extra = built["base"], built["extra"]
    assert list(base["paths"]) == ["/a", "/b"]
    assert base["components"]["schemas"] == {
        "Shared": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
        "A": {"type": "string"},
    }
    assert base["info"] == INFO
    # extra starts from base's result (its overlay included), adds c.yaml, then applies its own overlay.
    assert list(extra["paths"]) == ["/b", "/c"]
    assert extra["components"]["schemas"]["A"] == {"type": "string"}
    assert extra["components"]["schemas"]["Shared"]["required"] == ["code"]
    assert extra["components"]["schemas"]["C"] == {"type": "string"}
    assert extra["info"] == {**INFO, "x-flavour": "extra"}
    # extra's overlay must not reach back into the base bundle it started from.
    assert "/a" in base["paths"]
    assert "x-flavour" not in base["info"]


def test_build_fails_when_a_source_conflicts_with_the_base(project: Path) -> None:
    # base's overlay changed Shared; a later source carrying the vendor's original is a conflict.
    _write(
        project / "c.yaml",
        _document({}, {"Shared": {"type": "object", "properties": {"code": {"type": "string"}}}}),
    )
    with pytest.raises(BundleError, match=re.escape("schemas/Shared differs between bundle base and c.yaml")):
        build(load_manifest(project / "bundles.yaml"), project)


def test_render_is_deterministic_and_starts_with_the_do_not_edit_header(project: Path) -> None:
    specs = load_manifest(project / "bundles.yaml")
    first = render("base", specs["base"], build(specs, project)["base"])
    second = render("base", specs["base"], build(load_manifest(project / "bundles.yaml"), project)["base"])
    assert first == second
    lines = first.splitlines()
    assert lines[0] == "# Bundle 'base', generated by `make bundle` from openapi/bundles.yaml. Do not edit."
    assert lines[1:3] == ["# The base bundle.", "# Its second line."]
    assert lines[3] == "openapi: 3.0.0"
    document = build(specs, project)["base"]
    loaded = load_yaml(first)
    assert loaded == document
    # Keys keep the document's order (sort_keys=False), so a diff of a bundle follows its sources.
    assert list(loaded) == list(document)
    assert list(loaded["paths"]) == ["/a", "/b"]


def test_render_without_a_description_has_the_header_line_only() -> None:
    text = render("x", BundleSpec("x", ("a.yaml",), (), None, ""), {"openapi": "3.0.0", "é": "ünïcode"})
    assert text == (
        "# Bundle 'x', generated by `make bundle` from openapi/bundles.yaml. Do not edit.\n"
        "openapi: 3.0.0\né: ünïcode\n"
    )


def test_main_writes_then_check_detects_a_hand_edit(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest, out = project / "bundles.yaml", tmp_path / "out"
    args = ["--manifest", str(manifest), "--out", str(out)]
    assert main(args) == 0
    specs = load_manifest(manifest)
    built = build(specs, project)
    assert sorted(p.name for p in out.iterdir()) == ["base.yaml", "extra.yaml"]
    for name in ("base", "extra"):
        assert (out / f"{name}.yaml").read_text(encoding="utf-8") == render(name, specs[name], built[name])
    assert capsys.readouterr().out.count("wrote ") == 2

    assert main([*args, "--check"]) == 0
    # An up-to-date bundle is not rewritten.
    assert main(args) == 0
    assert "wrote" not in capsys.readouterr().out

    edited = out / "extra.yaml"
    hand_edit = edited.read_text(encoding="utf-8").replace("getC", "handEdited")
    edited.write_text(hand_edit, encoding="utf-8")
    assert main([*args, "--check"]) == 1
    assert "stale bundles ['extra']" in capsys.readouterr().err
    assert edited.read_text(encoding="utf-8") == hand_edit, "--check must not rewrite the bundle"

    (out / "base.yaml").unlink()
    assert main([*args, "--check"]) == 1
    assert "stale bundles ['base', 'extra']" in capsys.readouterr().err

    # Writing again repairs both.
    assert main(args) == 0
    assert main([*args, "--check"]) == 0


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("target-gone", "overlays/extra.yaml: action 0 ($.paths['/a']): target matches nothing"),
        (
            "no-description",
            "overlays/base.yaml: action 1 ($.components.schemas.Shared): every action needs",
        ),
        # the YAML error names the file it is in
        ("unparsable", 'overlays/base.yaml", line 1'),
        ("missing-source", "c.yaml"),
    ],
    ids=["target-gone", "no-description", "unparsable", "missing-source"],
)
def test_main_returns_2_with_a_message_on_broken_input(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], breakage: str, message: str
) -> None:
    if breakage == "target-gone":
        # the path extra's overlay removes no longer exists in base
        text = (project / "a.yaml").read_text(encoding="utf-8").replace("/a:", "/renamed:")
        (project / "a.yaml").write_text(text, encoding="utf-8")
    elif breakage == "no-description":
        overlay = load_yaml((project / "overlays" / "base.yaml").read_text(encoding="utf-8"))
        del overlay["actions"][1]["description"]
        _write(project / "overlays" / "base.yaml", overlay)
    elif breakage == "unparsable":
        (project / "overlays" / "base.yaml").write_text("actions: [unclosed\n", encoding="utf-8")
    else:
        (project / "c.yaml").unlink()
    out = tmp_path / "out"
    args = ["--manifest", str(project / "bundles.yaml"), "--out", str(out)]
    assert main(args) == 2
    assert main([*args, "--check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bundle: ")
    assert message in err
    assert not out.exists(), "nothing may be written when a bundle cannot be built"


# --- the real repository ----------------------------------------------------------------------------


def _bundle(name: str) -> dict[str, Any]:
    document: dict[str, Any] = load_yaml((BUNDLES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return document


def test_the_committed_bundles_are_fresh() -> None:
    specs = load_manifest(MANIFEST)
    built = build(specs)
    assert sorted(p.stem for p in BUNDLES_DIR.glob("*.yaml")) == sorted(specs), "a bundle no manifest makes"
    for name, document in built.items():
        committed = (BUNDLES_DIR / f"{name}.yaml").read_text(encoding="utf-8")
        assert committed == render(name, specs[name], document), f"{name} is stale: run `make bundle`"


def test_the_contract_bundle_has_the_four_vendor_operations_and_nothing_fake() -> None:
    contract = _bundle("contract")
    operation_ids = _operation_ids(contract)
    assert sorted(operation_ids) == sorted(CONTRACT_OPERATIONS)
    assert not [path for path in contract["paths"] if path.startswith("/__fake__")]


FAKE_ADMIN_OPERATIONS = {
    "FakeReset",
    "FakeGetClock",
    "FakeAdvanceClock",
    "FakeScheduleFault",
    "FakeClearFaults",
    "FakeGetJournal",
    "FakeClearJournal",
    "FakeSetPersona",
    "FakeCreateTenant",
    "FakeDeleteTenant",
}


def test_the_contract_fake_bundle_adds_the_consent_step_and_the_admin_api() -> None:
    contract_fake = _bundle("contract-fake")
    expected = {*CONTRACT_OPERATIONS, "FakeGiveConsent", *FAKE_ADMIN_OPERATIONS}
    assert sorted(_operation_ids(contract_fake)) == sorted(expected)
    admin_paths = [
        path for path in contract_fake["paths"] if path.startswith("/__fake__/") and "consent" not in path
    ]
    assert sorted(admin_paths) == [
        "/__fake__/clock",
        "/__fake__/clock/advance",
        "/__fake__/faults",
        "/__fake__/journal",
        "/__fake__/persona",
        "/__fake__/reset",
        "/__fake__/tenants",
        "/__fake__/tenants/{tenant_id}",
    ]
    links = {
        link.get("operationId")
        for node in _walk(contract_fake)
        if isinstance(node.get("links"), dict)
        for link in node["links"].values()
    }
    # The fake-flow overlay's links (to the consent step, and from it to the token) beside the contract's.
    assert {
        "FakeGiveConsent",
        "VrsUserVaultOauthGenerateToken",
        "VrsUserVaultFetchDetailsFromAccessToken",
        "VrsUserVaultOauthInitiation",
    } <= links


@pytest.mark.parametrize("name", ["contract", "client"])
def test_the_sandbox_and_client_bundles_know_nothing_of_the_fake(name: str) -> None:
    document = _bundle(name)
    assert sorted(_operation_ids(document)) == sorted(CONTRACT_OPERATIONS)
    assert not [path for path in document["paths"] if path.startswith("/__fake__")]
    # Neither an operation nor a link anywhere may point at the fake's consent step.
    assert not [node for node in _walk(document) if node.get("operationId") == "FakeGiveConsent"]
    assert "__fake__" not in yaml.safe_dump(document)


def test_every_overlay_action_says_why() -> None:
    overlays = sorted((OPENAPI_DIR / "overlays").glob("*.yaml"))
    assert overlays, "no overlay found"
    used = {overlay for spec in load_manifest(MANIFEST).values() for overlay in spec.overlays}
    for path in overlays:
        assert f"overlays/{path.name}" in used, f"{path.name} is in no bundle"
        raw = load_yaml(path.read_text(encoding="utf-8"))
        for index, action in enumerate(raw["actions"]):
            description = action.get("description")
            assert isinstance(description, str), f"{path.name} action {index} has no description"
            assert description.strip(), f"{path.name} action {index} has a blank description"
        assert len(load_overlay(path).actions) == len(raw["actions"])


_UNION = re.compile(r"\[('[^']*'(?:\s*,\s*'[^']*')+)\]")


def test_every_name_of_a_union_target_matches() -> None:
    # An action fails only when its whole target matches nothing, so a union like
    # `schemas['A','B'].properties.x` would silently skip B if the vendor renamed it. Replay each
    # bundle's overlays action by action and try every union member on its own.
    specs = load_manifest(MANIFEST)
    built = build(specs)
    checked = 0
    for spec in specs.values():
        documents = [(f"bundle {spec.base}", built[spec.base])] if spec.base else []
        documents += [(s, load_yaml((OPENAPI_DIR / s).read_text(encoding="utf-8"))) for s in spec.sources]
        document = merge_documents(documents)
        for overlay_name in spec.overlays:
            overlay = load_overlay(OPENAPI_DIR / overlay_name)
            for index, action in enumerate(overlay.actions):
                for union in _UNION.finditer(action.target):
                    for name in re.findall(r"'([^']*)'", union.group(1)):
                        single = f"{action.target[: union.start()]}['{name}']{action.target[union.end() :]}"
                        one = Overlay(overlay.source, overlay.title, (replace(action, target=single),))
                        try:
                            apply_overlay(document, one)
                        except OverlayError as error:
                            pytest.fail(f"{overlay_name} action {index}: {name!r} matches nothing: {error}")
                        checked += 1
                document = apply_overlay(document, Overlay(overlay.source, overlay.title, (action,)))
        assert document == built[spec.name], "the replay diverged from build()"
    assert checked >= 10, "the union targets of the overlays were not found"


def _loosenings(vendor: Any, contract: Any, where: str) -> Iterator[str]:
    """Where ``contract`` drops or changes a keyword of the ``vendor`` schema (it may add keywords)."""
    if not isinstance(contract, dict):
        yield f"{where}: the schema is gone"
        return
    for key, value in vendor.items():
        if key not in contract:
            yield f"{where}: '{key}' is gone"
        elif key == "properties":
            for name, schema in value.items():
                yield from _loosenings(schema, contract["properties"].get(name), f"{where}/properties/{name}")
        elif key == "items":
            yield from _loosenings(value, contract["items"], f"{where}/items")
        elif key == "required":
            # Requiring more tightens; every name the vendor requires must still be required.
            if missing := sorted(set(value) - set(contract["required"])):
                yield f"{where}: no longer requires {missing}"
        elif contract[key] != value:
            yield f"{where}: '{key}' changed from {value!r} to {contract[key]!r}"


def test_the_loosening_check_catches_a_loosening() -> None:
    # The repository test below passes only if this checker can fail.
    vendor: dict[str, Any] = {
        "type": "object",
        "required": ["a"],
        "properties": {
            "a": {"type": "string", "enum": ["X", "Y"]},
            "b": {"type": "array", "items": {"type": "integer"}},
        },
    }
    tightened = copy.deepcopy(vendor)
    tightened["required"].append("b")
    tightened["properties"]["a"]["pattern"] = "^X$"
    tightened["properties"]["c"] = {"type": "string"}
    assert list(_loosenings(vendor, tightened, "S")) == []

    loosened = copy.deepcopy(vendor)
    del loosened["type"]
    loosened["required"] = []
    loosened["properties"]["a"]["enum"].append("Z")
    loosened["properties"]["b"]["items"] = {"type": "number"}
    assert list(_loosenings(vendor, loosened, "S")) == [
        "S: 'type' is gone",
        "S: no longer requires ['a']",
        "S/properties/a: 'enum' changed from ['X', 'Y'] to ['X', 'Y', 'Z']",
        "S/properties/b/items: 'type' changed from 'integer' to 'number'",
    ]
    del loosened["properties"]["a"]
    assert "S/properties/a: the schema is gone" in list(_loosenings(vendor, loosened, "S"))


@pytest.mark.parametrize("vendor_file", VENDOR_FILES, ids=[p.name for p in VENDOR_FILES])
def test_the_contract_never_loosens_the_vendor(vendor_file: Path) -> None:
    vendor_schemas = load_yaml(vendor_file.read_text(encoding="utf-8"))["components"]["schemas"]
    contract_schemas = _bundle("contract")["components"]["schemas"]
    assert vendor_schemas, f"{vendor_file.name} has no schema to compare"
    problems = [
        problem
        for name, schema in vendor_schemas.items()
        for problem in _loosenings(schema, contract_schemas.get(name), f"{vendor_file.name}: {name}")
    ]
    assert problems == []


def test_the_vendor_files_are_the_ones_the_contract_bundles() -> None:
    # The loosening test walks openapi/vendor/*.yaml; the files must be the contract's vendor sources.
    sources = {
        source for source in load_manifest(MANIFEST)["contract"].sources if source.startswith("vendor/")
    }
    assert sources == {f"vendor/{path.name}" for path in VENDOR_FILES}
    assert len(VENDOR_FILES) == 2
