"""The tree keeps its shape: no import cycles, pure stages, one registry that drives everything."""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest

from tasks import stages
from tasks.celery_tasks import run_stage  # noqa: F401 - registers the stage tasks on the app
from worker.app import app
from worker.retries import ARTICLE_FAILED_TASK


def _strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[set[str]]:
    """Tarjan's components of the import graph restricted to ``modules`` (lazy imports count)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            components.append(component)

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return components


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("tasks", "worker")


def test_no_module_imports_itself_through_others(graph: grimp.ImportGraph) -> None:
    """No import cycle between any two modules of tasks/ and worker/, function-level imports included."""
    modules = set(graph.modules)
    cycles = [sorted(c) for c in _strongly_connected(graph, modules) if len(c) > 1]
    assert cycles == []


def test_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a two-module cycle is reported."""
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    cycles = [sorted(c) for c in _strongly_connected(graph, set(graph.modules)) if len(c) > 1]
    assert cycles == [["pkg.a", "pkg.b"]]


def test_pure_stages_never_import_the_runtime(graph: grimp.ImportGraph) -> None:
    """Stages, models and the in-process pipeline reach neither worker/ nor the Celery wrappers."""
    runtime = {m for m in graph.modules if m.startswith("worker")} | {"tasks.celery_tasks"}
    pure = [m for m in graph.modules if m.startswith("tasks.") and m not in runtime]
    for module in pure:
        assert graph.find_upstream_modules(module) & runtime == set(), module


def test_every_registered_stage_has_its_celery_task() -> None:
    """The Celery tasks are built from the registry, one per stage, in order (plus the task that
    makes a failed article visible in Flower)."""
    names = [name for name in app.tasks if name.startswith(stages.TASK_NAME_PREFIX) and name != ARTICLE_FAILED_TASK]
    assert sorted(names) == sorted(stage.task_name for stage in stages.STAGES)
    assert [s.name for s in stages.STAGES] == ["clean", "split_sections", "extract_metadata"]


def test_each_stage_reads_the_previous_stage_output() -> None:
    """Boundary models line up: a stage's input model is its predecessor's output model."""
    for before, after in zip(stages.STAGES, stages.STAGES[1:], strict=False):
        assert after.input_model is before.output_model


def test_the_client_and_the_cli_do_not_load_the_parsers_or_the_models() -> None:
    """Producers import the registry for its names only: the stage functions load on first call."""
    heavy = "('trafilatura', 'lightgbm', 'htmldate', 'tasks.clean.stage')"
    probe = f"import sys, worker.client, worker.cli, worker.store; print([m for m in {heavy} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_a_stage_function_loads_on_first_call_and_keeps_its_docstring() -> None:
    function = stages.StageFunction("tasks.sections:split_sections", takes_options=False)
    assert function._function is None
    assert function.summary.startswith("Group the cleaned article")
    assert function.load() is function.load()
    assert stages.stage_named("split_sections").summary == function.summary
