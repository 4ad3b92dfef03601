"""Differential replay: does the fake answer as the vendor did? (``python -m contract_tests.fidelity``)."""

from contract_tests.fidelity.cassette import CassetteError, Recorded
from contract_tests.fidelity.limitations import Limitation, Limitations
from contract_tests.fidelity.replay import Outcome, replay
from contract_tests.fidelity.shapes import Difference, compare

__all__ = [
    "CassetteError",
    "Difference",
    "Limitation",
    "Limitations",
    "Outcome",
    "Recorded",
    "compare",
    "replay",
]
