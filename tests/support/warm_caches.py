"""Build, once, the two caches every xdist worker of ``make test`` would otherwise build for itself.

A clean clone has neither, and each of the workers starts at the same moment, so each computes
them in full: pytest's assertion-rewritten bytecode of every test module (every worker collects
every module) and hypothesis's constants of every local module (``.hypothesis/constants/``, keyed by
the source's hash, read by any process that finds it). ``make test`` runs this beside ``make check``,
on the core that check leaves idle, so the workers find both caches written.

Nothing here decides a test's outcome: a cache that is missing or stale is rebuilt by whoever needs
it, exactly as without this step. ``python -m tests.support.warm_caches`` exits 0 whatever happens
(a warm-up that fails leaves the test run as it was; the run itself reports real errors).
"""

from __future__ import annotations

import contextlib
import sys

import pytest


def _hypothesis_constants() -> None:
    # hypothesis computes these lazily, on the first draw of a test, from the modules then in
    # sys.modules; after collection that is every module the run imports. The function is internal
    # (hypothesis 6.1xx): if it moves, the workers simply build the cache themselves again.
    from hypothesis.internal.conjecture import providers

    compute = getattr(providers, "_get_local_constants", None)
    if compute is not None:
        compute()


def main() -> int:
    pytest.main(["--collect-only", "-q", "-p", "no:xdist", "-p", "no:cacheprovider"])
    with contextlib.suppress(Exception):
        _hypothesis_constants()
    return 0


if __name__ == "__main__":
    sys.exit(main())
