"""``python -m contract_tests``: run the contract suite, write its reports, print the summary.

    python -m contract_tests [--target fake|sandbox|URL] [--profile pr|nightly] [--seed N]
                             [--report-dir build/contract] [--force-production] [--negative]

Exit status: 0 when the run passes, 1 when it finds new (unregistered) deviations or proves nothing
(no 2xx with credentials given), 2 when it cannot run (bad target, refused production host, missing
credentials); then no report of an earlier run is left behind in the report directory.

The profile's time bound counts from the start of this process: target detection, the probes, the
engine and the reports all fit in it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# Run as ``python -m contract_tests``, the profile's bound counts from here: importing the suite
# (schemathesis, hypothesis) takes a second. ``main()`` called in a process of its own making counts
# from its call.
STARTED = time.monotonic()

from cashfree_oneclick.redaction import REDACTOR  # noqa: E402 - after STARTED on purpose
from contract_tests import register_use, reports, runner  # noqa: E402
from contract_tests.profiles import profile  # noqa: E402
from contract_tests.targets import VARIABLES, TargetError, resolve  # noqa: E402
from scripts.deviations import load_register  # noqa: E402

REGISTER = Path(__file__).resolve().parent.parent / "openapi" / "deviations.yaml"


def main(argv: list[str] | None = None, started: float | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contract_tests",
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog="environment variables:\n"
        + "\n".join(f"  {name:<38} {what}" for name, what in VARIABLES.items())
        + "\n\nrun it as: uv run python -m contract_tests ... (or make contract)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--target", default=None, help="fake (default), sandbox, or a base URL (env CONTRACT_TARGET)"
    )
    parser.add_argument("--profile", default="pr", choices=["pr", "nightly"])
    parser.add_argument(
        "--seed", type=int, default=None, help="override the profile's seed (env CONTRACT_SEED)"
    )
    parser.add_argument("--report-dir", type=Path, default=Path("build/contract"))
    parser.add_argument("--force-production", action="store_true")
    parser.add_argument(
        "--negative",
        action="store_true",
        help="negative data against a foreign server on this machine (env CONTRACT_NEGATIVE=1)",
    )
    parser.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow credentials over plain http to a remote host (env CONTRACT_ALLOW_INSECURE_HTTP=1)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    try:
        target = resolve(
            args.target,
            force_production=args.force_production,
            negative=args.negative,
            allow_insecure_http=args.allow_insecure_http,
        )
    except (TargetError, ValueError) as error:
        removed = reports.remove_stale(args.report_dir)
        print(REDACTOR.text(f"contract: {error}"), file=sys.stderr)
        if removed:
            print(f"contract: removed the reports of an earlier run from {args.report_dir}", file=sys.stderr)
        return 2
    prof = profile(args.profile, args.seed)
    REDACTOR.add_known(*target.secrets())
    print(
        REDACTOR.text(
            f"contract: target {target.kind} {target.base_url} ({target.detected}), "
            f"profile {prof.name}, seed {prof.seed}"
        ),
        file=sys.stderr,
    )
    started = time.monotonic() if started is None else started
    try:
        result = runner.run(target, prof, progress=None if args.quiet else sys.stderr, started=started)
    except Exception as error:
        result = runner.RunResult(
            target, prof, {}, [], [], [f"the run stopped: {type(error).__name__}: {error}"],
            time.monotonic() - started, "crashed",
        )  # fmt: skip
    register_use.judge_by_register(result, load_register(REGISTER), REDACTOR)
    outcome = reports.verdict(result)
    written = reports.write_all(result, outcome, args.report_dir, REDACTOR)
    print(written["markdown"].read_text(encoding="utf-8"))
    for kind, path in written.items():
        print(f"contract: {kind} report: {path}", file=sys.stderr)
    return 0 if outcome.passed else 1


if __name__ == "__main__":
    code = main(started=STARTED)
    # An engine abandoned at its time bound may still hold threads; the report is written, so leave now.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
