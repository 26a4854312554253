"""What `good-offices play` asks of a front end, as a typed value rather than an argparse namespace.

The command line builds `PlayOptions` once (`PlayOptions.from_args`); the window and the
terminal read its fields, and tests and tools build one directly.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["Confirm", "PlayOptions"]

Confirm = Literal["all", "risky", "none"]


@dataclass(frozen=True, slots=True)
class PlayOptions:
    """A session to start or resume, and how to show it.

    `scenario` is a bundled id, a file, or (in the window) a folder to pick from; `resume` is an
    unfinished session's log. `confirm` None means: ask before risky moves at a keyboard, never
    when the moves come through a pipe."""

    scenario: str | None = None
    text: bool = False
    seed: int | None = None
    trainee: str | None = None
    log_dir: Path | None = None
    confirm: Confirm | None = None
    resume: Path | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> PlayOptions:
        return cls(
            scenario=args.scenario,
            text=bool(args.text),
            seed=args.seed,
            trainee=args.trainee,
            log_dir=args.log_dir,
            confirm=args.confirm,
            resume=args.resume,
        )
