"""The cyclic garbage collector, paused while a scenario is read and built.

Loading creates tens of thousands of objects and frees almost none, so every collection the
collector starts meanwhile finds nothing and costs a walk over everything alive: a 1,000-phase
file took half as long again with the collector on, and its cost grew faster than the file
(each full collection walks everything loaded so far). `paused()` switches it off for the
duration and restores the state it found, also when loading fails; a nested pause leaves it
to the outermost. What loading makes is collected as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
