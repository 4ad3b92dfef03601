"""Run profiles and the schemathesis configuration they produce for a target.

- ``pr``: part of ``make test``; a fixed seed, bounded examples, one worker (deterministic); the whole
  run (probes, engine, rules) ends within 60 s, over HTTP too.
- ``nightly``: a fresh seed (printed), more examples, bounded at 1500 s.
The sandbox always runs positive generation only, throttled, within a hard request budget.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.redaction import MASK
from cashfree_oneclick.version import API_VERSION
from contract_tests import policy
from contract_tests.targets import Target

PR_SEED = 20261123


@dataclass(frozen=True)
class Profile:
    name: str
    seed: int
    max_examples: int
    max_time: int  # seconds for the whole run
    stateful_steps: int


def profile(name: str, seed: int | None = None) -> Profile:
    if seed is None and os.environ.get("CONTRACT_SEED"):
        seed = int(os.environ["CONTRACT_SEED"])
    if name == "pr":
        return Profile(
            "pr", PR_SEED if seed is None else seed, max_examples=12, max_time=60, stateful_steps=10
        )
    if name == "nightly":
        # Below 10^8: a 9+ digit number would be masked as an account or mobile number by the redactor.
        fresh = random.SystemRandom().randrange(1, 10**8) if seed is None else seed
        # CONTRACT_NIGHTLY_MAX_EXAMPLES shrinks a nightly run for a local rehearsal (make nightly).
        examples = int(os.environ.get("CONTRACT_NIGHTLY_MAX_EXAMPLES", "150"))
        return Profile("nightly", fresh, max_examples=examples, max_time=1500, stateful_steps=12)
    raise ValueError(f"unknown profile {name!r}: use pr or nightly")


def schemathesis_config(prof: Profile, target: Target) -> dict[str, Any]:
    config: dict[str, Any] = {
        "seed": prof.seed,
        "workers": 1,
        "base-url": target.base_url,
        "generation": {
            "mode": "positive" if target.positive_only else "all",
            "max-examples": prof.max_examples,
            "deterministic": prof.name == "pr",
            "database": "none",
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {
                "enabled": True,
                "max-steps": prof.stateful_steps,
                # Scenarios must reach user details through four links; give them room to.
                "generation": {"max-examples": prof.max_examples * 4},
            },
        },
        "checks": policy.checks_config(),
        "headers": {"x-api-version": API_VERSION},
        # One marker in every artifact: schemathesis's own masking (curl commands, failure messages)
        # writes ours instead of its "[Filtered]".
        "output": {"sanitization": {"enabled": True, "replacement": MASK}},
        "request-timeout": 10,
        # A redirect is the answer under test, never followed: credentials stay with the target's origin.
        "max-redirects": 0,
        "warnings": False,
    }
    if target.rate_limit:
        config["rate-limit"] = target.rate_limit
    return config
