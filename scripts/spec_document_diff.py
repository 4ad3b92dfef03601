"""Walk two OpenAPI 3.0 documents side by side: paths, operations, parameters, bodies, responses,
components. The schema keywords are compared by ``scripts/spec_schema_diff.py``; which change breaks
what is decided by ``scripts/spec_changes.py``.

The walk sees two views of one edit (``diff_views``):

- per operation, with every ``$ref`` resolved: the effective parameters, request body and body of
  each documented status, i.e. what the client sends and parses;
- per component, without following shared ``$ref``s: where the edit was made, once. A component
  change is breaking when it breaks a side of the wire that some operation reaches it from (see
  ``usage``); a component that no operation uses breaks nothing.

``diff_documents`` reports each edit once (``spec_changes.once_per_edit``): a component edit where it
was made, listing the operations it reaches, breaking if any view breaks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scripts.json_pointer import escape, from_tokens, is_ref, tokens
from scripts.spec_changes import BOTH, REQUEST, RESPONSE, Change, Context, Recorder, once_per_edit
from scripts.spec_schema_diff import Refs, SchemaDiff, compare_annotations

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
Where = tuple[str, str, str]  # (pointer relative to the operation, old origin, new origin)


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change, once: a component edit where it was made, listing the operations it reaches."""
    return once_per_edit(diff_views(old, new))


def diff_views(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every view of every change: a component edit at the component and again in each operation."""
    return _Differ(old, new).run()


def usage(document: dict[str, Any]) -> dict[str, set[Context]]:
    """For each component (``/components/<section>/<name>``), the sides of the wire reaching it."""
    refs, reached = Refs(document), defaultdict[str, set[Context]](set)
    for item in (document.get("paths") or {}).values():
        item = refs.resolve(item, "")[0]
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                request = [item.get("parameters"), operation.get("parameters"), operation.get("requestBody")]
                _reach(request, "request", refs, reached)
                _reach([operation.get("responses")], "response", refs, reached)
    return dict(reached)


def _reach(stack: list[Any], context: Context, refs: Refs, reached: defaultdict[str, set[Context]]) -> None:
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/"):
                component = from_tokens(tokens(ref[1:])[:3])
                if context not in reached[component]:
                    reached[component].add(context)
                    stack.append(refs.lookup(component))
            stack.extend(value for key, value in node.items() if key != "$ref")


class _Differ:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old_doc, self.new_doc = old, new
        self.old, self.new = Refs(old), Refs(new)
        self.effective = SchemaDiff(self.old, self.new, follow=True)
        self.local = SchemaDiff(self.old, self.new, follow=False)
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        old_paths, new_paths = self.old_doc.get("paths") or {}, self.new_doc.get("paths") or {}
        for path in dict.fromkeys([*old_paths, *new_paths]):
            pointer = f"/paths/{escape(path)}"
            rec = Recorder(path, BOTH, self.changes)
            if path not in new_paths or path not in old_paths:
                added = path not in old_paths
                refs, paths = (self.new, new_paths) if added else (self.old, old_paths)
                item = refs.resolve(paths[path], pointer)[0]
                methods = [m.upper() for m in HTTP_METHODS if m in item]
                kind = "path-added" if added else "path-removed"
                before, after = (None, methods) if added else (methods, None)
                rec.add(
                    kind, "", pointer, before, after, f"{path} {kind.split('-')[1]} ({', '.join(methods)})"
                )
                continue
            old_item, old_abs = self.old.resolve(old_paths[path], pointer)
            new_item, new_abs = self.new.resolve(new_paths[path], pointer)
            for method in HTTP_METHODS:
                label, suffix = f"{method.upper()} {path}", f"/{method}"
                if method in old_item and method in new_item:
                    self._operation(label, (old_item, old_abs), (new_item, new_abs), method)
                elif method in old_item or method in new_item:
                    added = method in new_item
                    kind = "operation-added" if added else "operation-removed"
                    origin = (new_abs if added else old_abs) + suffix
                    Recorder(label, BOTH, self.changes).add(
                        kind, "", origin, None, None, f"{label} {kind[10:]}"
                    )
        self._components()
        return self.changes

    def _operation(self, label: str, old: tuple[Any, str], new: tuple[Any, str], method: str) -> None:
        (old_item, old_path), (new_item, new_path) = old, new
        old_op, new_op = old_item[method], new_item[method]
        old_abs, new_abs = f"{old_path}/{method}", f"{new_path}/{method}"
        rec = Recorder(label, BOTH, self.changes)
        compare_annotations(rec, old_op, new_op, ("", old_abs, new_abs))
        if old_op.get("operationId") != new_op.get("operationId"):
            before, after = old_op.get("operationId"), new_op.get("operationId")
            rec.add(
                "operation-id-changed", "/operationId", f"{new_abs}/operationId", before, after, "renamed"
            )
        old_security = old_op.get("security", self.old_doc.get("security"))
        new_security = new_op.get("security", self.new_doc.get("security"))
        if old_security != new_security:
            rec.add("security-changed", "/security", f"{new_abs}/security", old_security, new_security, "")
        self._parameters(
            rec.within(REQUEST),
            _parameters(self.old, old_item, old_op, old_path, old_abs),
            _parameters(self.new, new_item, new_op, new_path, new_abs),
        )
        where = ("/requestBody", f"{old_abs}/requestBody", f"{new_abs}/requestBody")
        self._body(rec.within(REQUEST), old_op.get("requestBody"), new_op.get("requestBody"), where, True)
        old_responses = {str(k): v for k, v in (old_op.get("responses") or {}).items()}
        new_responses = {str(k): v for k, v in (new_op.get("responses") or {}).items()}
        responses = rec.within(RESPONSE)
        for status in dict.fromkeys([*old_responses, *new_responses]):
            pointer = f"/responses/{escape(status)}"
            if status in old_responses and status in new_responses:
                at = (pointer, old_abs + pointer, new_abs + pointer)
                self._response(responses, old_responses[status], new_responses[status], at, True)
            else:
                added = status in new_responses
                kind = "status-added" if added else "status-removed"
                origin = (new_abs if added else old_abs) + pointer
                responses.add(kind, pointer, origin, None, None, f"status {status} {kind[7:]}")

    def _parameters(
        self,
        rec: Recorder,
        old: dict[tuple[str, str], tuple[Any, str]],
        new: dict[tuple[str, str], tuple[Any, str]],
    ) -> None:
        for key in dict.fromkeys([*old, *new]):
            rel = f"/parameters/{escape(key[0])}/{escape(key[1])}"
            if key in old and key in new:
                self._parameter(rec, old[key][0], new[key][0], (rel, old[key][1], new[key][1]), True)
            elif key in new:
                required = bool(new[key][0].get("required"))
                kind = "required-parameter-added" if required else "parameter-added"
                rec.add(kind, rel, new[key][1], None, key[1], f"{key[0]} parameter {key[1]} added")
            else:
                rec.add(
                    "parameter-removed",
                    rel,
                    old[key][1],
                    key[1],
                    None,
                    f"{key[0]} parameter {key[1]} removed",
                )

    def _open(self, old: Any, new: Any, at: Where, follow: bool) -> tuple[Any, Any, Where] | None:
        """Resolve both sides; None when comparing components and both name the same one (compared
        on its own)."""
        if not follow and is_ref(old) and is_ref(new) and old["$ref"] == new["$ref"]:
            return None
        (old, old_abs), (new, new_abs) = self.old.resolve(old, at[1]), self.new.resolve(new, at[2])
        return old, new, (at[0], old_abs, new_abs)

    def _parameter(self, rec: Recorder, old: Any, new: Any, at: Where, follow: bool) -> None:
        if (opened := self._open(old, new, at, follow)) is None:
            return
        old, new, at = opened
        compare_annotations(rec, old, new, at)
        _required(rec, old, new, at)
        schemas = self.effective if follow else self.local
        if "schema" in old or "schema" in new:
            child = (f"{at[0]}/schema", f"{at[1]}/schema", f"{at[2]}/schema")
            schemas.compare(rec, old.get("schema", {}), new.get("schema", {}), child)
        self._content(rec, old.get("content") or {}, new.get("content") or {}, at, schemas)

    def _body(self, rec: Recorder, old: Any, new: Any, at: Where, follow: bool) -> None:
        if old is None and new is None:
            return
        if old is None or new is None:
            body = self.new.resolve(new, at[2])[0] if new is not None else None
            kind = "request-body-removed" if body is None else "request-body-added"
            kind = "required-" + kind if body is not None and body.get("required") else kind
            rec.add(kind, at[0], at[2] if body is not None else at[1], None, None, kind.replace("-", " "))
            return
        if (opened := self._open(old, new, at, follow)) is None:
            return
        old, new, at = opened
        compare_annotations(rec, old, new, at)
        _required(rec, old, new, at)
        schemas = self.effective if follow else self.local
        self._content(rec, old.get("content") or {}, new.get("content") or {}, at, schemas)

    def _response(self, rec: Recorder, old: Any, new: Any, at: Where, follow: bool) -> None:
        if (opened := self._open(old, new, at, follow)) is None:
            return
        old, new, at = opened
        compare_annotations(rec, old, new, at)
        schemas = self.effective if follow else self.local
        self._content(rec, old.get("content") or {}, new.get("content") or {}, at, schemas)
        old_links, new_links = old.get("links") or {}, new.get("links") or {}
        for name in dict.fromkeys([*old_links, *new_links]):
            before, after = old_links.get(name), new_links.get(name)
            if before == after:
                continue
            kind = "link-added" if before is None else "link-removed" if after is None else "link-changed"
            pointer = f"/links/{escape(name)}"
            origin = (at[2] if after is not None else at[1]) + pointer
            rec.add(kind, at[0] + pointer, origin, before, after, f"link {name}")

    def _content(
        self, rec: Recorder, old: dict[str, Any], new: dict[str, Any], at: Where, schemas: SchemaDiff
    ) -> None:
        for media in dict.fromkeys([*old, *new]):
            pointer = f"/content/{escape(media)}"
            child = (at[0] + pointer, at[1] + pointer, at[2] + pointer)
            if media in old and media in new:
                compare_annotations(rec, old[media], new[media], child)
                if "schema" in old[media] or "schema" in new[media]:
                    where = (child[0] + "/schema", child[1] + "/schema", child[2] + "/schema")
                    schemas.compare(rec, old[media].get("schema", {}), new[media].get("schema", {}), where)
            else:
                kind = "media-type-added" if media in new else "media-type-removed"
                rec.add(kind, child[0], child[2] if media in new else child[1], None, None, media)

    def _components(self) -> None:
        old_all, new_all = self.old_doc.get("components") or {}, self.new_doc.get("components") or {}
        old_usage, new_usage = usage(self.old_doc), usage(self.new_doc)
        for section in dict.fromkeys([*old_all, *new_all]):
            olds, news = old_all.get(section) or {}, new_all.get(section) or {}
            for name in dict.fromkeys([*olds, *news]):
                pointer = f"/components/{escape(section)}/{escape(name)}"
                contexts = frozenset(old_usage.get(pointer, set()) | new_usage.get(pointer, set()))
                rec, at = Recorder(None, contexts, self.changes), (pointer, pointer, pointer)
                if name not in olds or name not in news:
                    kind = "component-added" if name not in olds else "component-removed"
                    rec.add(kind, pointer, pointer, None, None, f"{section} {name} {kind[10:]}")
                elif section == "schemas":
                    self.local.compare(rec, olds[name], news[name], at)
                elif section == "parameters":
                    self._parameter(rec, olds[name], news[name], at, False)
                elif section == "requestBodies":
                    self._body(rec, olds[name], news[name], at, False)
                elif section == "responses":
                    self._response(rec, olds[name], news[name], at, False)
                elif olds[name] != news[name]:
                    kind = "security-changed" if section == "securitySchemes" else "component-changed"
                    rec.within(BOTH).add(kind, pointer, pointer, None, None, f"{section} {name} changed")


def _parameters(
    refs: Refs, item: Any, operation: Any, item_abs: str, op_abs: str
) -> dict[Any, tuple[Any, str]]:
    """Path-level then operation-level parameters by (in, name); the operation's override the path's."""
    found: dict[Any, tuple[Any, str]] = {}
    for raw_list, base in ((item.get("parameters"), item_abs), (operation.get("parameters"), op_abs)):
        for index, raw in enumerate(raw_list or []):
            parameter, _ = refs.resolve(raw, f"{base}/parameters/{index}")
            found[(str(parameter.get("in")), str(parameter.get("name")))] = (
                raw,
                f"{base}/parameters/{index}",
            )
    return found


def _required(rec: Recorder, old: dict[str, Any], new: dict[str, Any], at: Where) -> None:
    """A parameter or request body that becomes required (or optional)."""
    before, after = bool(old.get("required")), bool(new.get("required"))
    if before != after:
        kind = "property-required" if after else "property-optional"
        rec.add(kind, f"{at[0]}/required", f"{at[2]}/required", before, after, f"now {kind.split('-')[1]}")
