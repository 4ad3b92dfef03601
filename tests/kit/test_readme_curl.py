"""The README's quickstart, run as written: its curl flow against the fake served over HTTP.

The block under "The whole flow with curl" is taken from README.md itself (never copied here), its
``BASE=`` line pointed at a fake on a free loopback port, and run by bash with ``-euo pipefail``: every
step must succeed, and the last one prints the user details of the scopes the block consents to.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from cashfree_oneclick.fake import FakeConfig
from tests.support.fake_flow import served

README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "### The whole flow with curl"


def curl_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(HEADING) :]
    match = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert match, f"no sh block under {HEADING!r} in README.md"
    return match.group(1)


def printed_objects(stdout: str) -> list[dict[str, Any]]:
    """The JSON objects curl printed one after the other (its answers end without a newline)."""
    decoder, objects, at = json.JSONDecoder(), [], 0
    while (at := stdout.find("{", at)) >= 0:
        value, at = decoder.raw_decode(stdout, at)
        objects.append(value)
    return objects


def test_the_block_is_the_whole_flow() -> None:
    block = curl_block()
    assert re.search(r"^BASE=http://127\.0\.0\.1:8080/verification$", block, re.MULTILINE)
    for path in (
        "/user/data-availability",
        "/oauth2/session",
        "/consent",
        "/generate-token",
        "/user-details",
    ):
        assert path in block, path


def test_the_readme_curl_flow_runs_against_the_fake(tmp_path: Path) -> None:
    with served(FakeConfig()) as base_url:
        script = re.sub(r"^BASE=.*$", f"BASE={base_url}", curl_block(), count=1, flags=re.MULTILINE)
        run = subprocess.run(  # noqa: S603 - bash on the README's own block, against our loopback fake
            ["bash", "-euo", "pipefail", "-c", script],  # noqa: S607
            capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    printed = printed_objects(run.stdout)
    availability, details = printed[0], printed[-1]
    assert availability["verification_id"] == "quickstart-da-1"
    assert {s["scope"] for s in availability["available_scopes"]} >= {"PAN", "NAME"}
    assert details["verification_id"] == "quickstart-1"
    assert sorted(scope["scope"] for scope in details["scopes"]) == ["NAME", "PAN"]
    assert all(scope["records"] for scope in details["scopes"])
