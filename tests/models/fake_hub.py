"""A local stand-in for the Hugging Face hub on 127.0.0.1, speaking the endpoints huggingface_hub uses.

- GET /api/models/{org}/{name}/revision/{rev}[?blobs=True]: repo info with siblings (size, blobId,
  lfs.sha256 for large files), like the real hub.
- GET/HEAD /{org}/{name}/resolve/{rev}/{file}: the bytes, with ETag, X-Repo-Commit, Content-Length,
  X-Linked-Etag / X-Linked-Size for LFS files, and Range requests (206).
Faults for tests: drop a connection mid-file (a TCP reset), serve a corrupted file, go slowly.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

LFS_MIN_SIZE = 100_000  # files at least this big are "LFS" files (sha256 in the metadata)


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeRepo:
    repo_id: str
    files: dict[str, bytes]
    commit: str = "0123456789abcdef0123456789abcdef01234567"

    def sibling(self, name: str) -> dict:
        data = self.files[name]
        info: dict = {"rfilename": name, "size": len(data), "blobId": git_blob_sha1(data)}
        if len(data) >= LFS_MIN_SIZE:
            info["lfs"] = {
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "pointerSize": 134,
            }
        return info


@dataclass
class Faults:
    drop_after: dict[str, int] = field(default_factory=dict)  # file -> bytes sent before a reset (once)
    corrupt: set[str] = field(default_factory=set)  # files served with one byte flipped
    delay_per_chunk: float = 0.0  # seconds between 64 KiB chunks
    refuse_all: bool = False  # every request fails with a reset (a dead network)


class FakeHub:
    def __init__(self) -> None:
        self.repos: dict[str, FakeRepo] = {}
        self.faults = Faults()
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Range header)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add_repo(self, repo_id: str, files: dict[str, bytes]) -> FakeRepo:
        repo = FakeRepo(repo_id, dict(files))
        self.repos[repo_id] = repo
        return repo

    def add_folder(self, repo_id: str, folder: Path) -> FakeRepo:
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
        return self.add_repo(repo_id, files)

    def start(self) -> FakeHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def file_requests(self, name: str) -> list[tuple[str, str, str | None]]:
        return [r for r in self.requests if r[1].endswith("/" + name)]

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _reset(self) -> None:
                # SO_LINGER 0 makes close() send a TCP RST: the client sees a connection reset.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()

            def _error(self, status: int, code: str) -> None:
                body = json.dumps({"error": code}).encode()
                self.send_response(status)
                self.send_header("X-Error-Code", code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_HEAD(self) -> None:
                self.do_GET(head=True)

            def do_GET(self, head: bool = False) -> None:
                path = unquote(urlparse(self.path).path)
                hub.requests.append((self.command, path, self.headers.get("Range")))
                if hub.faults.refuse_all:
                    self._reset()
                    return
                parts = path.strip("/").split("/")
                if parts[:2] == ["api", "models"] and "revision" in parts:
                    idx = parts.index("revision")
                    self._info("/".join(parts[2:idx]), "/".join(parts[idx + 1:]))
                elif len(parts) >= 5 and parts[2] == "resolve":
                    self._resolve("/".join(parts[:2]), parts[3], "/".join(parts[4:]), head)
                else:
                    self._error(404, "EntryNotFound")

            def _info(self, repo_id: str, revision: str) -> None:
                repo = hub.repos.get(repo_id)
                if repo is None:
                    self._error(404, "RepoNotFound")
                    return
                if revision not in ("main", repo.commit):
                    self._error(404, "RevisionNotFound")
                    return
                body = json.dumps({
                    "_id": "x", "id": repo.repo_id, "modelId": repo.repo_id, "sha": repo.commit,
                    "private": False, "siblings": [repo.sibling(n) for n in sorted(repo.files)],
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _resolve(self, repo_id: str, revision: str, name: str, head: bool) -> None:
                repo = hub.repos.get(repo_id)
                if repo is None or revision not in ("main", repo.commit):
                    self._error(404, "RepoNotFound" if repo is None else "RevisionNotFound")
                    return
                if name not in repo.files:
                    self._error(404, "EntryNotFound")
                    return
                data = repo.files[name]
                sibling = repo.sibling(name)
                if name in hub.faults.corrupt:
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                start = 0
                status = 200
                range_header = self.headers.get("Range")
                if range_header and range_header.startswith("bytes="):
                    start = int(range_header[6:].split("-")[0])
                    if start >= len(data):
                        self.send_response(416)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    status = 206
                body = data[start:]
                self.send_response(status)
                etag = sibling["lfs"]["sha256"] if "lfs" in sibling else sibling["blobId"]
                self.send_header("ETag", f'"{etag}"')
                self.send_header("X-Repo-Commit", repo.commit)
                self.send_header("Accept-Ranges", "bytes")
                if "lfs" in sibling:
                    self.send_header("X-Linked-Etag", f'"{etag}"')
                    self.send_header("X-Linked-Size", str(len(data)))
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if head:
                    return
                drop = hub.faults.drop_after.pop(name, None)
                sent = 0
                step = 65536
                while sent < len(body):
                    if drop is not None and sent >= drop:
                        self.wfile.flush()
                        time.sleep(0.3)  # let the client read what was sent, then reset
                        self._reset()
                        return
                    chunk = body[sent:sent + step]
                    try:
                        self.wfile.write(chunk)
                    except OSError:
                        return
                    sent += len(chunk)
                    if hub.faults.delay_per_chunk:
                        time.sleep(hub.faults.delay_per_chunk)

        return Handler
