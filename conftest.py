"""Registers the kit's pytest plugin for the repository's own tests and examples.

Installed from the wheel, the plugin registers itself through its ``pytest11`` entry point; in this
checkout (not installed: ``[tool.uv] package = false``) this line does it.
"""

pytest_plugins = ["contract_tests.fake.pytest_plugin"]
