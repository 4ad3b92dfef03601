"""What an answer is on the wire, checked on every recorded answer: its media type and its JSON.

Python's parser forgives what the vendor's documents do not allow, and schemathesis reads the media
type of an answer only in its engine's cases. Two rules, each on every answer the suite recorded
(engine cases and probes alike):

- ``response_content_type``: the media type of the answer (parameters such as ``charset`` aside) is one
  the operation declares for that status (the vendor's pages declare ``application/json`` for every
  status). A 200 labelled ``text/plain`` is a finding even when its body is JSON: a client that honours
  the label cannot read it.
- ``json_body``: a body declared or labelled JSON is RFC 8259 JSON, read by the kit's one strict reader
  (``cashfree_oneclick.jsonbody``): no ``NaN``/``Infinity``, UTF-8 without a byte order mark. A body
  Python would parse but another client would refuse is a finding, never read around.

Statuses the operation does not document are left to ``status_code_conformance``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from cashfree_oneclick.jsonbody import BodyError, parse_json
from contract_tests.findings import Finding, Severity, about
from contract_tests.interactions import Interaction
from scripts.json_pointer import deref
from scripts.openapi_schema import read_bundle


@cache
def declared_media_types(bundle: Path) -> dict[tuple[str, int], frozenset[str]]:
    """(operation label, status) -> the media types its response declares."""
    document = read_bundle(bundle)
    declared: dict[tuple[str, int], frozenset[str]] = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                response = deref(document, response)
                if status.isdigit():
                    media = frozenset(str(m).lower() for m in response.get("content", {}))
                    declared[(f"{method.upper()} {path}", int(status))] = media
    return declared


def header(item: Interaction, name: str) -> str | None:
    wanted = name.lower()
    return next((v for k, v in item.response_headers.items() if k.lower() == wanted), None)


def media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


def response_content_type(item: Interaction, ops: dict[str, str], bundle: Path) -> Iterator[Finding]:
    """The answer's media type is one its operation declares for the status (the vendor's pages:
    `content: application/json` on every response)."""
    if item.status is None:
        return
    declared = declared_media_types(bundle).get((item.operation, item.status))
    if not declared:
        return
    got = media_type(header(item, "content-type"))
    if got not in declared:
        yield about(
            item, ops, "response_content_type", f"{item.status} answered as {got or 'no media type'}",
            f"the {item.status} answer is labelled {got[:60] or '(no Content-Type)'!r}; the operation "
            f"declares {sorted(declared)}", Severity.MEDIUM,
        )  # fmt: skip


def json_body(item: Interaction, ops: dict[str, str], bundle: Path) -> Iterator[Finding]:
    """A body declared or labelled JSON is RFC 8259 JSON (RFC 8259 §6 has no NaN or Infinity; §8.1:
    UTF-8, no byte order mark). The reason names the defect, never the body's content."""
    if item.status is None:
        return
    declared = declared_media_types(bundle).get((item.operation, item.status), frozenset())
    labelled = media_type(header(item, "content-type"))
    if not (any(_is_json(m) for m in declared) or _is_json(labelled)):
        return
    try:
        parse_json(item.response_body or b"")
    except BodyError as error:
        yield about(
            item, ops, "json_body", "body is not RFC 8259 JSON",
            f"the {item.status} body cannot be read as the JSON the vendor documents: {error.reason}",
            Severity.HIGH,
        )  # fmt: skip


RULES = (response_content_type, json_body)
