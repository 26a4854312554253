"""Check files the way an instructor's editor does: with the real YAML language server.

tests/test_schema_agreement.py compares the schema with `validate` through Python's jsonschema;
this tool asks the language server VS Code's YAML extension runs (Red Hat's yaml-language-server,
Node.js), so the modeline, the file:// path of the installed schema and the schema's keywords are
checked by the program that will read them. Not part of the test suite: it needs Node.js.

    npm install --prefix /tmp/yls yaml-language-server@1
    python tools/editor_check.py /tmp/yls/node_modules/.bin/yaml-language-server FILE...

Prints, for each file, the diagnostics the server published (none for a clean file).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SETTINGS = {"yaml": {"validate": True, "schemaStore": {"enable": False}, "yamlVersion": "1.2"}}
WAIT_SECONDS = 40
SETTLE_SECONDS = 3


class Server:
    def __init__(self, command: str) -> None:
        self.process = subprocess.Popen([command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline().decode().strip()) != "":
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            if "content-length" not in headers:
                return
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, method: str | None = None, params: Any = None, *, answer: Any = None, to: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0"}
        if to is not None:
            message.update(id=to, result=answer)
        else:
            message.update(method=method, params=params)
            if method == "initialize":
                self.next_id += 1
                message["id"] = self.next_id
        data = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
        self.process.stdin.flush()


def diagnostics(command: str, files: list[Path]) -> dict[Path, list[dict[str, Any]] | None]:
    server = Server(command)
    server.send("initialize", {"processId": None, "rootUri": None, "capabilities": {"workspace": {"configuration": True}}})
    server.send("initialized", {})
    server.send("workspace/didChangeConfiguration", {"settings": SETTINGS})
    for path in files:
        document = {"uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}
        server.send("textDocument/didOpen", {"textDocument": document})
    found: dict[str, list[dict[str, Any]]] = {}
    quiet_since = None
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            message = server.inbox.get(timeout=0.5)
        except queue.Empty:
            if len(found) == len(files) and quiet_since is not None and time.monotonic() - quiet_since > SETTLE_SECONDS:
                break  # the server publishes again once a schema has loaded: wait until it is quiet
            continue
        quiet_since = time.monotonic()
        if message.get("method") == "workspace/configuration":
            server.send(answer=[SETTINGS["yaml"] for _ in message["params"]["items"]], to=message["id"])
        elif message.get("method") == "textDocument/publishDiagnostics":
            found[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "id" in message and "method" in message:
            server.send(answer=None, to=message["id"])
    server.process.kill()
    return {path: found.get(path.as_uri()) for path in files}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = [Path(name).resolve() for name in argv[1:]]
    dirty = 0
    for path, found in diagnostics(argv[0], files).items():
        if found is None:
            print(f"{path}: no answer from the language server")
            dirty += 1
            continue
        print(f"{path}: {len(found)} diagnostics")
        for item in found:
            print(f"    line {item['range']['start']['line'] + 1}: {item['message']}")
        dirty += bool(found)
    return 1 if dirty else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
