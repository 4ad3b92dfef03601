"""Extract the OpenAPI YAML embedded in a vendor documentation page, byte for byte.

The vendor publishes its spec only inside documentation pages (markdown) holding exactly one
fenced block whose info string is ``yaml METHOD PATH``, e.g. ````` ````yaml post /oauth2/session `````.
The YAML we keep under ``openapi/vendor/`` must be those bytes and nothing else, so this reads
and writes bytes: no decoding, no newline translation, no YAML round-trip.

    python -m scripts.extract_vendor PAGE [PAGE ...] --out openapi/vendor          # write
    python -m scripts.extract_vendor PAGE [PAGE ...] --out openapi/vendor --check  # verify
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# An opening fence: three or more backticks, then ``yaml METHOD /path``. Tildes are not used
# by the vendor's pages; accepting only backticks keeps the rule narrow and the error clear.
_OPEN = re.compile(rb"^(?P<fence>`{3,})yaml[ \t]+(?P<method>[A-Za-z]+)[ \t]+(?P<path>/\S*)[ \t]*\r?$")
_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


class ExtractionError(ValueError):
    """A page does not hold exactly one well-formed ``yaml METHOD PATH`` block."""


@dataclass(frozen=True)
class EmbeddedSpec:
    method: str
    path: str
    yaml: bytes

    @property
    def filename(self) -> str:
        """``post /oauth2/session`` -> ``post-oauth2-session.yaml``: stable, readable, unique."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-")
        return f"{self.method}-{slug}.yaml"


def extract(page: bytes, source: str = "<page>") -> EmbeddedSpec:
    """Return the one embedded spec of ``page``; raise ExtractionError naming ``source`` otherwise."""
    lines = page.splitlines(keepends=True)
    found: list[EmbeddedSpec] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index].rstrip(b"\n"))
        if match is None:
            index += 1
            continue
        method = match["method"].decode("ascii").lower()
        if method not in _METHODS:
            raise ExtractionError(f"{source}:{index + 1}: unknown HTTP method {method!r} in fence")
        fence = match["fence"]
        # The block ends at a line holding only a fence at least as long as the opening one
        # (CommonMark's rule), so a YAML value containing ``` cannot end it early.
        closing = re.compile(rb"^" + re.escape(fence) + rb"`*[ \t]*\r?\n?$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            raise ExtractionError(f"{source}:{index + 1}: yaml block is never closed")
        body = b"".join(lines[index + 1 : end])
        if not body.strip():
            raise ExtractionError(f"{source}:{index + 1}: yaml block is empty")
        try:
            path = match["path"].decode("utf-8")
        except UnicodeDecodeError as error:  # else it escapes main() as a traceback, the page unnamed
            raise ExtractionError(f"{source}:{index + 1}: the path in the fence is not UTF-8") from error
        found.append(EmbeddedSpec(method, path, body))
        index = end + 1
    if not found:
        raise ExtractionError(f"{source}: no ```yaml METHOD PATH block found")
    if len(found) > 1:
        where = ", ".join(f"{spec.method} {spec.path}" for spec in found)
        raise ExtractionError(f"{source}: {len(found)} yaml blocks found ({where}); expected one")
    return found[0]


def extract_file(page: Path) -> EmbeddedSpec:
    return extract(page.read_bytes(), str(page))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", type=Path, help="vendor documentation pages (.md)")
    parser.add_argument("--out", type=Path, required=True, help="directory for the YAML files")
    parser.add_argument("--check", action="store_true", help="verify instead of writing")
    args = parser.parse_args(argv)

    stale: list[str] = []
    for page in args.pages:
        try:
            spec = extract_file(page)
        except (ExtractionError, OSError) as error:
            print(f"extract_vendor: {error}", file=sys.stderr)
            return 2
        target = args.out / spec.filename
        current = target.read_bytes() if target.exists() else None
        if current == spec.yaml:
            continue
        if args.check:
            stale.append(f"{target} differs from the YAML embedded in {page}")
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            target.write_bytes(spec.yaml)
            print(f"wrote {target} ({spec.method.upper()} {spec.path}, {len(spec.yaml)} bytes)")
    for line in stale:
        print(f"extract_vendor: {line}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
