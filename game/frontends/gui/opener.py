"""Open a file the game wrote (the HTML report) in the user's browser, off the frame loop.

`webbrowser` picks the platform's opener (xdg-open, `open`, the Windows file association). It
can block for seconds or fail in many ways (no browser, a broken BROWSER variable), so it runs
in a thread and any problem comes back as words on a queue for the screen to show; nothing is
raised into the window.
"""

from __future__ import annotations

import queue
import threading
import webbrowser
from pathlib import Path


def open_file(path: Path, problems: queue.SimpleQueue[str]) -> threading.Thread:
    def run() -> None:
        try:
            opened = webbrowser.open(path.resolve().as_uri())
        except Exception as exc:  # whatever the opener raises is shown, never raised
            problems.put(f"Could not open the report ({exc}); open {path} yourself.")
            return
        if not opened:
            problems.put(f"No web browser was found; open {path} yourself.")

    thread = threading.Thread(target=run, name="open-report", daemon=True)
    thread.start()
    return thread
