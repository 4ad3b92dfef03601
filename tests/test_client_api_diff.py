"""``scripts.client_api_diff`` on two tiny generated-client trees written by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.client_api_diff import diff_api, main, markdown, public_api

OLD = {
    "generated_client/client.py": "class Client:\n    token: str\n",
    "generated_client/api/__init__.py": '"""Contains methods for accessing the API"""\n',
    "generated_client/api/items/__init__.py": '"""Contains endpoint functions"""\n',
    "generated_client/api/items/create_item.py": (
        "def _get_kwargs(*, body: ItemRequest) -> dict[str, Any]:\n    return {}\n\n\n"
        "def sync(*, client: Client, body: ItemRequest) -> Item | None:\n    return None\n"
    ),
    "generated_client/api/items/delete_item.py": (
        "def sync(*, client: Client, item_id: str) -> None:\n    pass\n"
    ),
    "generated_client/models/__init__.py": '"""Models"""\n\nfrom .item import Item\n\n__all__ = ("Item",)\n',
    "generated_client/models/item.py": (
        'T = TypeVar("T", bound="Item")\n\n\n'
        "@_attrs_define\n"
        "class Item:\n"
        "    id: int\n"
        "    label: str | Unset = UNSET\n\n"
        "    def to_dict(self) -> dict[str, Any]:\n"
        "        result: dict[str, Any] = {}\n"
        "        return result\n\n"
        "    def _private(self) -> None:\n"
        "        pass\n"
    ),
    "generated_client/models/item_status.py": 'ItemStatus = Literal["OPEN", "CLOSED"]\n',
}
NEW = {
    **{path: text for path, text in OLD.items() if not path.endswith("delete_item.py")},
    "generated_client/client.py": "class Client:\n    token: str\n    timeout: float\n",
    "generated_client/api/items/create_item.py": (
        "def sync(*, client: Client, body: ItemRequest, x_api_version: str = '2024-12-01') -> Item | None:\n"
        "    return None\n"
    ),
    "generated_client/models/item.py": (
        "@_attrs_define\n"
        "class Item:\n"
        "    label: str | None | Unset = UNSET\n"
        "    tags: list[Tag] | Unset = UNSET\n\n"
        "    def to_dict(self) -> dict[str, Any]:\n"
        "        return {}\n"
    ),
    "generated_client/models/item_status.py": 'ItemStatus = Literal["OPEN", "CLOSED", "PENDING"]\n',
    "generated_client/models/tag.py": "@_attrs_define\nclass Tag:\n    name: str\n",
}
# A bare tree of a package of the old name: the tool reads any package it is told of.
PACKAGE = "generated_client"
ITEM = "generated_client.models.item.Item"
CREATE = "generated_client.api.items.create_item"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    return write_tree(tmp_path / "old", OLD), write_tree(tmp_path / "new", NEW)


def test_public_api_lists_modules_functions_fields_and_aliases(trees: tuple[Path, Path]) -> None:
    api = public_api(trees[0], PACKAGE)
    assert api == {
        CREATE: "module",
        f"{CREATE}.sync": "def sync(*, client: Client, body: ItemRequest) -> Item | None",
        "generated_client.api.items.delete_item": "module",
        "generated_client.api.items.delete_item.sync": "def sync(*, client: Client, item_id: str) -> None",
        "generated_client.models.item": "module",
        ITEM: "class Item",
        f"{ITEM}.id": "int",
        f"{ITEM}.label": "str | Unset = UNSET",
        f"{ITEM}.to_dict": "def to_dict(self) -> dict[str, Any]",
        "generated_client.models.item_status": "module",
        "generated_client.models.item_status.ItemStatus": "= Literal['OPEN', 'CLOSED']",
    }


def test_diff_names_what_was_added_removed_and_changed(trees: tuple[Path, Path]) -> None:
    diff = diff_api(public_api(trees[0], PACKAGE), public_api(trees[1], PACKAGE))
    # A removed or added module is one entry: its members are not listed again.
    assert diff.removed == {"generated_client.api.items.delete_item": "module", f"{ITEM}.id": "int"}
    assert diff.added == {
        "generated_client.models.tag": "module",
        f"{ITEM}.tags": "list[Tag] | Unset = UNSET",
    }
    assert diff.changed == {
        f"{CREATE}.sync": (
            "def sync(*, client: Client, body: ItemRequest) -> Item | None",
            "def sync(*, client: Client, body: ItemRequest, x_api_version: str='2024-12-01') -> Item | None",
        ),
        f"{ITEM}.label": ("str | Unset = UNSET", "str | None | Unset = UNSET"),
        "generated_client.models.item_status.ItemStatus": (
            "= Literal['OPEN', 'CLOSED']",
            "= Literal['OPEN', 'CLOSED', 'PENDING']",
        ),
    }


def test_markdown_lists_removed_then_changed_then_added(trees: tuple[Path, Path]) -> None:
    report = markdown(diff_api(public_api(trees[0], PACKAGE), public_api(trees[1], PACKAGE)), PACKAGE)
    assert "2 removed, 3 changed, 2 added" in report
    assert report.index("### Removed") < report.index("### Changed") < report.index("### Added")
    assert (
        "- `generated_client.models.item.Item.label`: `str | Unset = UNSET` → `str | None | Unset = UNSET`"
        in report
    )


def test_cli_writes_the_report_and_says_so_when_nothing_changed(
    trees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary" / "api.md"
    assert main([str(trees[0]), str(trees[1]), "--markdown", str(out), "--package", PACKAGE]) == 0
    assert out.read_text(encoding="utf-8") == capsys.readouterr().out
    assert main([str(trees[0]), str(trees[0]), "--package", PACKAGE]) == 0
    assert capsys.readouterr().out == "## Public API of `generated_client`\n\nNo change.\n"


def test_a_tree_without_the_package_has_an_empty_api(tmp_path: Path) -> None:
    assert public_api(tmp_path, PACKAGE) == {}
    broken = write_tree(tmp_path / "broken", {"generated_client/models/bad.py": "def (:\n"})
    assert main([str(tmp_path), str(broken), "--package", PACKAGE]) == 2
