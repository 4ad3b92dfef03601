"""Benchmark: the cost of parsing the user-details success body through the generated client.

Compares, in one run on the same bytes, ``json.loads`` alone with ``json.loads`` followed by the
generated ``FetchDetailsResponseSchema.from_dict`` (what a call's ``.parsed`` costs), and prints
microseconds per parse and their ratio. The body is the vendor's own documented success example
(all eleven scopes). Target: ratio <= 10.

    python -m benchmarks.parse [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import timeit
from pathlib import Path

import yaml

from generated_client.models import FetchDetailsResponseSchema

VENDOR = Path(__file__).resolve().parent.parent / "openapi" / "vendor" / "get-oauth2-user-details.yaml"
TARGET_RATIO = 10.0


def success_body() -> bytes:
    document = yaml.safe_load(VENDOR.read_text(encoding="utf-8"))
    media = document["components"]["responses"]["FetchDetailsResponse"]["content"]["application/json"]
    return json.dumps(media["examples"]["SUCCESS"]["value"]).encode()


def best_microseconds(statement: object, number: int, repeat: int) -> float:
    # The minimum of several repeats is the least disturbed by whatever else the machine does.
    timings = timeit.repeat(statement, number=number, repeat=repeat)  # type: ignore[arg-type]
    return min(timings) / number * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=2000, help="parses per repeat")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    raw = success_body()
    model = FetchDetailsResponseSchema.from_dict(json.loads(raw))
    assert model.to_dict() == json.loads(raw), "the benchmark body must round-trip"

    json_us = best_microseconds(lambda: json.loads(raw), args.rounds, args.repeat)
    client_us = best_microseconds(
        lambda: FetchDetailsResponseSchema.from_dict(json.loads(raw)), args.rounds, args.repeat
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
