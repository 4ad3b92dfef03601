"""Generate the client project from the client bundle, or check that the committed one is fresh.

``generated_client/`` is openapi-python-client's project layout (``--meta uv``): a ``pyproject.toml``
(our template: hatchling), a README and the package ``cashfree_oneclick_generated/`` with its
``py.typed``; the root ``pyproject.toml`` has it as a uv workspace member. Its version is the kit's
``__version__`` (read from ``cashfree_oneclick/version.py``, the one place it is written), so the two
wheels of a release carry one number.

openapi-python-client (pinned) runs into a temporary directory outside the repository; the result then
replaces ``generated_client/`` whole, or, with ``--check``, is compared with it file by file. Working in
a temporary directory keeps the generator's ``--overwrite`` (which deletes its whole output directory)
and its ruff post hooks away from the work tree, and makes the check exactly "what would generate write".

    python -m scripts.generate           # regenerate generated_client/
    python -m scripts.generate --check   # exit 1 when generated_client/ is stale
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generated_client"
SPEC = ROOT / "openapi" / "bundles" / "client.yaml"
CONFIG = ROOT / "openapi" / "generator.yaml"
TEMPLATES = ROOT / "openapi" / "generator-templates"
VERSION_FILE = ROOT / "cashfree_oneclick" / "version.py"


def kit_version(path: Path = VERSION_FILE) -> str:
    """``__version__`` of the kit, read from the file (the pipeline imports nothing of the client)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise RuntimeError(f"{path} sets no __version__ string")


def generate_into(directory: Path, spec: Path = SPEC) -> Path:
    """Run the generator on ``spec`` (the client bundle); return the project directory it wrote.

    Warnings are errors. Tests of the templates pass a small document of their own.
    """
    output = directory / PACKAGE.name
    config = directory / "generator.yaml"
    config.write_text(
        CONFIG.read_text(encoding="utf-8") + f"package_version_override: {kit_version()!r}\n",
        encoding="utf-8",
    )
    command = [
        sys.executable, "-m", "openapi_python_client", "generate",
        "--path", str(spec), "--config", str(config), "--custom-template-path", str(TEMPLATES),
        "--meta", "uv", "--output-path", str(output), "--fail-on-warning",
    ]  # fmt: skip
    # The post hooks call `ruff`: make sure it is the one of this environment (pinned in uv.lock).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, cwd=directory, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_dir():
        raise RuntimeError(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")
    return output


def tree(directory: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(directory)): path
        for path in sorted(directory.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def differences(fresh: Path, committed: Path) -> list[str]:
    new, old = tree(fresh), tree(committed) if committed.is_dir() else {}
    lines = [f"missing: {name}" for name in sorted(new.keys() - old.keys())]
    lines += [f"not generated: {name}" for name in sorted(old.keys() - new.keys())]
    lines += [
        f"differs: {name}"
        for name in sorted(new.keys() & old.keys())
        if not filecmp.cmp(new[name], old[name], shallow=False)
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate generated_client/ from the client bundle.")
    parser.add_argument("--check", action="store_true", help="fail when generated_client/ is stale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="generate-") as temporary:
        try:
            fresh = generate_into(Path(temporary))
        except RuntimeError as error:
            print(f"generate: {error}", file=sys.stderr)
            return 2
        stale = differences(fresh, PACKAGE)
        if args.check:
            for line in stale:
                print(f"generate: {PACKAGE.name}/ is stale, {line}", file=sys.stderr)
            if stale:
                print("generate: run `make generate` and commit the result", file=sys.stderr)
            return 1 if stale else 0
        if stale:
            shutil.rmtree(PACKAGE, ignore_errors=True)
            shutil.copytree(fresh, PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
        print(f"generate: {PACKAGE.name}/ {'updated' if stale else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
