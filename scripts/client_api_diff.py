"""What changed in the generated client's public API between two trees, as Markdown.

    python -m scripts.client_api_diff OLD_ROOT NEW_ROOT [--package NAME] [--markdown OUT]

Each root is a checkout (the PR's base in a ``git worktree``, and the working tree after ``make
generate``). The public API is read with ``ast``, never imported: the old tree may not even import
any more, and importing generated code would run it. For every module under ``<package>/api`` and
``<package>/models`` it lists the module, its public functions (with their signature), its public
classes with their attrs fields (name, type and default) and public methods, and its public
module-level names (the Literal aliases that hold enum values). A name that exists on both sides
with a different description is *changed*; the members of an added or removed module or class are
not listed again. Exit status 0 whatever changed: this is a report for the PR summary.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "cashfree_oneclick_generated"
SECTIONS = ("api", "models")


@dataclass(frozen=True)
class ApiDiff:
    added: dict[str, str]
    removed: dict[str, str]
    changed: dict[str, tuple[str, str]]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def package_home(root: Path, package: str) -> Path:
    """The folder holding ``package``: the generated project (``generated_client/``) of a checkout,
    or ``root`` itself for a bare tree."""
    project = root / "generated_client"
    return project if (project / package).is_dir() else root


def public_api(root: Path, package: str = PACKAGE) -> dict[str, str]:
    """Qualified public name -> a one-line description of it, for every module of the two sections."""
    api: dict[str, str] = {}
    home = package_home(root, package)
    for section in SECTIONS:
        base = home / package / section
        for path in sorted(base.rglob("*.py")) if base.is_dir() else []:
            parts = path.relative_to(home).with_suffix("").parts
            if any(part.startswith("_") for part in parts if part != "__init__"):
                continue
            module = ".".join(part for part in parts if part != "__init__")
            if path.name != "__init__.py":
                api[module] = "module"
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name, description in _members(tree.body):
                api[f"{module}.{name}"] = description
    return api


def _members(body: list[ast.stmt], in_class: bool = False) -> list[tuple[str, str]]:
    members: list[tuple[str, str]] = []
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _public(node.name):
            prefix = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
            returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
            members.append((node.name, f"{prefix} {node.name}({ast.unparse(node.args)}){returns}"))
        elif isinstance(node, ast.ClassDef) and _public(node.name) and not in_class:
            bases = ", ".join(ast.unparse(base) for base in node.bases)
            members.append((node.name, f"class {node.name}" + (f"({bases})" if bases else "")))
            members += [(f"{node.name}.{name}", text) for name, text in _members(node.body, in_class=True)]
        elif (
            isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and _public(node.target.id)
        ):
            # An attrs field (or a typed module constant): its type, and its default when it has one,
            # since a default decides whether the constructor requires it.
            default = f" = {ast.unparse(node.value)}" if node.value is not None and in_class else ""
            members.append((node.target.id, f"{ast.unparse(node.annotation)}{default}"))
        elif isinstance(node, ast.Assign) and not in_class and not _is_typevar(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name) and _public(target.id):
                    members.append((target.id, f"= {ast.unparse(node.value)}"))
    return members


def _public(name: str) -> bool:
    return not name.startswith("_")


def _is_typevar(value: ast.expr) -> bool:
    """``T = TypeVar("T", bound=...)`` is generator plumbing, not API."""
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "TypeVar"


def diff_api(old: dict[str, str], new: dict[str, str]) -> ApiDiff:
    added = {name: text for name, text in new.items() if name not in old}
    removed = {name: text for name, text in old.items() if name not in new}
    changed = {name: (old[name], new[name]) for name in old.keys() & new.keys() if old[name] != new[name]}
    return ApiDiff(_outermost(added), _outermost(removed), dict(sorted(changed.items())))


def _outermost(names: dict[str, str]) -> dict[str, str]:
    """Drop the members of a module or class that is itself in ``names``."""
    return {
        name: text
        for name, text in sorted(names.items())
        if not any(name.startswith(f"{other}.") for other in names if other != name)
    }


def markdown(diff: ApiDiff, package: str = PACKAGE) -> str:
    title = f"## Public API of `{package}`"
    if diff.empty:
        return f"{title}\n\nNo change.\n"
    counts = f"{len(diff.removed)} removed, {len(diff.changed)} changed, {len(diff.added)} added"
    lines = [title, "", counts]
    # Removed and changed names are what break callers: listed first.
    if diff.removed:
        lines += ["", "### Removed", ""] + [f"- `{name}`: `{text}`" for name, text in diff.removed.items()]
    if diff.changed:
        lines += ["", "### Changed", ""]
        lines += [f"- `{name}`: `{old}` → `{new}`" for name, (old, new) in diff.changed.items()]
    if diff.added:
        lines += ["", "### Added", ""] + [f"- `{name}`: `{text}`" for name, text in diff.added.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("old_root", type=Path, help="the old tree (e.g. a worktree of the PR's base)")
    parser.add_argument("new_root", type=Path, help="the new tree")
    parser.add_argument("--package", default=PACKAGE)
    parser.add_argument("--markdown", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    try:
        diff = diff_api(public_api(args.old_root, args.package), public_api(args.new_root, args.package))
    except (OSError, SyntaxError, UnicodeDecodeError) as error:
        print(f"client_api_diff: {error}", file=sys.stderr)
        return 2
    report = markdown(diff, args.package)
    if args.markdown is not None:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(report, encoding="utf-8")
    print(report, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
