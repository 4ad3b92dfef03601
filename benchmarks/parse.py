"""Benchmark: the cost of parsing the user-details success body through the generated client.

Compares, in one run on the same bytes, ``json.loads`` alone with ``json.loads`` followed by the
generated ``FetchDetailsResponseSchema.from_dict`` (what a call's ``.parsed`` costs), and prints
microseconds per parse and their ratio. The body is the vendor's own documented success example
(all eleven scopes). Target: ratio <= 3.

The two are timed in alternation, repeat after repeat, and the best of each is kept: on a shared
machine both then see the same background load, and the ratio stays meaningful.

    python -m benchmarks.parse [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable
from pathlib import Path

from cashfree_oneclick_generated.models import FetchDetailsResponseSchema

from scripts.yaml_io import load_yaml

VENDOR = Path(__file__).resolve().parent.parent / "openapi" / "vendor" / "get-oauth2-user-details.yaml"
TARGET_RATIO = 3.0


def success_body() -> bytes:
    document = load_yaml(VENDOR.read_text(encoding="utf-8"))
    media = document["components"]["responses"]["FetchDetailsResponse"]["content"]["application/json"]
    return json.dumps(media["examples"]["SUCCESS"]["value"]).encode()


def best_microseconds(
    statements: tuple[Callable[[], object], ...], number: int, repeat: int
) -> tuple[float, ...]:
    """Per statement, the best time of ``repeat`` rounds of ``number`` runs, rounds interleaved."""
    # The minimum of several repeats is the least disturbed by whatever else the machine does.
    best = [float("inf")] * len(statements)
    for _ in range(repeat):
        for index, statement in enumerate(statements):
            best[index] = min(best[index], timeit.timeit(statement, number=number))
    return tuple(seconds / number * 1e6 for seconds in best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=100, help="parses per repeat")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    raw = success_body()
    model = FetchDetailsResponseSchema.from_dict(json.loads(raw))
    assert model.to_dict() == json.loads(raw), "the benchmark body must round-trip"

    json_us, client_us = best_microseconds(
        (lambda: json.loads(raw), lambda: FetchDetailsResponseSchema.from_dict(json.loads(raw))),
        args.rounds,
        args.repeat,
    )
    ratio = client_us / json_us
    print(f"user-details success body: {len(raw)} bytes, 11 scopes; best of {args.repeat} x {args.rounds}")
    print(f"  json.loads                         {json_us:8.1f} us/parse")
    print(f"  json.loads + generated from_dict   {client_us:8.1f} us/parse")
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"  ratio                              {ratio:8.1f}   ({verdict} target <= {TARGET_RATIO:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
