"""Hatch build hook: the wheel's files come from scripts/wheel_layout.py (imports renamed under
``cashfree_oneclick``), written to build/wheel-layout/ and force-included; nothing else is selected."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _layout(root: Path) -> Any:
    # Loaded by path: the build environment has no "scripts" package on its import path.
    spec = importlib.util.spec_from_file_location("_wheel_layout", root / "scripts" / "wheel_layout.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("scripts/wheel_layout.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class WheelLayoutHook(BuildHookInterface):  # type: ignore[type-arg]  # generic in hatchling's stubs
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        staging = root / "build" / "wheel-layout"
        shutil.rmtree(staging, ignore_errors=True)
        for destination, content in _layout(root).wheel_files(root).items():
            path = staging / destination
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            build_data["force_include"][str(path)] = destination
