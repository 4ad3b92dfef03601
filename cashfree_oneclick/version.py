"""The kit's version and the API version it speaks, each written here only.

``__version__``: hatch reads it for both wheels' metadata (pyproject.toml ``[tool.hatch.version]``),
``make generate`` for the generated project, the fake for its identity.

``API_VERSION``: the ``x-api-version`` the kit is written against (the vendor's pages document
``2024-12-01``). The client sends it by default (``cashfree_oneclick.DEFAULT_API_VERSION`` is this
value), and the suite, the fidelity replay and the tests send it; this module imports nothing, so
every layer may read it.
"""

from typing import Final

__version__ = "0.2.0"
API_VERSION: Final = "2024-12-01"
