"""What the wheel holds, and under which names: every import name starts with ``cashfree_oneclick``.

The repository keeps its top-level folders (``generated_client``, ``contract_tests``, ``scripts``);
the wheel must not install such generic names into site-packages. So the build (hatch_build.py) copies
the client, the generated package, the fake and the one spec-pipeline module the fake needs under
``cashfree_oneclick/`` and rewrites their absolute imports, the way pypa's ``vendoring`` tool rewrites
vendored packages: on the token stream (stdlib ``tokenize``), so only import statements and string
literals that are exactly a module name change, never prose, comments or a name that merely starts
alike. Afterwards every absolute import is checked (stdlib ``ast``): one still naming a repository
folder fails the build.

Standard library only: it runs inside the isolated build environment.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator, Mapping
from pathlib import Path

# Repository module -> installed module. Longest first when rewriting.
RENAMES: Mapping[str, str] = {
    "generated_client": "cashfree_oneclick.generated_client",
    "contract_tests.fake": "cashfree_oneclick.fake",
    "scripts.openapi_schema": "cashfree_oneclick.fake._openapi_schema",
}
# Repository path (file or folder) -> path in the wheel.
SOURCES: Mapping[str, str] = {
    "cashfree_oneclick": "cashfree_oneclick",
    "generated_client": "cashfree_oneclick/generated_client",
    "contract_tests/fake": "cashfree_oneclick/fake",
    "scripts/openapi_schema.py": "cashfree_oneclick/fake/_openapi_schema.py",
    # spec.py looks for the bundle beside itself first (the repository's copy is two folders up).
    "openapi/bundles/contract-fake.yaml": "cashfree_oneclick/fake/contract-fake.yaml",
}
REPOSITORY_PACKAGES = frozenset({"generated_client", "contract_tests", "scripts", "tests", "benchmarks"})
SHIPPED_SUFFIXES = frozenset({".py", ".lua", ".yaml", ".typed"})
_STATEMENT_STARTS = {tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


class LayoutError(Exception):
    """The wheel would carry a module that imports a repository folder by its generic name."""


def renamed(module: str, renames: Mapping[str, str] = RENAMES) -> str | None:
    for old in sorted(renames, key=len, reverse=True):
        if module == old or module.startswith(old + "."):
            return renames[old] + module[len(old) :]
    return None


def rewrite(source: str, renames: Mapping[str, str] = RENAMES) -> str:
    """``source`` with its absolute imports (and string literals equal to a module name) renamed."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    for index, token in enumerate(tokens):
        if (
            token.type == tokenize.NAME
            and token.string in {"import", "from"}
            and _starts_statement(tokens, index)
        ):
            edits.extend(_import_edits(tokens, index, renames))
        elif token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):
                continue
            new = renamed(value, renames) if isinstance(value, str) else None
            if new is not None:
                quote = token.string[-1]  # module names hold no quote: keep the file's own quoting
                edits.append((token.start, token.end, f"{quote}{new}{quote}"))
    lines = source.splitlines(keepends=True)
    for (row, col), (end_row, end_col), text in sorted(edits, reverse=True):
        if row != end_row:
            raise LayoutError(f"a renamed name spans lines at line {row}")
        line = lines[row - 1]
        lines[row - 1] = line[:col] + text + line[end_col:]
    return "".join(lines)


def _starts_statement(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    for previous in reversed(tokens[:index]):
        if previous.type in {tokenize.COMMENT}:
            continue
        return previous.type in _STATEMENT_STARTS or (
            previous.type == tokenize.OP and previous.string in {";", ":"}
        )
    return True


def _dotted(
    tokens: list[tokenize.TokenInfo], index: int
) -> tuple[int, str, tuple[int, int], tuple[int, int]]:
    """The dotted name starting at ``index``: (index after it, name, start, end)."""
    start = tokens[index].start
    parts: list[str] = []
    end = start
    while index < len(tokens):
        token = tokens[index]
        if token.type == tokenize.NAME and (not parts or parts[-1] == "."):
            parts.append(token.string)
        elif token.type == tokenize.OP and token.string == "." and parts and parts[-1] != ".":
            parts.append(".")
        else:
            break
        end = token.end
        index += 1
    return index, "".join(parts), start, end


def _import_edits(
    tokens: list[tokenize.TokenInfo], index: int, renames: Mapping[str, str]
) -> Iterator[tuple[tuple[int, int], tuple[int, int], str]]:
    keyword = tokens[index].string
    index += 1
    if keyword == "from":
        if tokens[index].type == tokenize.OP and tokens[index].string in {".", "..."}:
            return  # relative import: stays as it is
        _, name, start, end = _dotted(tokens, index)
        new = renamed(name, renames)
        if new is not None:
            yield start, end, new
        return
    while index < len(tokens):  # import a.b [as c], d.e ...
        index, name, start, end = _dotted(tokens, index)
        new = renamed(name, renames)
        if new is not None:
            aliased = index < len(tokens) and tokens[index].string == "as"
            if not aliased and "." in name:
                # "import a.b" binds "a", which no longer exists once renamed: say so, do not guess.
                raise LayoutError(f"line {start[0]}: 'import {name}' needs an alias or 'from ... import'")
            yield start, end, new if aliased else f"{new} as {name}"
        while (
            index < len(tokens)
            and tokens[index].string not in {",", "\n", ";"}
            and tokens[index].type
            not in {
                tokenize.NEWLINE,
                tokenize.COMMENT,
            }
        ):
            index += 1
        if index < len(tokens) and tokens[index].string == ",":
            index += 1
            continue
        return


def check(source: str, path: str) -> None:
    """Fail when ``source`` still imports a repository folder by its generic top-level name."""
    for node in ast.walk(ast.parse(source, path)):
        names: list[str] = []
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in REPOSITORY_PACKAGES:
                raise LayoutError(f"{path}:{line} imports {name!r}, which the wheel does not carry")


def wheel_files(root: Path) -> dict[str, bytes]:
    """Every file of the wheel's packages: path in the wheel -> content (imports rewritten)."""
    files: dict[str, bytes] = {}
    for source, target in SOURCES.items():
        path = root / source
        members = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for member in members:
            if member.suffix not in SHIPPED_SUFFIXES or "__pycache__" in member.parts:
                continue
            relative = member.relative_to(path).as_posix() if path.is_dir() else ""
            destination = f"{target}/{relative}" if relative else target
            content = member.read_bytes()
            if member.suffix == ".py":
                text = rewrite(content.decode("utf-8"))
                check(text, destination)
                content = text.encode("utf-8")
            files[destination] = content
    return files
