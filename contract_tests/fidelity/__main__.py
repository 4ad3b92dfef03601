"""``python -m contract_tests.fidelity CASSETTE``: does the fake answer as the recorded server did?

    python -m contract_tests.fidelity build/contract/cassette.ndjson [--report-dir build/fidelity]
                                      [--register contract_tests/fidelity/limitations.yaml] [--quirks]

Replays every request of a cassette (a contract run against the sandbox or a foreign server) on the
in-process fake and compares the answers: status, content type, error type and code, body shape.
Exit status: 0 when they agree or every difference is a registered limitation of the fake, 1 when a
difference is new, 2 when the replay cannot run (no cassette, a malformed line or register).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cashfree_oneclick.fake import FakeConfig
from contract_tests.fidelity import cassette, limitations, report
from contract_tests.fidelity.rebuild import RebuildError
from contract_tests.fidelity.replay import replay
from scripts.deviations import RegisterError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests.fidelity", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("cassette", type=Path)
    parser.add_argument("--report-dir", type=Path, default=Path("build/fidelity"))
    parser.add_argument("--register", type=Path, default=limitations.REGISTER)
    parser.add_argument("--quirks", action="store_true", help="replay on the fake with its vendor quirks on")
    args = parser.parse_args(argv)
    try:
        register = limitations.load(args.register)
        recorded = cassette.read(args.cassette)
        outcomes = replay(recorded, FakeConfig(quirks=args.quirks))
    except (cassette.CassetteError, RegisterError, RebuildError) as error:
        print(f"fidelity: {error}", file=sys.stderr)
        return 2
    doc = report.document(args.cassette, outcomes, report.group(outcomes, register))
    written = report.write(args.report_dir, doc)
    print(written["markdown"].read_text(encoding="utf-8"))
    for kind, path in written.items():
        print(f"fidelity: {kind} report: {path}", file=sys.stderr)
    return 0 if doc["agree"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
