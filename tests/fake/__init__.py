"""Tests of the fake Cashfree 1-Click server (contract_tests/fake)."""
