"""Importable helpers of the tests; fixtures stay in the conftest files beside the tests that use them."""
