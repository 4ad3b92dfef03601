"""Every hypothesis strategy of the test suite, in one place."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from scripts.openapi_schema import to_json_schema
from scripts.yaml_io import load_yaml

ROOT = Path(__file__).resolve().parent.parent
CLIENT_BUNDLE = ROOT / "openapi" / "bundles" / "client.yaml"

# The response bodies our client parses: every schema a documented response of the client bundle uses.
RESPONSE_SCHEMAS = (
    "InitiateOauthResponseSchema",
    "FetchDetailsResponseSchema",
    "GenerateTokenResponseSchema",
    "DataAvailabilityResponseSchema",
    "ErrorResponseSchema",
)


@cache
def client_bundle() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(CLIENT_BUNDLE.read_text(encoding="utf-8"))
    return document


def response_bodies(schema_name: str) -> st.SearchStrategy[dict[str, Any]]:
    """JSON bodies valid under the client bundle's schema ``schema_name``."""
    document = client_bundle()
    schema = _bounded(to_json_schema({"$ref": f"#/components/schemas/{schema_name}"}, document))
    unions = [
        name
        for name, sub in schema.get("properties", {}).items()
        if sub.get("type") == "array" and "anyOf" in sub.get("items", {})
    ]
    if not unions:
        # Every schema named in RESPONSE_SCHEMAS is `type: object`, so each drawn value is a dict.
        return from_schema(schema).map(_as_object)
    # A list of a union (user details' scopes, now required): hypothesis-jsonschema draws the union as a
    # whole 7x slower than one branch at a time, so each such list is drawn branch by branch and the rest
    # of the object from its own schema.
    rest = {
        **schema,
        "properties": {k: v for k, v in schema["properties"].items() if k not in unions},
        "required": [k for k in schema.get("required", []) if k not in unions],
    }
    lists = {
        name: st.lists(
            st.one_of([from_schema(branch) for branch in schema["properties"][name]["items"]["anyOf"]]),
            min_size=schema["properties"][name].get("minItems", 0),
            max_size=schema["properties"][name]["maxItems"],
        )
        for name in unions
    }
    return st.tuples(from_schema(rest).map(_as_object), st.fixed_dictionaries(lists)).map(
        lambda parts: {**parts[0], **parts[1]}
    )


def _bounded(schema: Any) -> Any:
    """``schema`` with every list capped at three items: a body of user details always carries the scopes
    list (required), each a union of nested records, and long lists only slow generation down without
    reaching a parse path that two or three items do not."""
    if isinstance(schema, list):
        return [_bounded(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    bounded = {key: _bounded(value) for key, value in schema.items() if key != "enum"}
    if "enum" in schema:
        bounded["enum"] = schema["enum"]
    if schema.get("type") == "array" and "maxItems" not in schema:
        bounded["maxItems"] = max(3, schema.get("minItems", 0))
    return bounded


def _as_object(value: object) -> dict[str, Any]:
    assert isinstance(value, dict), f"schema produced a non-object {value!r}"
    return value


def mobile_numbers() -> st.SearchStrategy[str]:
    """10-digit mobile numbers as the contract takes them (no prefix): any digits, leading zeros too."""
    return st.text(alphabet="0123456789", min_size=10, max_size=10)


def verification_ids() -> st.SearchStrategy[str]:
    """verification_ids valid under the contract: 1-50 of letters, digits, '.', '-', '_'."""
    return st.text(alphabet=st.sampled_from("abcXYZ0189.-_"), min_size=1, max_size=50)


def retry_after_seconds() -> st.SearchStrategy[int]:
    """Waits a server may ask for, in whole seconds (below anything that looks like an epoch time)."""
    return st.integers(min_value=0, max_value=999_999_999)
