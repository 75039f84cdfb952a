#!/usr/bin/env python3
"""Drives a clangd executable over LSP (JSON-RPC on stdio) the way an editor
does: opens one file, waits for its diagnostics, asks for the quick fixes of
every vibeguard diagnostic and prints both, one fact per line, for FileCheck:

  diagnostic <line>:<col> [<code>] <message>
  quickfix <line>:<col> "<title>" inserts "<text>" at <line>:<col>

Lines and columns are 1-based, like the compiler's."""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time


class Server:
    def __init__(self, command, cwd):
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.stderr = []

    def _drain_stderr(self):
        for line in self.process.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.messages.put(None)
                    return
                header = header.decode("ascii").strip()
                if not header:
                    break
                if header.lower().startswith("content-length:"):
                    length = int(header.split(":", 1)[1])
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body))
        self.process.stdin.write(body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method,
                   "params": params})
        return self.wait(lambda m: m.get("id") == request_id, timeout)

    def wait(self, predicate, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                message = self.messages.get(timeout=deadline - time.time())
            except queue.Empty:
                break
            if message is None:
                sys.exit("lsp_smoke: the server exited:\n" + "".join(self.stderr))
            if "id" in message and "method" in message:
                # A request from the server (e.g. progress): accept it.
                self.send({"jsonrpc": "2.0", "id": message["id"],
                           "result": None})
                continue
            if predicate(message):
                return message
        sys.exit("lsp_smoke: timed out waiting for the server:\n" +
                 "".join(self.stderr[-40:]))


def position(pos):
    return "%d:%d" % (pos["line"] + 1, pos["character"] + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--file", required=True,
                        help="path of the file to open, relative to project")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()

    project = os.path.abspath(args.project)
    path = os.path.join(project, args.file)
    uri = "file://" + path
    with open(path, encoding="utf-8") as f:
        text = f.read()

    server = Server([args.clangd, "--log=error", "--background-index=false",
                     "--clang-tidy", "--pch-storage=memory"], cwd=project)
    server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": "file://" + project,
        "capabilities": {"textDocument": {
            "codeAction": {"codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["quickfix"]}}},
            "publishDiagnostics": {"relatedInformation": True}}},
    }, args.timeout)
    server.notify("initialized", {})
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}})

    published = server.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri, args.timeout)
    diagnostics = published["params"]["diagnostics"]
    vibeguard = [d for d in diagnostics
                 if str(d.get("code", "")).startswith("vibeguard-")]
    for diagnostic in diagnostics:
        print("diagnostic %s [%s] %s" % (position(diagnostic["range"]["start"]),
                                         diagnostic.get("code", ""),
                                         diagnostic["message"].split("\n")[0]))

    for diagnostic in vibeguard:
        reply = server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
        }, args.timeout)
        for action in reply.get("result") or []:
            changes = action.get("edit", {}).get("changes", {})
            for edit in changes.get(uri, []):
                print('quickfix %s "%s" inserts "%s" at %s' % (
                    position(diagnostic["range"]["start"]), action["title"],
                    edit["newText"], position(edit["range"]["start"])))

    server.request("shutdown", None, args.timeout)
    server.notify("exit", None)
    server.process.wait(timeout=30)


if __name__ == "__main__":
    main()
