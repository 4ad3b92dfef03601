"""The vendor-page extractor: exact bytes, file names, named errors, the CLI, and the real pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.extract_vendor import EmbeddedSpec, ExtractionError, extract, extract_file, main

PAGES = Path(__file__).parent / "fixtures" / "pages"
VENDOR = Path(__file__).resolve().parents[1] / "openapi" / "vendor"


@pytest.mark.parametrize(
    ("page", "method", "path", "expected"),
    [
        ("one_block.md", "post", "/x", b"openapi: 3.0.0\ninfo:\n  title: X\n  version: '1'\npaths: {}\n"),
        # a three-backtick fence, the method upper-case; trailing blank lines are the YAML's own
        ("three_backticks.md", "get", "/users/{user_id}/Items", b"openapi: 3.0.0\npaths: {}\n\n\n"),
        # CRLF stays CRLF, the blank line before the fence included
        ("crlf.md", "delete", "/things/x", b"openapi: 3.0.0\r\npaths: {}\r\n\r\n"),
        # ``` inside a four-backtick fence is YAML, not the end of the block
        (
            "backticks_in_value.md",
            "put",
            "/notes",
            b"openapi: 3.0.0\ninfo:\n  description: |\n    Call it like this:\n    ```\n"
            b"    curl -X PUT /notes\n    ```\n  version: '1'\n",
        ),
    ],
)
def test_extracts_the_exact_bytes(page: str, method: str, path: str, expected: bytes) -> None:
    spec = extract_file(PAGES / page)
    assert (spec.method, spec.path) == (method, path)
    assert spec.yaml == expected


def test_the_crlf_fixture_really_has_crlf() -> None:
    # Guards the test above against a checkout that translated the fixture's line endings.
    data = (PAGES / "crlf.md").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 8


@pytest.mark.parametrize(
    ("method", "path", "filename"),
    [
        ("post", "/oauth2/session", "post-oauth2-session.yaml"),
        ("get", "/oauth2/user-details", "get-oauth2-user-details.yaml"),
        ("get", "/users/{user_id}/Items", "get-users-user-id-items.yaml"),
        ("delete", "/v2/things.json", "delete-v2-things-json.yaml"),
    ],
)
def test_filename(method: str, path: str, filename: str) -> None:
    assert EmbeddedSpec(method, path, b"openapi: 3.0.0\n").filename == filename


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("no_block.md", ": no ```yaml METHOD PATH block found"),
        ("two_blocks.md", ": 2 yaml blocks found (get /a, post /b); expected one"),
        ("unterminated.md", ":3: yaml block is never closed"),
        ("empty_block.md", ":3: yaml block is empty"),
        ("unknown_method.md", ":3: unknown HTTP method 'fetch' in fence"),
    ],
)
def test_a_page_without_exactly_one_block_is_an_error_naming_it(page: str, message: str) -> None:
    source = PAGES / page
    with pytest.raises(ExtractionError, match=re.escape(f"{source}{message}")):
        extract_file(source)


def test_a_path_that_is_not_utf8_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match=r"^page\.md:1: the path in the fence is not UTF-8"):
        extract(b"````yaml get /\xff\nopenapi: 3.0.0\n````\n", "page.md")


def test_cli_writes_then_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [str(PAGES / "one_block.md"), str(PAGES / "crlf.md")]
    out = tmp_path / "vendor"
    assert main([*pages, "--out", str(out), "--check"]) == 1  # nothing written yet: both stale
    assert not out.exists()
    assert main([*pages, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["delete-things-x.yaml", "post-x.yaml"]
    assert (out / "delete-things-x.yaml").read_bytes() == b"openapi: 3.0.0\r\npaths: {}\r\n\r\n"
    capsys.readouterr()

    assert main([*pages, "--out", str(out), "--check"]) == 0
    assert capsys.readouterr().err == ""

    # a YAML round-trip would drop the CRLF: exactly what --check is for
    target = out / "delete-things-x.yaml"
    target.write_bytes(target.read_bytes().replace(b"\r\n", b"\n"))
    assert main([*pages, "--out", str(out), "--check"]) == 1
    assert f"{target} differs from the YAML embedded in {PAGES / 'crlf.md'}" in capsys.readouterr().err

    assert main([*pages, "--out", str(out)]) == 0  # a write repairs it
    assert main([*pages, "--out", str(out), "--check"]) == 0


def test_cli_a_bad_page_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(PAGES / "two_blocks.md"), "--out", str(tmp_path)]) == 2
    assert "two_blocks.md: 2 yaml blocks found" in capsys.readouterr().err
    assert main([str(PAGES / "missing.md"), "--out", str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("page", sorted((VENDOR / "pages").glob("*.md")), ids=lambda p: p.name)
def test_the_real_pages_reproduce_the_vendor_yaml(page: Path) -> None:
    spec = extract_file(page)
    assert spec.yaml == (VENDOR / spec.filename).read_bytes()


def test_the_real_pages_are_the_two_operations() -> None:
    specs = {extract_file(page).filename for page in (VENDOR / "pages").glob("*.md")}
    assert specs == {"post-oauth2-session.yaml", "get-oauth2-user-details.yaml"}
    pages = [str(page) for page in sorted((VENDOR / "pages").glob("*.md"))]
    assert main([*pages, "--out", str(VENDOR), "--check"]) == 0
