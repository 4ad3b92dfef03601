"""The strict Overlay 1.0 applier: parse errors, merge semantics, strictness, and immutability."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.overlay import Action, Overlay, OverlayError, apply_overlay, parse_overlay

SOURCE = "overlays/test.yaml"
VALID_ACTION: dict[str, Any] = {"target": "$.a", "description": "a valid first action", "update": {"k": 1}}


def _overlay_document(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "Test", "version": "1.0.0"}, "actions": list(actions)}


def _overlay(*actions: dict[str, Any]) -> Overlay:
    """An overlay from raw actions; each action gets a description unless it names one."""
    raw = [{"description": "because a test says so", **action} for action in actions]
    return parse_overlay(_overlay_document(*raw), SOURCE)


# --- parsing ----------------------------------------------------------------------------------------


def test_a_valid_overlay_parses_into_actions() -> None:
    overlay = parse_overlay(
        _overlay_document(
            {"target": "$.a", "description": "  padded  ", "update": {"k": [1]}},
            {"target": "$.b", "description": "gone", "remove": True, "x-note": "extensions are allowed"},
        ),
        SOURCE,
    )
    assert overlay == Overlay(
        SOURCE,
        "Test",
        (Action("$.a", "padded", {"k": [1]}, False), Action("$.b", "gone", None, True)),
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (["not", "a", "mapping"], "must be a mapping"),
        ("overlay: 1.0.0", "must be a mapping"),
        ({**_overlay_document(VALID_ACTION), "overlay": "2.0.0"}, "'overlay' must be 1.0.x"),
        ({**_overlay_document(VALID_ACTION), "overlay": None}, "'overlay' must be 1.0.x"),
        ({k: v for k, v in _overlay_document(VALID_ACTION).items() if k != "overlay"}, "must be 1.0.x"),
        ({**_overlay_document(VALID_ACTION), "info": {"version": "1"}}, "needs a title and a version"),
        ({**_overlay_document(VALID_ACTION), "info": {"title": "T"}}, "needs a title and a version"),
        ({**_overlay_document(VALID_ACTION), "info": "T"}, "needs a title and a version"),
        (_overlay_document(), "'actions' must be a non-empty list"),
        ({**_overlay_document(), "actions": {"target": "$"}}, "'actions' must be a non-empty list"),
    ],
    ids=[
        "list",
        "string",
        "version-2",
        "version-null",
        "version-missing",
        "no-title",
        "no-version",
        "info-not-mapping",
        "no-actions",
        "actions-not-list",
    ],
)
def test_a_malformed_document_names_its_source(document: Any, message: str) -> None:
    with pytest.raises(OverlayError, match=message) as raised:
        parse_overlay(document, SOURCE)
    assert str(raised.value).startswith(f"{SOURCE}: ")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("$.a", "an action must be a mapping"),
        ({"target": "$.a", "update": {}}, "needs a 'description'"),
        ({"target": "$.a", "description": "   \n", "update": {}}, "needs a 'description'"),
        ({"target": "$.a", "description": 7, "update": {}}, "needs a 'description'"),
        ({"target": "$.a", "description": "d", "update": {}, "remove": True}, "exactly one of"),
        ({"target": "$.a", "description": "d"}, "exactly one of"),
        # `remove: false` is neither a remove nor an update.
        ({"target": "$.a", "description": "d", "remove": False}, "exactly one of"),
        ({"target": "$.a", "description": "d", "remove": "true"}, "'remove' must be a boolean"),
        # 1 == True in Python; a strict parser must still reject a non-boolean.
        ({"target": "$.a", "description": "d", "remove": 1}, "'remove' must be a boolean"),
        ({"target": "$.a[", "description": "d", "remove": True}, "invalid JSONPath"),
        ({"target": "$.a[?@.b =]", "description": "d", "remove": True}, "invalid JSONPath"),
        ({"target": "a.b", "description": "d", "remove": True}, "'target' must be a JSONPath"),
        ({"description": "d", "remove": True}, "'target' must be a JSONPath"),
        ({"target": "$.a", "description": "d", "remove": True, "targets": "$.b"}, "unknown keys"),
        (
            {"target": "$.a", "description": "d", "remove": True, "x-ok": 1, "extra": 2},
            r"unknown keys \['extra', 'x-ok'\]",
        ),
    ],
    ids=[
        "not-mapping",
        "no-description",
        "blank-description",
        "description-not-string",
        "update-and-remove",
        "neither",
        "remove-false",
        "remove-string",
        "remove-int",
        "jsonpath-unterminated",
        "jsonpath-bad-filter",
        "jsonpath-no-root",
        "no-target",
        "unknown-key",
        "unknown-key-beside-extension",
    ],
)
def test_a_malformed_action_names_its_source_and_index(action: Any, message: str) -> None:
    # The bad action is the second one, so a message naming "action 0" (or none) would fail.
    with pytest.raises(OverlayError, match=message) as raised:
        parse_overlay(_overlay_document(VALID_ACTION, action), SOURCE)
    assert str(raised.value).startswith(f"{SOURCE}: action 1")


def test_an_extension_key_is_allowed_where_an_unknown_key_is_not() -> None:
    allowed = parse_overlay(_overlay_document({**VALID_ACTION, "x-reviewed-by": "someone"}), SOURCE)
    assert allowed.actions[0].target == "$.a"
    with pytest.raises(OverlayError, match=r"action 0: unknown keys \['reviewed-by'\]"):
        parse_overlay(_overlay_document({**VALID_ACTION, "reviewed-by": "someone"}), SOURCE)


def test_an_overlay_version_with_a_patch_number_or_as_a_number_is_accepted() -> None:
    # YAML reads `overlay: 1.0` as a float; it is still version 1.0.
    for version in ("1.0.0", "1.0.3", 1.0):
        assert parse_overlay({**_overlay_document(VALID_ACTION), "overlay": version}, SOURCE).title == "Test"


def test_the_update_is_copied_out_of_the_parsed_document() -> None:
    update = {"nested": {"list": [1]}}
    overlay = parse_overlay(_overlay_document({"target": "$", "description": "d", "update": update}), SOURCE)
    update["nested"]["list"].append(2)
    assert overlay.actions[0].update == {"nested": {"list": [1]}}


# --- applying ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["$.missing", "$.a.missing", "$.list[7]", "$.list[?@ > 100]", "$.a['missing','also-missing']"],
)
@pytest.mark.parametrize("change", [{"update": {"k": 1}}, {"remove": True}], ids=["update", "remove"])
def test_a_target_matching_nothing_is_an_error(target: str, change: dict[str, Any]) -> None:
    # Strictness is the point: a vendor edit that moves a node must not turn our fix into a no-op.
    overlay = _overlay({"target": "$.a", "update": {"ok": True}}, {"target": target, **change})
    with pytest.raises(OverlayError, match=r"action 1 \(.*\): target matches nothing") as raised:
        apply_overlay({"a": {"b": 1}, "list": [1, 2]}, overlay)
    assert SOURCE in str(raised.value)


def test_an_object_update_is_merged_recursively() -> None:
    document = {
        "schema": {
            "type": "string",
            "enum": ["A", "B"],
            "nested": {"keep": 1, "replace": 2, "deeper": {"keep": True}},
            "other": "untouched",
        }
    }
    overlay = _overlay(
        {
            "target": "$.schema",
            "update": {
                "type": "integer",  # a scalar inside is replaced
                "enum": ["C"],  # so is a list inside: not appended, not merged
                "nested": {"replace": "new", "added": [1], "deeper": {"added": None}},
                "new": {"x": 1},
            },
        }
    )
    assert apply_overlay(document, overlay) == {
        "schema": {
            "type": "integer",
            "enum": ["C"],
            "nested": {"keep": 1, "replace": "new", "deeper": {"keep": True, "added": None}, "added": [1]},
            "other": "untouched",
            "new": {"x": 1},
        }
    }


def test_an_object_replaces_a_non_object_value_inside_the_target() -> None:
    document = {"a": {"b": "scalar", "c": [1, 2]}}
    overlay = _overlay({"target": "$.a", "update": {"b": {"now": "object"}, "c": {"also": "object"}}})
    assert apply_overlay(document, overlay) == {"a": {"b": {"now": "object"}, "c": {"also": "object"}}}


def test_an_update_of_an_array_target_appends_it() -> None:
    document = {"required": ["a"], "servers": [{"url": "x"}]}
    overlay = _overlay(
        {"target": "$.required", "update": "b"},
        # an object (or a list) is appended as one element, not merged nor spliced
        {"target": "$.servers", "update": {"url": "y"}},
        {"target": "$.required", "update": ["c", "d"]},
    )
    assert apply_overlay(document, overlay) == {
        "required": ["a", "b", ["c", "d"]],
        "servers": [{"url": "x"}, {"url": "y"}],
    }


@pytest.mark.parametrize("target", ["$.a.s", "$.a.n", "$.a.z", "$.list[0]"])
def test_an_update_of_a_scalar_target_is_an_error(target: str) -> None:
    overlay = _overlay({"target": target, "update": {"k": 1}})
    with pytest.raises(OverlayError, match=r"action 0 .*cannot update scalar .*target its parent"):
        apply_overlay({"a": {"s": "text", "n": 3, "z": None}, "list": [1]}, overlay)


def test_an_object_target_needs_an_object_update() -> None:
    # Merging a scalar into an object has no meaning: the applier refuses instead of guessing.
    overlay = _overlay({"target": "$.a", "update": "scalar"})
    with pytest.raises(OverlayError, match="an object target needs an object 'update'"):
        apply_overlay({"a": {"b": 1}}, overlay)


def test_remove_deletes_object_keys() -> None:
    document = {"properties": {"a": 1, "b": {"deep": 2}, "c": 3}}
    overlay = _overlay({"target": "$.properties.b", "remove": True})
    assert apply_overlay(document, overlay) == {"properties": {"a": 1, "c": 3}}
    union = _overlay({"target": "$.properties['a','c']", "remove": True})
    assert apply_overlay(document, union) == {"properties": {"b": {"deep": 2}}}


def test_remove_of_several_array_elements_deletes_exactly_those() -> None:
    # A filter selecting indices 1 and 3: removing 1 first would shift 3 onto the wrong element.
    document = {"items": ["zero", "one", "two", "three", "four"]}
    overlay = _overlay({"target": "$.items[?@ == 'one' || @ == 'three']", "remove": True})
    assert apply_overlay(document, overlay) == {"items": ["zero", "two", "four"]}
    by_index = _overlay({"target": "$.items[1,3]", "remove": True})
    assert apply_overlay(document, by_index) == {"items": ["zero", "two", "four"]}
    objects = {"list": [{"id": i, "drop": i in (1, 3)} for i in range(5)]}
    by_field = _overlay({"target": "$.list[?@.drop == true]", "remove": True})
    assert [item["id"] for item in apply_overlay(objects, by_field)["list"]] == [0, 2, 4]


def test_a_node_selected_twice_is_removed_once() -> None:
    # RFC 9535 keeps duplicates: `[-4,1]` of a 5-list names index 1 twice. Deleting twice would also
    # delete the neighbour that shifted into its place.
    document = {"items": [0, 1, 2, 3, 4], "map": {"x": 1, "y": 2}}
    overlay = _overlay(
        {"target": "$.items[-4,1]", "remove": True},
        {"target": "$.map['x','x']", "remove": True},
    )
    assert apply_overlay(document, overlay) == {"items": [0, 2, 3, 4], "map": {"y": 2}}


def test_an_array_selected_twice_is_appended_to_once() -> None:
    overlay = _overlay({"target": "$['list','list']", "update": 9})
    assert apply_overlay({"list": [1]}, overlay) == {"list": [1, 9]}


def test_a_nested_node_and_its_ancestor_can_be_removed_together() -> None:
    # The descendant is removed before its ancestor, so neither removal fails.
    overlay = _overlay({"target": "$..drop", "remove": True})
    document = {"drop": {"drop": 1, "keep": 2}, "keep": {"drop": [1], "x": 3}}
    assert apply_overlay(document, overlay) == {"keep": {"x": 3}}


def test_the_document_root_cannot_be_removed() -> None:
    with pytest.raises(OverlayError, match="cannot remove the document root"):
        apply_overlay({"a": 1}, _overlay({"target": "$", "remove": True}))


def test_wildcard_selectors_update_every_match() -> None:
    document = {"a": [{"b": {"n": 1}}, {"b": {"n": 2}}, {"c": {}}]}
    overlay = _overlay({"target": "$.a[*].b", "update": {"nullable": True}})
    assert apply_overlay(document, overlay) == {
        "a": [{"b": {"n": 1, "nullable": True}}, {"b": {"n": 2, "nullable": True}}, {"c": {}}]
    }
    mapping: dict[str, Any] = {
        "schemas": {"A": {"properties": {"s": {}}}, "B": {"properties": {"s": {}, "t": {}}}}
    }
    wildcard = _overlay({"target": "$.schemas.*.properties.*", "update": {"minLength": 1}})
    assert apply_overlay(mapping, wildcard) == {
        "schemas": {
            "A": {"properties": {"s": {"minLength": 1}}},
            "B": {"properties": {"s": {"minLength": 1}, "t": {"minLength": 1}}},
        }
    }


def test_union_selectors_update_every_named_match_and_nothing_else() -> None:
    document = {"a": {"x": {}, "y": {"v": 1}, "z": {}}}
    overlay = _overlay({"target": "$.a['x','y']", "update": {"pattern": "^$"}})
    assert apply_overlay(document, overlay) == {
        "a": {"x": {"pattern": "^$"}, "y": {"v": 1, "pattern": "^$"}, "z": {}}
    }


def test_a_union_with_one_missing_name_updates_the_present_one() -> None:
    # Strictness is per action: the action matched something, so it applies to what it matched.
    overlay = _overlay({"target": "$.a['x','missing']", "update": {"k": 1}})
    assert apply_overlay({"a": {"x": {}}}, overlay) == {"a": {"x": {"k": 1}}}


def test_the_input_document_is_never_mutated() -> None:
    document = {"a": {"b": [1, 2, 3], "c": {"d": 1}}, "list": [{"x": 1}]}
    before = copy.deepcopy(document)
    update = {"c": {"e": [1]}, "f": {"g": 1}}
    overlay = _overlay(
        {"target": "$.a", "update": update},
        {"target": "$.a.b[0]", "remove": True},
        {"target": "$.list", "update": {"y": 2}},
        {"target": "$.list[0]", "update": {"z": 3}},
    )
    result = apply_overlay(document, overlay)
    assert document == before
    assert result != before
    # The update values are copied in: editing the result must not reach the overlay or the next result.
    result["a"]["f"]["g"] = 99
    result["a"]["c"]["e"].append(2)
    result["list"][1]["y"] = 0
    assert overlay.actions[0].update == update
    assert apply_overlay(document, overlay) == {
        "a": {"b": [2, 3], "c": {"d": 1, "e": [1]}, "f": {"g": 1}},
        "list": [{"x": 1, "z": 3}, {"y": 2}],
    }


def test_actions_apply_in_order() -> None:
    # The second action targets a node only the first creates; the third removes what the second added.
    overlay = _overlay(
        {"target": "$", "update": {"new": {"list": []}}},
        {"target": "$.new.list", "update": {"n": 1}},
        {"target": "$.new.list[0].n", "remove": True},
        {"target": "$.new.list[0]", "update": {"m": 2}},
    )
    assert apply_overlay({"old": 1}, overlay) == {"old": 1, "new": {"list": [{"m": 2}]}}
    # Reversed, the second action finds nothing: order is not normalised away.
    reversed_overlay = Overlay(SOURCE, "Test", tuple(reversed(overlay.actions)))
    with pytest.raises(OverlayError, match=r"action 0 .*matches nothing"):
        apply_overlay({"old": 1}, reversed_overlay)


def test_an_error_names_the_action_that_failed() -> None:
    overlay = _overlay({"target": "$.a", "update": {"k": 1}}, {"target": "$.a.k", "update": {"x": 1}})
    with pytest.raises(OverlayError, match=rf"^{SOURCE}: action 1 \(\$\.a\.k\): cannot update scalar 1"):
        apply_overlay({"a": {}}, overlay)


# --- properties ---------------------------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
# Keys without control characters: python-jsonpath 2.2.2 rejects an escaped control character in a
# name selector ("\u0007"), which RFC 9535 allows. No OpenAPI key holds one, so this loses nothing here.
_KEYS = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=6)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=12,
)
_DOCUMENTS = st.dictionaries(_KEYS, _JSON, max_size=5)


@given(_DOCUMENTS)
def test_an_empty_update_of_the_root_changes_nothing(document: dict[str, Any]) -> None:
    before = copy.deepcopy(document)
    result = apply_overlay(document, _overlay({"target": "$", "update": {}}))
    assert result == before
    assert result is not document
    assert document == before


@given(st.data(), _DOCUMENTS.filter(bool))
def test_remove_then_re_add_round_trips(data: st.DataObject, document: dict[str, Any]) -> None:
    key = data.draw(st.sampled_from(sorted(document)))
    # json.dumps writes a valid RFC 9535 string literal, escapes and all, for any drawn key.
    target = f"$[{json.dumps(key)}]"
    removed = apply_overlay(document, _overlay({"target": target, "remove": True}))
    assert key not in removed
    assert len(removed) == len(document) - 1
    overlay = _overlay({"target": target, "remove": True}, {"target": "$", "update": {key: document[key]}})
    assert apply_overlay(document, overlay) == document
