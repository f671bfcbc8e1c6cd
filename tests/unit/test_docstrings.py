"""Every module and public definition of the package says what it is for.

Public: module-level functions and classes, and methods of classes (nested classes too),
whose names do not start with `_`; Textual's handlers (`compose`, `on_*`, `action_*`,
`watch_*`) count. Read with `ast`, so nothing is imported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import recovery_journal

PACKAGE_DIR = Path(recovery_journal.__file__).parent

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _is_overload(node: Definition) -> bool:
    """An `@overload` stub shares the docstring of the definition it types."""
    for decorator in node.decorator_list:
        name = decorator.attr if isinstance(decorator, ast.Attribute) else None
        if isinstance(decorator, ast.Name):
            name = decorator.id
        if name == "overload":
            return True
    return False


def _definitions(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, Definition]]:
    """Public functions and classes in a body, with the methods of each class.

    Statements under a module-level `if` or `try` (TYPE_CHECKING, optional imports) are
    the module's too; the bodies of functions are not walked.
    """
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name.startswith("_") or _is_overload(node):
                continue
            qualified = f"{prefix}{node.name}"
            yield qualified, node
            if isinstance(node, ast.ClassDef):
                yield from _definitions(node.body, f"{qualified}.")
        elif isinstance(node, ast.If | ast.Try):
            blocks = [node.body, node.orelse]
            if isinstance(node, ast.Try):
                blocks += [handler.body for handler in node.handlers] + [node.finalbody]
            for block in blocks:
                yield from _definitions(block, prefix)


def _words(text: str) -> str:
    """Lower-case letters and digits only, so `on_mount` and "On mount." compare equal."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _problem(docstring: str | None, name: str) -> str | None:
    """Why a docstring does not count, or None when it does."""
    if docstring is None:
        return "no docstring"
    if not docstring.strip():
        return "empty docstring"
    if _words(docstring) == _words(name):
        return "docstring only repeats the name"
    return None


def _problems() -> list[str]:
    """Every module and public definition whose docstring is missing or says nothing."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        where = path.relative_to(PACKAGE_DIR.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=where)
        problem = _problem(ast.get_docstring(tree), path.stem)
        if problem:
            found.append(f"{where}: module: {problem}")
        for qualified, node in _definitions(tree.body, ""):
            problem = _problem(ast.get_docstring(node), node.name)
            if problem:
                found.append(f"{where}:{node.lineno} {qualified}: {problem}")
    return found


def test_every_module_and_public_definition_has_a_docstring() -> None:
    problems = _problems()
    assert not problems, f"{len(problems)} without a useful docstring:\n" + "\n".join(problems)


def test_the_checker_sees_what_it_should() -> None:
    tree = ast.parse(
        "class Screen:\n"
        '    """A screen."""\n'
        "    def on_mount(self):\n"
        '        """On mount."""\n'
        "    def _private(self): ...\n"
        "    def compose(self): ...\n"
        "if True:\n"
        "    def guarded(): ...\n"
        "def outer():\n"
        "    def inner(): ...\n"
    )
    seen = {
        name: _problem(ast.get_docstring(node), node.name)
        for name, node in _definitions(tree.body, "")
    }
    assert seen == {
        "Screen": None,
        "Screen.on_mount": "docstring only repeats the name",
        "Screen.compose": "no docstring",
        "guarded": "no docstring",
        "outer": "no docstring",
    }
    assert _problem("  ", "x") == "empty docstring"
