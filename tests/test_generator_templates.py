"""Our generator templates (openapi/generator-templates/) on a small document of their own.

A union of models discriminated by a one-value enum (union_property.py.jinja): a member whose data is
wrong, or data naming no member, must fail to parse as upstream's template makes it fail, never parse
into None by falling off the end of the union's ``_parse_*`` function.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from scripts.generate import generate_into


def _member(kind: str, field: str) -> dict[str, object]:
    return {
        "type": "object",
        "required": ["kind", field],
        "properties": {"kind": {"type": "string", "enum": [kind]}, field: {"type": "integer"}},
    }


# Both members discriminated, none left to fall back on (unlike the user-details scopes' UnknownScope).
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "discriminated union", "version": "1"},
    "paths": {
        "/box": {
            "get": {
                "operationId": "GetBox",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Box"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Box": {
                "type": "object",
                "required": ["item"],
                "properties": {"item": {"oneOf": [{"$ref": f"#/components/schemas/{n}"} for n in "AB"]}},
            },
            "A": _member("A", "a"),
            "B": _member("B", "b"),
        }
    },
}

# Run in the generated project (the package's parent directory): its package is the one imported.
PROBE = """
import json, sys
from cashfree_oneclick_generated.models import Box
outcomes = []
for item in json.loads(sys.argv[1]):
    try:
        outcomes.append(repr(Box.from_dict({"item": item}).item))
    except Exception as error:
        outcomes.append(f"raised {type(error).__name__}")
print(json.dumps(outcomes))
"""


def test_a_discriminated_union_without_fallback_raises_instead_of_parsing_none(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False), encoding="utf-8")
    project = generate_into(tmp_path, spec)
    items = [{"kind": "A", "a": 1}, {"kind": "B", "b": 2}, {"kind": "A"}, {"kind": "B"}, {"kind": "C"}]

    run = subprocess.run(  # noqa: S603 - this interpreter, a fixed probe
        [sys.executable, "-c", PROBE, json.dumps(items)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [
        "A(kind='A', a=1, additional_properties={})",
        "B(kind='B', b=2, additional_properties={})",
        "raised TypeError",  # A without a: A fails, B is then tried (its kind check fails)
        "raised KeyError",  # B without b: B's own error
        "raised TypeError",  # no member has kind C
    ]
