"""The one JSON-pointer and ``$ref`` module: RFC 6901 escaping both ways, a spec's keys read as data
(no python-jsonpath extension applies to them), YAML's integer status keys found, refs followed and
their failures named."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.json_pointer import (
    PointerError,
    deref,
    deref_at,
    escape,
    from_tokens,
    join,
    resolve,
    resolve_ref,
    tokens,
)

DOCUMENT: dict[str, Any] = {
    "paths": {
        "/oauth2/{id}/user~details": {
            "get": {
                "responses": {
                    200: {"description": "yaml int key"},
                    "400": {"$ref": "#/components/responses/A"},
                }
            }
        }
    },
    "components": {
        "responses": {
            "A": {"$ref": "#/components/responses/B"},
            "B": {"description": "the end of the chain", "list": ["zero", "one"]},
            "#B": {"description": "a key that starts with #"},
        },
        "literal": {"\\u0041": "a backslash key", "A": "an A key"},
    },
}


def test_tokens_are_escaped_as_rfc_6901_says() -> None:
    assert escape("a/b~c") == "a~1b~0c"
    assert escape("~1") == "~01"  # "~" first: the escaped "/" is not escaped again
    assert join("/paths", "/oauth2/{id}/user~details", "get") == "/paths/~1oauth2~1{id}~1user~0details/get"
    assert from_tokens(["responses", 200]) == "/responses/200"
    assert from_tokens([]) == ""


@given(st.lists(st.text(max_size=8), max_size=5))
def test_tokens_of_a_built_pointer_are_the_parts(parts: list[str]) -> None:
    assert tokens(from_tokens(parts)) == tuple(parts)


def test_a_pointer_resolves_through_escaped_keys_and_yaml_integer_keys() -> None:
    operation = join("/paths", "/oauth2/{id}/user~details", "get")
    assert resolve(DOCUMENT, operation + "/responses/200") == {"description": "yaml int key"}
    assert resolve(DOCUMENT, "/components/responses/B/list/1") == "one"
    assert resolve(DOCUMENT, "") is DOCUMENT


def test_keys_are_data_not_python_jsonpath_syntax() -> None:
    # \\u0041 is the key's own text, not an escaped "A"
    assert resolve(DOCUMENT, "/components/literal/\\u0041") == "a backslash key"
    # python-jsonpath would answer "B" (the key itself) for a missing "~B" or a missing "#B"
    with pytest.raises(PointerError):
        resolve(DOCUMENT, "/components/responses/~0B")
    with pytest.raises(PointerError):
        resolve({"B": 1}, "/#B")
    # nor is "#1" an index
    with pytest.raises(PointerError):
        resolve(DOCUMENT, "/components/responses/B/list/#1")


@pytest.mark.parametrize(
    "pointer", ["/nowhere", "/components/responses/B/list/2", "/components/responses/B/list/01", "no-slash"]
)
def test_a_pointer_that_names_nothing_is_a_lookup_error(pointer: str) -> None:
    with pytest.raises(LookupError, match="names nothing"):
        resolve(DOCUMENT, pointer)


def test_a_string_is_not_parsed_as_a_document() -> None:
    assert resolve('{"a": 1}', "") == '{"a": 1}'
    with pytest.raises(PointerError):
        resolve('{"a": 1}', "/a")


def test_a_ref_chain_is_followed_to_its_end() -> None:
    start = DOCUMENT["paths"]["/oauth2/{id}/user~details"]["get"]["responses"]["400"]
    assert deref(DOCUMENT, start)["description"] == "the end of the chain"
    assert deref_at(DOCUMENT, start, "/x") == (
        DOCUMENT["components"]["responses"]["B"],
        "/components/responses/B",
    )
    assert deref(DOCUMENT, {"no": "ref"}) == {"no": "ref"}
    assert resolve_ref(DOCUMENT, "#/components/responses/#B") == {"description": "a key that starts with #"}


def test_remote_cyclic_and_dangling_refs_are_refused() -> None:
    with pytest.raises(ValueError, match="only local references"):
        resolve_ref(DOCUMENT, "other.yaml#/components/responses/B")
    cycle = {"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}}
    with pytest.raises(ValueError, match="does not end"):
        deref(cycle, cycle["a"])
    with pytest.raises(PointerError, match="names nothing"):
        deref(DOCUMENT, {"$ref": "#/components/responses/Z"})
