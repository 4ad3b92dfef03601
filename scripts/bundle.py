"""Bundle path documents and overlays into one OpenAPI 3.0 document per purpose.

The manifest ``openapi/bundles.yaml`` names each bundle's sources (vendor YAML verbatim, our own path
documents), an optional ``base`` bundle it starts from, and the overlays applied after merging:

    bundles:
      contract: {sources: [vendor/a.yaml, additions/b.yaml], overlays: [overlays/contract.yaml]}
      client:   {base: contract, overlays: [overlays/client.yaml]}

Merging is strict: a path+method defined twice, or a component defined twice with different content,
fails naming both files and the component. Output is deterministic (same inputs, same bytes), so
``--check`` can tell a stale committed bundle from a fresh one.

A bundle with ``packaged: <path>`` (relative to the repository) is also written there as JSON with
every ``$ref`` inlined and every schema in plain JSON Schema (``openapi_schema.resolved_document``):
the fake's package data, read with nothing but ``json``, so the fake never imports this pipeline.

    python -m scripts.bundle            # write openapi/bundles/*.yaml (and the packaged copies)
    python -m scripts.bundle --check    # exit 1 when a committed bundle or packaged copy is stale
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.openapi_schema import resolved_document
from scripts.overlay import OverlayError, apply_overlay, load_overlay
from scripts.yaml_io import load_yaml

OPENAPI_DIR = Path(__file__).resolve().parent.parent / "openapi"
_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
# Document-level keys every source must agree on; the first source's value is kept.
_SHARED_KEYS = ("openapi", "info", "servers")


class BundleError(ValueError):
    """The manifest or a source cannot be bundled."""


@dataclass(frozen=True)
class BundleSpec:
    name: str
    sources: tuple[str, ...]
    overlays: tuple[str, ...]
    base: str | None
    description: str
    packaged: str | None = None  # a resolved JSON copy, relative to the repository root


def load_manifest(path: Path) -> dict[str, BundleSpec]:
    # From the open file, not its text: a YAML syntax error then names the file it is in.
    with path.open(encoding="utf-8") as stream:
        raw = load_yaml(stream)
    if not isinstance(raw, Mapping) or not isinstance(raw.get("bundles"), Mapping):
        raise BundleError(f"{path}: expected a mapping with 'bundles'")
    specs: dict[str, BundleSpec] = {}
    for name, entry in raw["bundles"].items():
        if not isinstance(entry, Mapping):
            raise BundleError(f"{path}: bundle {name!r} must be a mapping")
        unknown = set(entry) - {"sources", "overlays", "base", "description", "packaged"}
        if unknown:
            raise BundleError(f"{path}: bundle {name!r} has unknown keys {sorted(unknown)}")
        base = entry.get("base")
        if base is not None and base not in specs:
            raise BundleError(f"{path}: bundle {name!r} is based on {base!r}, which must be listed before it")
        for key in ("sources", "overlays"):
            value = entry.get(key)
            if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise BundleError(f"{path}: bundle {name!r}: {key} must be a list of file names")
        sources = tuple(entry.get("sources") or ())
        if base is None and not sources:
            raise BundleError(f"{path}: bundle {name!r} needs sources or a base")
        packaged = entry.get("packaged")
        if packaged is not None and not (isinstance(packaged, str) and packaged.endswith(".json")):
            raise BundleError(f"{path}: bundle {name!r}: packaged must be the path of a .json file")
        specs[name] = BundleSpec(
            name,
            sources,
            tuple(entry.get("overlays") or ()),
            base,
            str(entry.get("description", "")),
            packaged,
        )
    return specs


def merge_documents(documents: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge (source name, OpenAPI document) pairs; the first document's top-level data wins."""
    first_name, first = documents[0]
    merged = copy.deepcopy(first)
    merged.setdefault("paths", {})
    merged.setdefault("components", {})
    path_owner = {
        (p, m): first_name for p, item in merged["paths"].items() for m in item if m in _HTTP_METHODS
    }
    component_owner = {(s, n): first_name for s, items in merged["components"].items() for n in items}
    for name, document in documents[1:]:
        for key in _SHARED_KEYS:
            if key in document and document[key] != merged.get(key):
                raise BundleError(f"'{key}' differs between {first_name} and {name}")
        for path, item in document.get("paths", {}).items():
            target = merged["paths"].setdefault(path, {})
            for method, operation in item.items():
                if method not in _HTTP_METHODS:
                    # A path-level key (parameters, summary, servers): the same path must agree on it.
                    if method in target and target[method] != operation:
                        raise BundleError(f"path-level '{method}' of {path} differs in {name}")
                    target.setdefault(method, copy.deepcopy(operation))
                    continue
                if (path, method) in path_owner:
                    owner = path_owner[(path, method)]
                    raise BundleError(f"{method.upper()} {path} is defined in both {owner} and {name}")
                target[method] = copy.deepcopy(operation)
                path_owner[(path, method)] = name
        for section, items in document.get("components", {}).items():
            target = merged["components"].setdefault(section, {})
            for component, value in items.items():
                known = component_owner.get((section, component))
                if known is not None and target[component] != value:
                    raise BundleError(
                        f"component {section}/{component} differs between {known} and {name}; "
                        "a component with one name must be identical in every path document"
                    )
                target.setdefault(component, copy.deepcopy(value))
                component_owner.setdefault((section, component), name)
    return merged


def build(specs: dict[str, BundleSpec], root: Path = OPENAPI_DIR) -> dict[str, dict[str, Any]]:
    built: dict[str, dict[str, Any]] = {}
    for spec in specs.values():
        documents: list[tuple[str, dict[str, Any]]] = []
        if spec.base is not None:
            documents.append((f"bundle {spec.base}", built[spec.base]))
        documents += [(source, _load_yaml(root / source)) for source in spec.sources]
        document = merge_documents(documents)
        for overlay in spec.overlays:
            document = apply_overlay(document, load_overlay(root / overlay))
        built[spec.name] = document
    return built


def render(name: str, spec: BundleSpec, document: dict[str, Any]) -> str:
    header = [
        f"# Bundle '{name}', generated by `make bundle` from openapi/bundles.yaml. Do not edit.",
        *(f"# {line}" for line in spec.description.strip().splitlines()),
    ]
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def render_packaged(document: dict[str, Any]) -> str:
    """The packaged copy: resolved, as JSON (one key a line, so a change reads as a small diff)."""
    return json.dumps(resolved_document(document), indent=1, ensure_ascii=False) + "\n"


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        document = load_yaml(stream)
    if not isinstance(document, dict):
        raise BundleError(f"{path}: not an OpenAPI document")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bundle the OpenAPI sources and overlays.")
    parser.add_argument("--manifest", type=Path, default=OPENAPI_DIR / "bundles.yaml")
    parser.add_argument("--out", type=Path, default=OPENAPI_DIR / "bundles")
    parser.add_argument("--check", action="store_true", help="fail when a committed bundle is stale")
    args = parser.parse_args(argv)
    try:
        specs = load_manifest(args.manifest)
        documents = build(specs, args.manifest.parent)
    except (BundleError, OverlayError, OSError, yaml.YAMLError) as error:
        print(f"bundle: {error}", file=sys.stderr)
        return 2
    stale = []
    outputs: list[tuple[str, Path, str]] = []
    for name, document in documents.items():
        outputs.append((name, args.out / f"{name}.yaml", render(name, specs[name], document)))
        packaged = specs[name].packaged
        if packaged is not None:
            try:
                text = render_packaged(document)
            except ValueError as error:
                print(f"bundle: {name}: {error}", file=sys.stderr)
                return 2
            outputs.append((f"{name} (packaged)", args.manifest.parent.parent / packaged, text))
    for name, target, text in outputs:
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        if args.check:
            stale.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    if stale:
        print(f"bundle: stale bundles {stale}; run `make bundle` and commit the result", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
