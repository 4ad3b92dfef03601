"""Classify every change between two OpenAPI 3.0 documents as breaking or not for our generated client.

    python -m scripts.spec_diff OLD NEW [--json OUT] [--markdown OUT] [--fail-on-breaking]

OLD and NEW are YAML documents, or directories whose ``*.yaml`` files are merged as the bundler merges
them (``openapi/vendor`` before and after ``make extract``). Each edit is reported once, where it was
made, with the operations it reaches: an edit of a component lists every operation whose request or
response it changes (refs resolved: what the client sends and parses), and breaks when it breaks any
of them; see ``scripts/spec_document_diff.py``.

The rules (which kind of change breaks which side) are in ``scripts/spec_changes.py``. The report is
printed as Markdown, breaking changes first. Exit status: 0 (a report), 1 with ``--fail-on-breaking``
when anything breaks, 2 when a document cannot be read or compared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from scripts.bundle import BundleError, merge_documents
from scripts.spec_changes import to_json, to_markdown
from scripts.spec_document_diff import diff_documents
from scripts.spec_schema_diff import SpecDiffError
from scripts.yaml_io import load_yaml

__all__ = ["diff_documents", "load", "main"]


def load(path: Path) -> dict[str, Any]:
    """One YAML document, or the merge of a directory's ``*.yaml`` documents."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise SpecDiffError(f"{path}: no *.yaml documents")
    documents = []
    for file in files:
        document = load_yaml(file.read_text(encoding="utf-8"))
        if not isinstance(document, dict):
            raise SpecDiffError(f"{file}: not an OpenAPI document")
        documents.append((str(file), document))
    return merge_documents(documents) if len(documents) > 1 else documents[0][1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("old", type=Path, help="the old document (YAML) or a directory of them")
    parser.add_argument("new", type=Path, help="the new document (YAML) or a directory of them")
    parser.add_argument("--json", type=Path, help="write the changes as JSON here")
    parser.add_argument("--markdown", type=Path, help="write the Markdown report here")
    parser.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when a change is breaking")
    args = parser.parse_args(argv)
    try:
        changes = diff_documents(load(args.old), load(args.new))
    except (SpecDiffError, BundleError, OSError, yaml.YAMLError) as error:
        print(f"spec_diff: {error}", file=sys.stderr)
        return 2
    old, new = str(args.old), str(args.new)
    report = to_markdown(changes, old, new)
    for target, text in ((args.json, to_json(changes, old, new)), (args.markdown, report)):
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    print(report, end="")
    breaking = sum(change.breaking for change in changes)
    print(f"spec_diff: {breaking} breaking, {len(changes) - breaking} non-breaking", file=sys.stderr)
    return 1 if args.fail_on_breaking and breaking else 0


if __name__ == "__main__":
    raise SystemExit(main())
