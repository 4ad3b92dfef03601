"""The drift corpus (a table of drift specs) and the one engine that serves the fake with one drift."""

from contract_tests.drift.corpus import BY_NAME, DRIFTS, Drift, Edit
from contract_tests.drift.middleware import DriftApp

__all__ = ["BY_NAME", "DRIFTS", "Drift", "DriftApp", "Edit"]
