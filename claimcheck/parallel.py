"""Spread independent work over the cores: forked worker processes that inherit a shared,
read-only state (the corpus, its features) instead of receiving it pickled."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SHARED: dict[str, Any] = {}


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(work: Callable[[Any, T], R], items: Sequence[T], state: Any, jobs: int) -> list[R]:
    """[work(state, item) for item in items], in order, on up to `jobs` forked processes that
    see `state` without copying it.  `work` must be a module-level function."""
    if jobs <= 1 or len(items) < 2 or not can_fork():
        return [work(state, item) for item in items]
    import concurrent.futures

    _SHARED["state"] = state
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(_run, [work] * len(items), items))
    finally:
        _SHARED.clear()


class Workers:
    """Forked processes that keep `state` and their own caches across several maps (`map` is
    `fork_map` without a fork per call).  One process, or no fork at all, runs in place."""

    def __init__(self, pool: Any, state: Any):
        self.pool, self.state = pool, state

    def map(self, work: Callable[[Any, T], R], items: Sequence[T]) -> list[R]:
        if self.pool is None or len(items) < 2:
            return [work(self.state, item) for item in items]
        return list(self.pool.map(_run, [work] * len(items), items))


@contextlib.contextmanager
def workers(state: Any, jobs: int) -> Iterator[Workers]:
    """Workers that see `state` without copying it, for the length of the `with` block."""
    if jobs <= 1 or not can_fork():
        yield Workers(None, state)
        return
    import concurrent.futures

    _SHARED["state"] = state
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            pool.submit(int).result()  # fork now, while `state` is in place
            yield Workers(pool, state)
    finally:
        _SHARED.clear()


def _run(work: Callable[[Any, T], R], item: T) -> R:
    return work(_SHARED["state"], item)
