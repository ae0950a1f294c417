"""Download a catalogue model from the Hugging Face hub: progress, cancel, resume, verify, land atomically.

Why not `snapshot_download`: huggingface_hub checks only file sizes (not hashes), cannot report bytes
or stop mid-file, and gives up on a connection reset. So each file is streamed here with the hub's
own HTTP session (HF_ENDPOINT, HF_TOKEN and proxies respected), resumed with Range requests, hashed
while it streams (sha256 for LFS files, the git blob sha1 for the rest) and checked against the
revision's metadata. Files land in `<models>/.partial/<folder>@<commit>/`; only when every file is
verified is that folder renamed to `<models>/<folder>/`. A cancelled or failed download keeps its
staging folder (so it can resume) and is never listed as installed.
Nothing here runs unless a person asked for a download.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alttext_app.core.captioner import AbortCheck, check_abort
from alttext_app.core.errors import Cancelled, DownloadError
from alttext_app.core.models.catalogue import CatalogueEntry, require_entry
from alttext_app.core.models.hub_files import RemoteFile, select_files
from alttext_app.core.models.store import (
    STAGING,
    InstalledModel,
    find_installed,
    format_bytes,
    land,
    model_lock,
    models_root,
    read_manifest,
    write_manifest,
)
from alttext_app.core.protocols import PullStage

log = logging.getLogger(__name__)

CHUNK = 1 << 20
RETRIES = 5  # per file, for dropped connections; each retry resumes where the last one stopped
FREE_SPACE_MARGIN = 50_000_000  # keep some room so the disk is never filled to the last byte


@dataclass
class Progress:
    done_bytes: int
    total_bytes: int
    file_name: str = ""
    files_done: int = 0
    files_total: int = 0
    stage: PullStage = PullStage.DOWNLOAD

    @property
    def fraction(self) -> float:
        return self.done_bytes / self.total_bytes if self.total_bytes else 0.0


ProgressCallback = Callable[[Progress], None]


def _endpoint() -> str:
    from huggingface_hub import constants

    # Read at call time so HF_ENDPOINT set after import still counts.
    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def _offline() -> bool:
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return value.strip().lower() in ("1", "true", "yes", "on")


def _network_error(exc: BaseException) -> DownloadError:
    return DownloadError(
        "Could not reach the model server; check the internet connection and try again.",
        detail=repr(exc),
    )


def fetch_file_list(entry: CatalogueEntry, *, timeout: float = 30.0) -> tuple[str, list[RemoteFile]]:
    """The commit sha the revision points to and its files with sizes and hashes."""
    import httpx2
    from huggingface_hub import HfApi
    from huggingface_hub import errors as hf_errors

    api = HfApi(endpoint=_endpoint())
    try:
        info = api.model_info(
            entry.id, revision=entry.revision, files_metadata=True, timeout=timeout
        )
    except hf_errors.RevisionNotFoundError as exc:
        raise DownloadError(
            f"The pinned version of {entry.id} is no longer on the model server.", detail=repr(exc)
        ) from exc
    except (hf_errors.RepositoryNotFoundError, hf_errors.GatedRepoError) as exc:
        raise DownloadError(
            f"The model server has no public model called {entry.id}.", detail=repr(exc)
        ) from exc
    except hf_errors.OfflineModeIsEnabled as exc:
        raise DownloadError(
            "Downloads are switched off (HF_HUB_OFFLINE is set).", detail=repr(exc)
        ) from exc
    except (httpx2.TransportError, hf_errors.HfHubHTTPError, OSError) as exc:
        raise _network_error(exc) from exc
    files = [
        RemoteFile(
            name=s.rfilename,
            size=int(s.lfs.size if s.lfs else (s.size or 0)),
            sha256=s.lfs.sha256 if s.lfs else None,
            git_sha1=None if s.lfs else s.blob_id,
        )
        for s in info.siblings or []
    ]
    return info.sha or entry.revision, files


class _Download:
    """One model download; `run()` does the work in the calling thread."""

    def __init__(
        self,
        entry: CatalogueEntry,
        progress: ProgressCallback | None,
        should_abort: AbortCheck | None,
        timeout: float,
    ) -> None:
        self.entry = entry
        self.progress = progress or (lambda _p: None)
        self.should_abort = should_abort
        self.timeout = timeout
        self.done = 0
        self.total = 0
        self.files_done = 0
        self.files_total = 0
        self._last_report = 0.0

    def report(self, name: str, stage: PullStage = PullStage.DOWNLOAD, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_report >= 0.1:  # at most 10 updates a second
            self._last_report = now
            self.progress(
                Progress(self.done, self.total, name, self.files_done, self.files_total, stage)
            )

    def run(self) -> InstalledModel:
        if _offline():
            raise DownloadError("Downloads are switched off (HF_HUB_OFFLINE is set).")
        self.report("", stage=PullStage.METADATA, force=True)
        commit, remote = fetch_file_list(self.entry, timeout=self.timeout)
        try:
            files, weight_format = select_files(remote)
        except ValueError as exc:
            raise DownloadError(f"{self.entry.id}: {exc}") from exc
        root = models_root()
        busy = f"{self.entry.id} is already being downloaded or removed."
        with model_lock(root, self.entry.folder_name, busy):
            return self._download(root, commit, files, weight_format)

    def _download(
        self, root: Path, commit: str, files: list[RemoteFile], weight_format: str
    ) -> InstalledModel:
        target = root / self.entry.folder_name
        self.files_total = len(files)
        self.total = sum(f.size for f in files)
        if _is_installed_at(target, commit, files):  # nothing to do; keeps its ONNX export too
            log.info("%s is already installed at %s", self.entry.id, commit)
            self.done, self.files_done = self.total, len(files)
            self.report("", stage=PullStage.INSTALL, force=True)
            installed = find_installed(self.entry.folder_name)
            assert installed is not None
            return installed
        staging = root / STAGING / f"{self.entry.folder_name}@{commit[:12]}"
        already = sum(_size(staging / f.name) for f in files)
        self._check_space(root, self.total - already)  # before any folder is made for it
        staging.mkdir(parents=True, exist_ok=True)
        for remote_file in files:
            self._fetch(remote_file, staging / remote_file.name, commit)
            self.files_done += 1
        self.report("", stage=PullStage.INSTALL, force=True)
        write_manifest(
            staging,
            {
                "id": self.entry.id,
                "revision": commit,
                "family": self.entry.family,
                "source": "download",
                "weights": weight_format,
                "files": {f.name: {"size": f.size, "hash": f.checksum} for f in files},
            },
        )
        land(staging, target)
        for stale in partial_downloads():  # unfinished downloads of older revisions
            if stale.name.split("@", 1)[0] == self.entry.folder_name:
                shutil.rmtree(stale, ignore_errors=True)
        log.info("installed %s at %s (%s)", self.entry.id, commit, format_bytes(self.total))
        installed = find_installed(self.entry.folder_name)
        assert installed is not None
        return installed

    @staticmethod
    def _check_space(root: Path, needed: int) -> None:
        free = shutil.disk_usage(root).free
        if needed + FREE_SPACE_MARGIN > free:
            raise DownloadError(
                f"Not enough free disk space: the model needs {format_bytes(needed)}, AltText keeps "
                f"{format_bytes(FREE_SPACE_MARGIN)} free for the system, and "
                f"{format_bytes(free)} is free."
            )

    def _fetch(self, remote: RemoteFile, path: Path, commit: str) -> None:
        """Download one file into `path`, resuming a partial one, and verify it."""
        attempts = 0
        restarted = False
        start_done = self.done
        while True:
            check_abort(self.should_abort)
            self.done = start_done  # _stream counts the bytes already on disk again
            try:
                digest = self._stream(remote, path, commit)
            except DownloadError:
                raise
            except Cancelled:
                raise
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise DownloadError("The disk is full; free some space and try again.") from exc
                raise DownloadError(
                    f"Could not save {remote.name}: {exc.strerror or exc}.", detail=repr(exc)
                ) from exc
            except Exception as exc:  # httpx2 transport errors: resume after a pause
                if not _is_transport_error(exc):
                    raise
                attempts += 1
                log.warning("download of %s interrupted (%r); attempt %d", remote.name, exc, attempts)
                if attempts > RETRIES:
                    raise _network_error(exc) from exc
                self._pause(min(0.2 * 2**attempts, 5.0))
                continue
            if digest == remote.checksum.lower():
                return
            log.warning("%s failed its hash check (got %s)", remote.name, digest)
            path.unlink(missing_ok=True)
            if restarted:
                raise DownloadError(
                    f"The downloaded file {remote.name} is corrupt (its checksum does not match); "
                    "try again later."
                )
            restarted = True  # a stale partial file may have been the cause: start it afresh

    def _pause(self, seconds: float) -> None:
        """Wait before a retry, still answering a cancel within a tenth of a second."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            check_abort(self.should_abort)
            time.sleep(min(0.1, max(deadline - time.monotonic(), 0)))

    def _stream(self, remote: RemoteFile, path: Path, commit: str) -> str:
        """Stream the missing part of a file; returns the hex digest of the whole file."""
        import httpx2
        from huggingface_hub import hf_hub_url
        from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

        digest = hashlib.sha256() if remote.sha256 else hashlib.sha1(usedforsecurity=False)
        if not remote.sha256:
            digest.update(f"blob {remote.size}\0".encode())
        have = _size(path)
        if have > remote.size:
            path.unlink()
            have = 0
        if have:
            with path.open("rb") as handle:  # hash what is already here before resuming
                for chunk in iter(lambda: handle.read(CHUNK), b""):
                    digest.update(chunk)
        self.done += have
        if have == remote.size:
            self.report(remote.name)
            return digest.hexdigest()
        headers = build_hf_headers()
        headers["Accept-Encoding"] = "identity"  # byte ranges must count raw bytes
        if have:
            headers["Range"] = f"bytes={have}-"
        url = hf_hub_url(self.entry.id, remote.name, revision=commit, endpoint=_endpoint())
        timeout = httpx2.Timeout(self.timeout, read=max(self.timeout, 60.0))
        try:
            with get_session().stream("GET", url, headers=headers, timeout=timeout) as response:
                if response.status_code == 416:  # our partial file is unusable: start again
                    path.unlink(missing_ok=True)
                    raise _Retry(f"{remote.name}: range not satisfiable")
                hf_raise_for_status(response)
                mode = "ab"
                if have and response.status_code != 206:  # server ignored Range: start over
                    self.done -= have
                    digest = hashlib.sha256() if remote.sha256 else hashlib.sha1(
                        usedforsecurity=False)
                    if not remote.sha256:
                        digest.update(f"blob {remote.size}\0".encode())
                    mode = "wb"
                with path.open(mode) as handle:
                    for chunk in response.iter_raw(CHUNK):
                        check_abort(self.should_abort)
                        handle.write(chunk)
                        digest.update(chunk)
                        self.done += len(chunk)
                        self.report(remote.name)
        except Exception as exc:
            from huggingface_hub import errors as hf_errors

            if isinstance(exc, hf_errors.HfHubHTTPError):
                raise DownloadError(
                    f"The model server did not send {remote.name}; try again later.",
                    detail=repr(exc),
                ) from exc
            raise
        got = _size(path)
        if got != remote.size:  # a cleanly closed but short response: resume it
            raise _Retry(f"{remote.name}: got {got} of {remote.size} bytes")
        return digest.hexdigest()


class _Retry(Exception):
    """The transfer stopped early without a transport error; resume it like a dropped connection."""


def _is_transport_error(exc: BaseException) -> bool:
    import httpx2

    return isinstance(exc, (httpx2.TransportError, httpx2.StreamError, _Retry))


def _is_installed_at(target: Path, commit: str, files: list[RemoteFile]) -> bool:
    """Whether `target` already holds this commit with every file whole (by size; the hashes
    were checked when it was installed)."""
    manifest = read_manifest(target)
    if manifest.get("revision") != commit:
        return False
    return all(_size(target / f.name) == f.size for f in files)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def pull_model(
    name: str,
    *,
    progress: ProgressCallback | None = None,
    should_abort: AbortCheck | None = None,
    timeout: float = 30.0,
) -> InstalledModel:
    """Download catalogue model `name` (id or alias) into the model folder; returns it installed.

    Raises DownloadError with one sentence for people, or Cancelled when `should_abort` says so."""
    entry = require_entry(name)
    return _Download(entry, progress, should_abort, timeout).run()


def partial_downloads() -> list[Path]:
    """Staging folders of unfinished downloads (resumable)."""
    staging = models_root() / STAGING
    if not staging.is_dir():
        return []
    return sorted(p for p in staging.iterdir() if p.is_dir() and "@" in p.name)


def discard_partial(name: str) -> int:
    """Delete unfinished downloads of a catalogue model; returns bytes freed."""
    entry = require_entry(name)
    freed = 0
    from alttext_app.core.models.store import folder_size

    for path in partial_downloads():
        if path.name.split("@", 1)[0] == entry.folder_name:
            freed += folder_size(path)
            shutil.rmtree(path, ignore_errors=True)
    return freed
