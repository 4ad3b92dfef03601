"""The records of a spec diff, the rule that says which are breaking, and their JSON and Markdown forms.

"Breaking" means breaking *for our generated client*, which sends requests and parses responses. The
same edit can break one direction and not the other, so each kind of change has two verdicts: one for
a request schema (what the client sends) and one for a response schema (what it parses).

- A request schema that accepts less (a constraint added or tightened, a property made required, an
  enum value removed) breaks the client: values it sends today may be refused.
- A response schema that promises more (a value constraint added or tightened: pattern, lengths,
  bounds, format, minItems...) does not: the client still parses everything it parsed before. A
  response constraint loosened does not either, because the generated client validates no value
  constraint; what it does depend on is presence (``required``), ``type``, ``nullable`` and the enum
  values its models name, so changes to those break it.
- Something removed that the client calls or names (path, operation, operationId, documented status,
  media type, response property) breaks it; something added does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

Context = Literal["request", "response"]
REQUEST: frozenset[Context] = frozenset({"request"})
RESPONSE: frozenset[Context] = frozenset({"response"})
# Paths, operations and statuses are neither side of the wire: their rules give one verdict for both.
BOTH: frozenset[Context] = frozenset({"request", "response"})

# kind -> (breaking in a request, breaking in a response)
RULES: dict[str, tuple[bool, bool]] = {
    "path-added": (False, False),
    "path-removed": (True, True),
    "operation-added": (False, False),
    "operation-removed": (True, True),
    # openapi-python-client names the operation's module after its operationId.
    "operation-id-changed": (True, True),
    "security-changed": (True, True),
    "status-added": (False, False),
    "status-removed": (True, True),
    "media-type-added": (False, False),
    "media-type-removed": (True, True),
    "parameter-added": (False, False),
    "required-parameter-added": (True, False),
    # The client generated before the change still sends it; the server no longer promises to accept it.
    "parameter-removed": (True, False),
    "request-body-added": (False, False),
    "required-request-body-added": (True, False),
    "request-body-removed": (True, False),
    "property-added": (False, False),
    "required-property-added": (True, False),
    "property-removed": (True, True),
    "property-required": (True, False),
    "property-optional": (False, True),
    "type-changed": (True, True),
    "nullable-added": (False, True),
    "nullable-removed": (True, False),
    "enum-value-added": (False, False),
    "enum-value-removed": (True, True),
    "enum-removed": (False, True),
    "constraint-added": (True, False),
    "constraint-tightened": (True, False),
    # A new pattern or format may accept more or less: in a request that is a risk we flag.
    "constraint-changed": (True, False),
    "constraint-loosened": (False, False),
    "constraint-removed": (False, False),
    "variant-added": (False, True),
    "variant-removed": (True, False),
    # A structural keyword we do not model (discriminator, not, ...): flagged so a human looks.
    "keyword-changed": (True, True),
    "link-added": (False, False),
    "link-removed": (False, False),
    "link-changed": (False, False),
    "description-changed": (False, False),
    "example-added": (False, False),
    "example-removed": (False, False),
    "example-changed": (False, False),
    "default-changed": (False, False),
    "deprecated-changed": (False, False),
    "extension-changed": (False, False),
    "component-added": (False, False),
    "component-removed": (True, True),
    "component-changed": (False, False),
}


def is_breaking(kind: str, contexts: Iterable[Context]) -> bool:
    """Breaking in any of ``contexts``; a change no operation reaches (no context) breaks nothing."""
    request, response = RULES[kind]
    return any(request if context == "request" else response for context in contexts)


@dataclass(frozen=True)
class Location:
    # "POST /oauth2/session", a bare path for path-level changes, or None for a component.
    operation: str | None
    # JSON pointer inside the operation with every $ref resolved (parameters addressed as
    # /parameters/<in>/<name>, since their order means nothing), or inside the document for a component.
    pointer: str


@dataclass(frozen=True)
class Change:
    kind: str
    breaking: bool
    location: Location
    old: Any
    new: Any
    message: str
    # Where the changed node is defined in the document (the new one, or the old one when removed):
    # one component edit shows up once per operation that reaches it, all with the same origin.
    origin: str = ""
    # The operations the change reaches (see once_per_edit): a component edit lists every operation
    # whose effective request or response it changes; an edit inside an operation lists that one.
    operations: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        if self.location.operation is None:
            return self.location.pointer  # a component: its pointer says where
        return f"{self.location.operation} {self.location.pointer}".rstrip()


def once_per_edit(changes: Iterable[Change]) -> list[Change]:
    """One record per edit: the views of one edit (same kind, origin and values) folded into one.

    The walk sees a component edit twice over: where it was made (the component) and in every
    operation reaching it (refs resolved). The report keeps the record where it was made, lists the
    operations that saw it, and breaks when any of the views breaks. Views of one edit without a
    component record (a path-level parameter seen by each method of its path) keep the first view's
    place. An edit seen once keeps its record, listing its own operation.
    """
    groups: dict[tuple[str, str, str], list[Change]] = {}
    for change in changes:
        values = json.dumps([change.old, change.new], sort_keys=True, default=str)
        key = (change.kind, change.origin or f"#{id(change)}", values)
        groups.setdefault(key, []).append(change)
    folded = []
    for views in groups.values():
        at_component = [view for view in views if view.location.operation is None]
        base = at_component[0] if at_component else views[0]
        reached = sorted({view.location.operation for view in views if view.location.operation is not None})
        folded.append(replace(base, breaking=any(v.breaking for v in views), operations=tuple(reached)))
    return folded


def ordered(changes: Iterable[Change]) -> list[Change]:
    """Breaking first, then operations before components, each by place and kind."""
    return sorted(
        changes,
        key=lambda c: (not c.breaking, c.location.operation is None, c.where, c.kind, str(c.new)),
    )


def to_json(changes: Iterable[Change], old: str, new: str) -> str:
    records = ordered(changes)
    document = {
        "old": old,
        "new": new,
        "breaking": sum(c.breaking for c in records),
        "non_breaking": sum(not c.breaking for c in records),
        "changes": [asdict(c) for c in records],
    }
    # default=str: YAML gives dates (and the odd non-JSON scalar) in examples and defaults.
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def _cell(value: Any) -> str:
    text = "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"`{text}`".replace("|", "\\|") if text else ""


def _table(changes: list[Change]) -> list[str]:
    lines = ["| kind | where | old | new | what | operations |", "|---|---|---|---|---|---|"]
    for change in changes:
        where = f"`{change.where}`".replace("|", "\\|")
        message = change.message.replace("|", "\\|").replace("\n", " ")
        # A component no operation reaches: say so, it is why the change breaks nothing.
        reached = ", ".join(f"`{label}`" for label in change.operations) or "none"
        lines.append(
            f"| {change.kind} | {where} | {_cell(change.old)} | {_cell(change.new)} | {message} | {reached} |"
        )
    return lines


def to_markdown(changes: Iterable[Change], old: str, new: str) -> str:
    records = ordered(changes)
    breaking = [c for c in records if c.breaking]
    other = [c for c in records if not c.breaking]
    lines = [
        f"# Spec diff: `{old}` → `{new}`",
        "",
        f"{len(breaking)} breaking and {len(other)} non-breaking change(s) for the generated client.",
    ]
    if breaking:
        lines += ["", f"## Breaking ({len(breaking)})", "", *_table(breaking)]
    if other:
        lines += ["", f"## Non-breaking ({len(other)})", "", *_table(other)]
    return "\n".join(lines) + "\n"


@dataclass
class Recorder:
    """Collects the changes found in one place (an operation, or the components) and one context."""

    operation: str | None
    contexts: frozenset[Context]
    changes: list[Change]

    def add(self, kind: str, pointer: str, origin: str, old: Any, new: Any, message: str) -> None:
        self.changes.append(
            Change(
                kind,
                is_breaking(kind, self.contexts),
                Location(self.operation, pointer),
                old,
                new,
                message,
                origin,
            )
        )

    def within(self, contexts: frozenset[Context]) -> Recorder:
        """The same place seen from another side of the wire (a request body, a response)."""
        return Recorder(self.operation, contexts, self.changes)
