"""The import contracts of pyproject.toml (run by `make check` as lint-imports) hold, and catch breaks.

The project must keep them; a planted tree with the project's module names and this very
configuration must break them: the cycle the suite once had (runner <-> conformance), a layer
crossed, schemathesis (or the engine's urllib3) imported beside its adapter, the fake's gate, admin
routes and controls in a circle.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _configuration() -> dict[str, Any]:
    settings: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(settings["tool"]["importlinter"])


def _lint(directory: Path) -> subprocess.CompletedProcess[str]:
    # A wide console: rich wraps long contract names otherwise.
    environment = {**os.environ, "PYTHONPATH": str(directory), "COLUMNS": "250"}
    return subprocess.run(  # noqa: S603 - the environment's own lint-imports, fixed arguments
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _module(directory: Path, name: str, source: str = "") -> None:
    parts = name.split(".")
    for index in range(1, len(parts)):
        package = directory.joinpath(*parts[:index])
        package.mkdir(exist_ok=True)
        (package / "__init__.py").touch()
    path = directory.joinpath(*parts[:-1], f"{parts[-1]}.py")
    if path.with_suffix("").is_dir():
        path = path.with_suffix("") / "__init__.py"
    path.write_text(source, encoding="utf-8")


def test_the_project_keeps_every_contract() -> None:
    run = _lint(ROOT)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_a_planted_cycle_a_crossed_layer_and_a_stray_schemathesis_import_are_caught(tmp_path: Path) -> None:
    configuration = _configuration()
    names = set(configuration["root_packages"])
    for contract in configuration["contracts"]:
        for key in ("source_modules", "forbidden_modules", "ancestors"):
            names.update(contract.get(key, []))
        for container in contract.get("containers", []):
            for layer in contract["layers"]:
                names.update(f"{container}.{tail.strip()}" for tail in re.split(r"[|:]", layer))
    for name in sorted(names, key=lambda n: n.count(".")):
        if not tmp_path.joinpath(*name.split(".")).is_dir():
            _module(tmp_path, name + ".__init__" if "." not in name else name)
    # The circle the fake once had: the gate, its admin routes and the controls importing each other.
    _module(tmp_path, "cashfree_oneclick.fake.app", "from cashfree_oneclick.fake import admin\n")
    _module(tmp_path, "cashfree_oneclick.fake.admin", "from cashfree_oneclick.fake import controls\n")
    _module(tmp_path, "cashfree_oneclick.fake.controls", "from cashfree_oneclick.fake import app\n")
    _module(tmp_path, "cashfree_oneclick.fake.kit", "import cashfree_oneclick\n")  # allowed: kit.py only
    _module(tmp_path, "contract_tests.schemathesis_adapter", "import schemathesis\nimport requests\n")
    _module(tmp_path, "contract_tests.engine_sockets", "import requests\nimport urllib3\n")  # allowed
    # The cycle contract_tests once had: the runner and conformance importing each other.
    _module(tmp_path, "contract_tests.runner", "from contract_tests import conformance\n")
    _module(tmp_path, "contract_tests.conformance", "from contract_tests import runner\n")
    # The client reaching into the suite; schemathesis imported beside its adapter.
    _module(tmp_path, "cashfree_oneclick.client", "import contract_tests.targets\n")
    _module(tmp_path, "contract_tests.checks", "import schemathesis\nimport urllib3\n")
    # This very configuration (TOML strings, lists of strings and booleans are written as in JSON).
    top = {key: value for key, value in configuration.items() if key != "contracts"}
    lines = ["[tool.importlinter]", *(f"{key} = {json.dumps(value)}" for key, value in top.items())]
    for contract in configuration["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in contract.items()]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = _lint(tmp_path)

    assert run.returncode == 1, run.stdout + run.stderr
    broken = {line.split(" BROKEN")[0].strip() for line in run.stdout.splitlines() if " BROKEN" in line}
    assert broken >= {
        "No import cycle between sibling modules or packages",
        "cashfree_oneclick (client and fake) imports neither the pipeline, the suite nor tests",
        "Only contract_tests.schemathesis_adapter imports schemathesis",
        "requests and urllib3 only in the schemathesis adapter and engine_sockets",
    }, run.stdout
    assert any(name.startswith("The fake in layers") for name in broken), run.stdout
    assert "No cycles are allowed in contract_tests" in run.stdout
