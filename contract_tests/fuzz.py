"""A seeded, bounded negative fuzz of the fake served over real HTTP: no 5xx, no time-out, ever.

Starts ``python -m cashfree_oneclick.fake`` on a free loopback port and runs schemathesis in negative mode
(invalid bodies, headers, paths) for at least ``--cases`` cases, then fails if any answer was a 5xx, any
request timed out or failed at the network level, any error body left the vendor's shape, or fewer cases
than asked were run.

    python -m contract_tests.fuzz --cases 10000 --seed 20261123
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter

from cashfree_oneclick.fake.process import run_fake
from contract_tests import runner
from contract_tests.profiles import Profile
from contract_tests.targets import resolve

REQUEST_TIMEOUT = 5  # seconds; a slower answer counts as a time-out
ROUND_EXAMPLES = 200
OPERATIONS = 5  # of the vendor flow: the most rounds needed; the admin API only adds cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--max-seconds", type=int, default=900, help="hard bound on the whole run")
    args = parser.parse_args(argv)

    with run_fake("--no-access-log", "--log-level", "warning") as (base_url, _):
        target = resolve(base_url)
        started = time.monotonic()
        results = []
        # Rounds of ROUND_EXAMPLES per operation, each with its own seed derived from --seed: hypothesis
        # slows down searching for ever more distinct examples of one operation, rounds keep it fast.
        rounds = math.ceil(args.cases / (ROUND_EXAMPLES * OPERATIONS))
        for index in range(rounds):
            if time.monotonic() - started > args.max_seconds:
                break
            seed = args.seed + index
            prof = Profile(
                "fuzz", seed, max_examples=ROUND_EXAMPLES, max_time=args.max_seconds, stateful_steps=1
            )
            overrides = {
                "generation": {"mode": "negative", "max-examples": ROUND_EXAMPLES, "database": "none"},
                "phases": {
                    "examples": {"enabled": False},
                    "coverage": {"enabled": False},
                    "fuzzing": {"enabled": True},
                    "stateful": {"enabled": False},
                },
                "checks": {"enabled": False, "not_a_server_error": {"enabled": True}},
                "request-timeout": REQUEST_TIMEOUT,
            }
            results.append(runner.run(target, prof, progress=None, overrides=overrides))
            done = sum(s.cases for r in results for s in r.operations.values())
            print(f"fuzz: round {index + 1}/{rounds} (seed {seed}): {done} cases so far", file=sys.stderr)
            if done >= args.cases:  # the fake's admin operations add cases to every round
                break
        elapsed = time.monotonic() - started
    per_operation: dict[str, Counter[int]] = {}
    for result in results:
        for stats in result.operations.values():
            per_operation.setdefault(stats.label, Counter()).update(stats.statuses)
    cases = sum(sum(statuses.values()) for statuses in per_operation.values())
    server_errors = sum(
        n for statuses in per_operation.values() for status, n in statuses.items() if status >= 500
    )
    no_answer = sum(1 for result in results for item in result.interactions if item.status is None)
    errors = [error for result in results for error in result.errors]
    print(
        f"fuzz: {cases} negative cases in {elapsed:.0f} s ({cases / elapsed:.0f}/s), "
        f"seeds {args.seed}..{args.seed + len(results) - 1}"
    )
    for label, statuses in sorted(per_operation.items()):
        print(f"  {label:<48} {sum(statuses.values()):>6} cases  {dict(sorted(statuses.items()))}")
    print(f"fuzz: 5xx answers {server_errors}, time-outs / network errors {no_answer}, errors {len(errors)}")
    if cases < args.cases:
        print(f"fuzz: only {cases} cases ran, {args.cases} were asked", file=sys.stderr)
    for error in errors[:10]:
        print(f"fuzz: {error}", file=sys.stderr)
    return 1 if server_errors or no_answer or errors or cases < args.cases else 0


if __name__ == "__main__":
    raise SystemExit(main())
