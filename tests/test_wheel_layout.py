"""The wheel's import rewriting renames imports and exact module-name strings, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.wheel_layout import LayoutError, check, rewrite, wheel_files

ROOT = Path(__file__).resolve().parents[1]


def test_absolute_imports_are_renamed() -> None:
    source = (
        "from generated_client import AuthenticatedClient\n"
        "from generated_client.api.one_click import (\n    a as b,\n    c,\n)\n"
        "import generated_client\n"
        "import scripts.openapi_schema as schema\n"
        "if True:\n    from contract_tests.fake.app import create_app  # comment\n"
        "x = 1; import contract_tests.fake as fake\n"
    )
    assert rewrite(source) == (
        "from cashfree_oneclick.generated_client import AuthenticatedClient\n"
        "from cashfree_oneclick.generated_client.api.one_click import (\n    a as b,\n    c,\n)\n"
        "import cashfree_oneclick.generated_client as generated_client\n"
        "import cashfree_oneclick.fake._openapi_schema as schema\n"
        "if True:\n    from cashfree_oneclick.fake.app import create_app  # comment\n"
        "x = 1; import cashfree_oneclick.fake as fake\n"
    )


def test_everything_else_is_left_alone() -> None:
    source = (
        '"""Docs about generated_client and contract_tests.fake stay prose."""\n'
        "from . import generated_client\n"
        "from .generated_client import x\n"
        "from generated_clientele import y\n"
        "import scripts.bundle as bundle\n"
        "def g():\n    yield from generated_client\n"
        "raise E from generated_client\n"
        "# import generated_client\n"
        "generated_client.models.X\n"
    )
    assert rewrite(source) == source


def test_strings_that_are_a_module_name_are_renamed() -> None:
    source = 'argv = ["-m", "contract_tests.fake", "contract_tests.fake.x", "contract_tests.fakes"]\n'
    assert rewrite(source) == (
        'argv = ["-m", "cashfree_oneclick.fake", "cashfree_oneclick.fake.x", "contract_tests.fakes"]\n'
    )


def test_a_dotted_import_without_alias_is_refused() -> None:
    with pytest.raises(LayoutError, match="needs an alias"):
        rewrite("import generated_client.models\n")


def test_a_leftover_repository_import_fails_the_build() -> None:
    with pytest.raises(LayoutError, match=r"imports 'contract_tests\.policy'"):
        check("from contract_tests.policy import X\n", "cashfree_oneclick/fake/x.py")
    with pytest.raises(LayoutError, match=r"imports 'scripts\.bundle'"):
        check("import scripts.bundle as b\n", "cashfree_oneclick/fake/x.py")


def test_the_wheel_carries_client_fake_bundle_and_plugin() -> None:
    files = wheel_files(ROOT)
    assert all(path.startswith("cashfree_oneclick/") for path in files)
    assert "cashfree_oneclick/fake/pytest_plugin.py" in files
    assert "cashfree_oneclick/fake/store_redis.lua" in files
    plugin = files["cashfree_oneclick/fake/kit.py"].decode()
    assert "from cashfree_oneclick.fake.app import" in plugin
    assert "contract_tests" not in files["cashfree_oneclick/fake/app.py"].decode().split('"""')[2]
