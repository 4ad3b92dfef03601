"""Compare two OpenAPI 3.0 schema nodes keyword by keyword, resolving ``$ref`` on both sides.

Two modes, one walk:

- ``follow=True`` (per operation): every ``$ref`` is resolved, so an operation sees the effective
  schema of its request body, parameters and responses, whatever component an edit was made in.
- ``follow=False`` (per component): the walk stops at a ``$ref`` that both sides share, because the
  referenced component is compared on its own; following it would report one edit once per referrer.

Each change is recorded at its pointer relative to where the walk started, and with its *origin*,
the pointer of the changed keyword in the document that holds it.
"""

from __future__ import annotations

from typing import Any

from scripts.json_pointer import PointerError, deref_at, escape, is_ref, resolve
from scripts.spec_changes import Recorder

# String formats that change the Python type openapi-python-client generates: not a constraint.
_TYPED_FORMATS = frozenset({"date", "date-time", "binary", "uuid"})
_LOWER_BOUNDS = frozenset({"minLength", "minimum", "minItems", "minProperties"})
_UPPER_BOUNDS = frozenset({"maxLength", "maximum", "maxItems", "maxProperties"})
_FLAGS = frozenset({"uniqueItems", "exclusiveMinimum", "exclusiveMaximum"})  # OpenAPI 3.0: booleans
_OTHER = frozenset({"pattern", "multipleOf", "format"})
CONSTRAINTS = _LOWER_BOUNDS | _UPPER_BOUNDS | _FLAGS | _OTHER
_DESCRIPTIVE = frozenset({"description", "title", "summary", "externalDocs"})
_HANDLED = (
    CONSTRAINTS
    | _DESCRIPTIVE
    | {"type", "nullable", "enum", "properties", "required", "items", "additionalProperties"}
    | {"allOf", "anyOf", "oneOf", "example", "examples", "default", "deprecated"}
)
_MISSING = object()


class SpecDiffError(ValueError):
    """A document cannot be compared (a remote or dangling $ref, a $ref cycle)."""


class Refs:
    """Resolves the local ``$ref``s of one document, keeping the pointer of what they reach."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def lookup(self, pointer: str) -> Any:
        try:
            return resolve(self.document, pointer)
        except PointerError:
            raise SpecDiffError(f"$ref '#{pointer}' points at nothing") from None

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        """``node`` (at ``pointer``) with its ``$ref`` chain followed, and where the chain ends."""
        try:
            return deref_at(self.document, node, pointer)
        except PointerError as error:
            raise SpecDiffError(f"{pointer}: a $ref points at nothing ({error})") from None
        except ValueError as error:  # a remote $ref, or a chain that comes back to itself
            raise SpecDiffError(f"$refs cannot be compared: {error}") from None


def compare_annotations(
    rec: Recorder, old: dict[str, Any], new: dict[str, Any], at: tuple[str, str, str]
) -> None:
    """Descriptions, examples, defaults, deprecation and x- extensions: never breaking."""
    rel, old_abs, new_abs = at
    keys = [k for k in dict.fromkeys([*old, *new]) if str(k) in _DESCRIPTIVE or str(k).startswith("x-")]
    keys += [k for k in ("default", "deprecated", "example") if k in old or k in new]
    for key in keys:
        before, after = old.get(key, _MISSING), new.get(key, _MISSING)
        if before == after:
            continue
        origin = f"{new_abs if after is not _MISSING else old_abs}/{escape(key)}"
        if key == "example":
            kind = "example-added" if before is _MISSING else "example-removed" if after is _MISSING else ""
            kind = kind or "example-changed"
        elif str(key).startswith("x-"):
            kind = "extension-changed"
        else:
            kind = {"default": "default-changed", "deprecated": "deprecated-changed"}.get(key, "")
            kind = kind or "description-changed"
        rec.add(kind, f"{rel}/{escape(key)}", origin, _value(before), _value(after), f"{key} changed")
    old_examples, new_examples = old.get("examples") or {}, new.get("examples") or {}
    if isinstance(old_examples, dict) and isinstance(new_examples, dict):
        for name in dict.fromkeys([*old_examples, *new_examples]):
            before, after = old_examples.get(name, _MISSING), new_examples.get(name, _MISSING)
            if before == after:
                continue
            kind = "example-added" if before is _MISSING else "example-removed" if after is _MISSING else ""
            side = new_abs if after is not _MISSING else old_abs
            pointer = f"/examples/{escape(name)}"
            rec.add(kind or "example-changed", rel + pointer, side + pointer, None, None, f"example {name!r}")


def _value(value: Any) -> Any:
    return None if value is _MISSING else value


class SchemaDiff:
    def __init__(self, old: Refs, new: Refs, follow: bool) -> None:
        self.old, self.new, self.follow = old, new, follow

    def compare(self, rec: Recorder, old: Any, new: Any, at: tuple[str, str, str]) -> None:
        """Compare two schema nodes; ``at`` is (relative pointer, old origin, new origin)."""
        self._node(rec, old, new, at, frozenset())

    def _node(
        self, rec: Recorder, old: Any, new: Any, at: tuple[str, str, str], seen: frozenset[tuple[str, str]]
    ) -> None:
        rel, old_abs, new_abs = at
        if is_ref(old) and is_ref(new) and old["$ref"] == new["$ref"] and not self.follow:
            return
        old, old_abs = self.old.resolve(old, old_abs)
        new, new_abs = self.new.resolve(new, new_abs)
        if (old_abs, new_abs) in seen:  # a recursive schema: this pair is already being compared
            return
        seen = seen | {(old_abs, new_abs)}
        at = (rel, old_abs, new_abs)
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:
                rec.add("keyword-changed", rel, new_abs, old, new, "schema replaced")
            return
        compare_annotations(rec, old, new, at)
        self._shape(rec, old, new, at)
        self._constraints(rec, old, new, at)
        self._properties(rec, old, new, at, seen)
        self._children(rec, old, new, at, seen)
        for key in sorted((set(old) | set(new)) - _HANDLED, key=str):
            if not str(key).startswith("x-") and old.get(key) != new.get(key):
                origin = f"{new_abs if key in new else old_abs}/{escape(key)}"
                rec.add("keyword-changed", f"{rel}/{escape(key)}", origin, old.get(key), new.get(key), key)

    def _shape(
        self, rec: Recorder, old: dict[str, Any], new: dict[str, Any], at: tuple[str, str, str]
    ) -> None:
        rel, old_abs, new_abs = at
        if old.get("type") != new.get("type"):
            message = f"type {old.get('type')} -> {new.get('type')}"
            rec.add(
                "type-changed", f"{rel}/type", f"{new_abs}/type", old.get("type"), new.get("type"), message
            )
        before, after = bool(old.get("nullable")), bool(new.get("nullable"))
        if before != after:
            kind = "nullable-added" if after else "nullable-removed"
            rec.add(
                kind, f"{rel}/nullable", f"{new_abs}/nullable", before, after, "null allowed" if after else ""
            )
        if "enum" in old and "enum" in new:
            for value in new["enum"]:
                if value not in old["enum"]:
                    rec.add("enum-value-added", f"{rel}/enum", f"{new_abs}/enum", None, value, f"{value!r}")
            for value in old["enum"]:
                if value not in new["enum"]:
                    rec.add("enum-value-removed", f"{rel}/enum", f"{old_abs}/enum", value, None, f"{value!r}")
        elif "enum" in new:
            rec.add("constraint-added", f"{rel}/enum", f"{new_abs}/enum", None, new["enum"], "enum added")
        elif "enum" in old:
            rec.add("enum-removed", f"{rel}/enum", f"{old_abs}/enum", old["enum"], None, "any value now")

    def _constraints(
        self, rec: Recorder, old: dict[str, Any], new: dict[str, Any], at: tuple[str, str, str]
    ) -> None:
        rel, old_abs, new_abs = at
        for key in sorted(CONSTRAINTS & (set(old) | set(new))):
            before, after = old.get(key, _MISSING), new.get(key, _MISSING)
            if before == after:
                continue
            if key in _FLAGS:  # an absent flag is false
                before, after = before is True, after is True
                kind = "constraint-tightened" if after else "constraint-loosened"
            elif key == "format" and {before, after} & _TYPED_FORMATS:
                kind = "type-changed"
            elif before is _MISSING:
                kind = "constraint-added"
            elif after is _MISSING:
                kind = "constraint-removed"
            elif key in _LOWER_BOUNDS | _UPPER_BOUNDS and _numbers(before, after):
                tighter = after > before if key in _LOWER_BOUNDS else after < before
                kind = "constraint-tightened" if tighter else "constraint-loosened"
            else:
                kind = "constraint-changed"
            origin = f"{new_abs if key in new else old_abs}/{key}"
            old_value, new_value = _value(before), _value(after)
            message = f"{key} {old_value!r} -> {new_value!r}"
            if kind in ("constraint-added", "constraint-removed"):
                message = f"{key} {kind.split('-')[1]}"
            rec.add(kind, f"{rel}/{key}", origin, old_value, new_value, message)

    def _properties(
        self,
        rec: Recorder,
        old: dict[str, Any],
        new: dict[str, Any],
        at: tuple[str, str, str],
        seen: frozenset[tuple[str, str]],
    ) -> None:
        rel, old_abs, new_abs = at
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or ()), set(new.get("required") or ())
        for name in dict.fromkeys([*old_props, *new_props]):
            pointer = f"/properties/{escape(name)}"
            if name not in new_props:
                rec.add("property-removed", rel + pointer, old_abs + pointer, name, None, f"{name} removed")
            elif name not in old_props:
                required = name in new_required
                kind = "required-property-added" if required else "property-added"
                message = f"{name} added" + (" (required)" if required else "")
                rec.add(kind, rel + pointer, new_abs + pointer, None, name, message)
            else:
                if (name in new_required) != (name in old_required):
                    kind = "property-required" if name in new_required else "property-optional"
                    message = f"{name} is now {kind.split('-')[1]}"
                    # The origin is the name's entry in the `required` list that has it: one edit each.
                    holder, base = (new, new_abs) if name in new_required else (old, old_abs)
                    origin = f"{base}/required/{list(holder['required']).index(name)}"
                    rec.add(kind, rel + pointer, origin, None, None, message)
                child = (rel + pointer, old_abs + pointer, new_abs + pointer)
                self._node(rec, old_props[name], new_props[name], child, seen)

    def _children(
        self,
        rec: Recorder,
        old: dict[str, Any],
        new: dict[str, Any],
        at: tuple[str, str, str],
        seen: frozenset[tuple[str, str]],
    ) -> None:
        rel, old_abs, new_abs = at
        if "items" in old and "items" in new:
            self._node(
                rec,
                old["items"],
                new["items"],
                (f"{rel}/items", f"{old_abs}/items", f"{new_abs}/items"),
                seen,
            )
        elif "items" in old or "items" in new:
            kind = "constraint-added" if "items" in new else "constraint-removed"
            rec.add(
                kind, f"{rel}/items", f"{new_abs}/items", None, None, "items schema " + kind.split("-")[1]
            )
        before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
        extra = ("/additionalProperties",) * 3
        child = (rel + extra[0], old_abs + extra[1], new_abs + extra[2])
        if isinstance(before, dict) and isinstance(after, dict):
            self._node(rec, before, after, child, seen)
        elif before != after:
            tightened = after is False or (before is True and isinstance(after, dict))
            loosened = before is False or (isinstance(before, dict) and after is True)
            kind = "constraint-tightened" if tightened else "constraint-loosened" if loosened else ""
            rec.add(kind or "constraint-changed", child[0], child[2], before, after, "additionalProperties")
        for key in ("allOf", "anyOf", "oneOf"):
            olds, news = old.get(key) or [], new.get(key) or []
            pinned = "type" in old and old.get("type") == new.get("type")
            if key != "allOf" and bool(olds) != bool(news) and pinned:
                # The keyword itself appears (or goes) beside a type the schema keeps: one more
                # condition to meet (or one less), a constraint, not new shapes of a union.
                kind = "constraint-added" if news else "constraint-removed"
                origin = f"{new_abs if news else old_abs}/{key}"
                rec.add(kind, f"{rel}/{key}", origin, None, None, f"{key} of {len(news or olds)} {kind[11:]}")
                continue
            for index in range(max(len(olds), len(news))):
                pointer = f"/{key}/{index}"
                if index < len(olds) and index < len(news):
                    triple = (rel + pointer, old_abs + pointer, new_abs + pointer)
                    self._node(rec, olds[index], news[index], triple, seen)
                    continue
                added = index >= len(olds)
                if key == "allOf":  # one more schema to satisfy: a constraint
                    kind = "constraint-added" if added else "constraint-removed"
                else:
                    kind = "variant-added" if added else "variant-removed"
                origin = (new_abs if added else old_abs) + pointer
                rec.add(
                    kind, rel + pointer, origin, None, None, f"{key} member {'added' if added else 'removed'}"
                )


def _numbers(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
