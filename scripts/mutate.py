#!/usr/bin/env python3
"""A small mutation-testing run: plant one-line bugs, see which ones the tests miss.

    python scripts/mutate.py MODULE[::FUNC,FUNC...] [MODULE ...] -- PYTEST-ARGS...

Each MODULE (a path under src/) is parsed, and every mutation point in it (or only in
the named top-level functions, classes or methods) becomes one mutant:

  compare   ==/!=, </<=, >/>=, in/not in, is/is not swapped
  boolop    and <-> or
  not       `not x` -> `x`
  if        `if c:` -> `if not (c):`
  arith     + <-> -
  concat    a string constant dropped from a `+` ("'" + value -> value)
  const     an int or float n -> n + 1, True <-> False
  element   one string or number left out of a literal tuple/list/set
  raise     `raise ...` -> `pass`

Docstrings, log and print calls, f-strings, exception messages and annotations are
left alone (changing them changes no behaviour worth testing). For each mutant the
module is written, mutated, into a scratch copy of src/ (the working tree is never
touched), and the pytest arguments after `--` run against it in a forked child with a
per-mutant timeout. Killed = a test failed (or the run timed out or broke); survived =
every test passed: a bug the tests would not notice.

Options: --timeout S (per mutant, default 60 or 3x the clean run), --list (show the
mutants, run nothing), --only 3,17 (re-run these mutants, numbered as listed),
--json FILE (write the results). Exit status 0 when the clean
run passes; the survivor count is printed, not turned into a failure.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Imported once in the parent, before forking, so that each mutant's run pays only for
# the project's own modules. Never the project itself: it must come from the scratch copy.
PRELOAD = ["pytest", "numpy", "pandas", "sqlalchemy", "pydantic", "httpx", "fastapi", "rapidfuzz"]

CMP_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
QUIET_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "print"}


@dataclass
class Mutant:
    module: str
    index: int
    line: int
    kind: str
    before: str
    after: str
    outcome: str = ""  # killed / survived / timeout / error
    seconds: float = 0.0


@dataclass
class Target:
    path: Path  # relative to the repository
    functions: set[str] = field(default_factory=set)


def _src(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 90 else text[:87] + "..."


class _Walker(ast.NodeTransformer):
    """Counts mutation points in order; with `apply` set, mutates only that one."""

    def __init__(self, functions: set[str], apply: int | None = None) -> None:
        self.functions = functions
        self.apply = apply
        self.points: list[tuple[int, str, str, str]] = []
        self._scope: list[str] = []

    # -- scope and skipped regions

    def _in_scope(self) -> bool:
        return not self.functions or any(s in self.functions for s in self._scope)

    def _scoped(self, node: ast.AST, name: str) -> ast.AST:
        self._scope.append(name)
        try:
            body = getattr(node, "body", [])
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = [body[0], *[self.visit(n) for n in body[1:]]]  # type: ignore[attr-defined]
            else:
                node.body = [self.visit(n) for n in body]  # type: ignore[attr-defined]
            # decorators and base classes are left alone ("frozen=True" is no behaviour)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                node.args.defaults = [self.visit(d) for d in node.args.defaults]
            return node
        finally:
            self._scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._scoped(node, node.name)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._scoped(node, node.name)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._scoped(node, node.name)

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node  # a docstring
        return self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name in QUIET_CALLS:
            return node
        return self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return node

    def visit_If(self, node: ast.If) -> ast.AST:
        if _is_type_checking(node.test):
            return node
        hit = self._point(node, "if", _src(node.test), f"not ({_src(node.test)})")
        node = self.generic_visit(node)  # type: ignore[assignment]
        if hit:
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
        return node

    # -- mutation points

    def _point(self, node: ast.AST, kind: str, before: str, after: str) -> bool:
        if not self._in_scope():
            return False
        self.points.append((getattr(node, "lineno", 0), kind, before, after))
        return self.apply == len(self.points) - 1

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        if self._point(node, "raise", _src(node), "pass"):
            return ast.Pass()
        return node  # the message is not mutated

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        for i, op in enumerate(node.ops):
            new = CMP_SWAP.get(type(op))
            if new is None:
                continue
            mutated = copy.deepcopy(node)
            mutated.ops[i] = new()
            if self._point(node, "compare", _src(node), _src(mutated)):
                return mutated
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        mutated = copy.deepcopy(node)
        mutated.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        if self._point(node, "boolop", _src(node), _src(mutated)):
            return mutated
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if isinstance(node.op, ast.Not) and self._point(
            node, "not", _src(node), _src(node.operand)
        ):
            return node.operand
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        if isinstance(node.op, ast.Add) and _is_str_concat(node):
            # "'" + value -> value: a prefix or suffix dropped
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(side, ast.Constant) and self._point(
                    node, "concat", _src(node), _src(other)
                ):
                    return other
            return node
        swap = {ast.Add: ast.Sub, ast.Sub: ast.Add}.get(type(node.op))
        if swap is None:
            return node
        mutated = copy.deepcopy(node)
        mutated.op = swap()
        if self._point(node, "arith", _src(node), _src(mutated)):
            return mutated
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        v = node.value
        if isinstance(v, bool):
            new: object = not v
        elif isinstance(v, int | float):
            new = v + 1
        else:
            return node
        if self._point(node, "const", repr(v), repr(new)):
            return ast.copy_location(ast.Constant(new), node)
        return node

    def _collection(self, node: ast.Tuple | ast.List | ast.Set) -> ast.AST:
        node = self.generic_visit(node)  # type: ignore[assignment]
        elts = node.elts
        if not 2 <= len(elts) <= 12 or not all(
            isinstance(e, ast.Constant) and isinstance(e.value, str | int | float) for e in elts
        ):
            return node
        for i, e in enumerate(elts):
            mutated = copy.deepcopy(node)
            del mutated.elts[i]
            if self._point(node, "element", _src(node), f"without {_src(e)}"):
                return mutated
        return node

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        return self._collection(node)

    def visit_List(self, node: ast.List) -> ast.AST:
        return self._collection(node)

    def visit_Set(self, node: ast.Set) -> ast.AST:
        return self._collection(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_str_concat(node: ast.BinOp) -> bool:
    return any(
        isinstance(side, ast.Constant) and isinstance(side.value, str)
        for side in (node.left, node.right)
    )


def mutants_of(target: Target) -> list[Mutant]:
    tree = ast.parse((REPO / target.path).read_text(encoding="utf-8"))
    w = _Walker(target.functions)
    w.visit(tree)
    return [
        Mutant(str(target.path), i, line, kind, before, after)
        for i, (line, kind, before, after) in enumerate(w.points)
    ]


def mutated_source(target: Target, index: int) -> str:
    tree = ast.parse((REPO / target.path).read_text(encoding="utf-8"))
    tree = _Walker(target.functions, apply=index).visit(tree)
    ast.fix_missing_locations(tree)
    return ast.unparse(tree) + "\n"


def parse_target(spec: str) -> Target:
    path, _, names = spec.partition("::")
    p = Path(path)
    if p.is_absolute():
        p = p.relative_to(REPO)
    if not (REPO / p).is_file() or p.suffix != ".py" or p.parts[0] != "src":
        raise SystemExit(f"mutate: {spec!r} is not a .py file under src/")
    return Target(p, {n for n in names.split(",") if n})


def run_tests(pytest_args: list[str], timeout: float) -> tuple[str, float]:
    """Fork; the child runs pytest on the scratch copy. -> (outcome, seconds)."""
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            import pytest

            code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", *pytest_args])
            os._exit(int(code))
        except BaseException:  # anything that escapes pytest in the child is the mutant's doing
            os._exit(3)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - t0 > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - t0
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    outcome = {0: "survived", 1: "killed"}.get(code, "error")
    return outcome, time.monotonic() - t0


def scratch_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="iw-mutants-"))
    shutil.copytree(REPO / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        raise SystemExit(__doc__)
    cut = argv.index("--")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("modules", nargs="+", help="src/... .py files, optionally ::func,func")
    ap.add_argument("--timeout", type=float, default=None)
    ap.add_argument("--list", action="store_true", help="list the mutants and stop")
    ap.add_argument("--json", type=Path, default=None, help="write the results here")
    ap.add_argument("--only", default="", help="mutant numbers to run (as listed: 3,17,42)")
    args = ap.parse_args(argv[:cut])
    pytest_args = argv[cut + 1 :]
    targets = [parse_target(s) for s in args.modules]
    numbered = list(enumerate(((t, m) for t in targets for m in mutants_of(t)), 1))
    if args.only:
        wanted = {int(n) for n in args.only.split(",")}
        numbered = [(k, p) for k, p in numbered if k in wanted]
    plan = [p for _k, p in numbered]
    if args.list:
        for k, (_t, m) in numbered:
            print(f"{k:4d} {m.module}:{m.line}  {m.kind:8s} {m.before}  ->  {m.after}")
        print(f"{len(plan)} mutants")
        return 0

    scratch = scratch_copy()
    # A terminated run still removes its scratch copy (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(scratch / "src"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [
            str(scratch / "src"),
            *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p],
        ]
    )
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    os.chdir(REPO)
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    try:
        outcome, clean_s = run_tests(pytest_args, 1800)
        if outcome != "survived":
            print(f"mutate: the tests do not pass on the unmutated code ({outcome})")
            return 2
        timeout = args.timeout or max(60.0, 3 * clean_s)
        print(
            f"clean run {clean_s:.1f} s; {len(plan)} mutants, timeout {timeout:.0f} s each",
            flush=True,
        )
        results: list[Mutant] = []
        for t, m in plan:
            dest = scratch / t.path
            original = (REPO / t.path).read_text(encoding="utf-8")
            try:
                dest.write_text(mutated_source(t, m.index), encoding="utf-8")
                m.outcome, m.seconds = run_tests(pytest_args, timeout)
            finally:
                dest.write_text(original, encoding="utf-8")
            results.append(m)
            print(
                f"[{len(results)}/{len(plan)}] {m.outcome:8s} {m.seconds:5.1f} s  "
                f"{m.module}:{m.line}  {m.kind}: {m.before}  ->  {m.after}",
                flush=True,
            )
        for module in dict.fromkeys(m.module for m in results):
            mine = [m for m in results if m.module == module]
            counts = {k: sum(m.outcome == k for m in mine) for k in ("killed", "timeout", "error")}
            surv = sum(m.outcome == "survived" for m in mine)
            print(
                f"{module}: {len(mine)} mutants, {surv} survived, {counts['killed']} killed, "
                f"{counts['timeout']} timed out, {counts['error']} broke the run"
            )
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(
                json.dumps(
                    {"tests": pytest_args, "mutants": [asdict(m) for m in results]}, indent=1
                ),
                encoding="utf-8",
            )
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
