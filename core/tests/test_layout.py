"""The plan of docs/architecture.md, checked on the code itself: no import cycle between the
product's modules (imports inside functions count: they only postpone the cycle), no flat
prefixed module (`x_views.py`, `urls_x.py`: a layer with sub-domains is a package), no logic
module over 600 lines. The layering between apps is import-linter's job (`make lint`)."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["core", "config", "accounts", "clauses", "purchasing", "budgets", "network", "steering"]
APPS += ["api", "bench"]
LAYERS = "views|forms|urls|services|selectors|models|tasks|emails|access|admin"
FLAT = re.compile(rf"^(\w+_({LAYERS})|({LAYERS})_\w+)\.py$")
# Data and generated rows are long by nature; the rule is for code that holds logic.
LONG_BY_NATURE = re.compile(r"(^|/)(demo|data|migrations)(/|\.py$|_)")
MAX_LINES = 600


def product_modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the apps outside their tests and migrations."""
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(module: str, path: Path) -> set[str]:
    """Every module name an import statement of the file may load, wherever the statement is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    return {
        module: {name for name in imported_names(module, path) if name in modules} - {module}
        for module, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_sees_a_cycle_through_three_modules_and_none_in_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_an_import_inside_a_function_counts_and_relative_imports_are_resolved(tmp_path):
    path = tmp_path / "views.py"
    path.write_text("def page():\n    from ..services import lots\n    from . import forms\n")
    assert imported_names("purchasing.views.x", path) >= {
        "purchasing.services",
        "purchasing.services.lots",
        "purchasing.views.forms",
    }


def test_no_module_of_the_product_imports_itself_through_others():
    assert cycles(import_graph()) == []


def test_no_layer_is_a_flat_prefixed_module():
    flat = sorted(
        str(path.relative_to(ROOT)) for path in product_modules().values() if FLAT.match(path.name)
    )
    assert flat == []


def test_no_logic_module_passes_600_lines():
    long = {}
    for path in product_modules().values():
        relative = str(path.relative_to(ROOT))
        if LONG_BY_NATURE.search(relative):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[relative] = lines
    assert long == {}
