"""Tests of the fake Cashfree 1-Click server (cashfree_oneclick/fake)."""
