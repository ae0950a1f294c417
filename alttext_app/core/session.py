"""The core's front door: one `Session` owns the settings, the model service and the active
model, and offers every use case the CLI and the window share. Qt-free and thread-safe.

    session = Session()                      # or default_session(): one per settings file
    session.settings                         # a copy of the current Settings
    session.take_notice()                    # "Your settings file could not be read …" once, or None
    session.update(rate=200)                 # validate, save atomically, notify listeners
    session.save(settings)                   # the same for a whole edited Settings
    unsubscribe = session.subscribe(fn)      # fn(settings) after every change (caller's thread)
    session.reload()                         # re-read the file (another process changed it)

    session.caption(src, on_stage=fn, should_abort=fn, display_path=None, **overrides)
    session.ask(src, question, should_abort=fn)   # -> AnswerResult (core.asking)
    session.describe_more(src, should_abort=fn)   # -> DetailResult: longer text, OCR, never the alt text
    session.load_model()                     # load (and cache) the captioner ahead of time
    session.active_model() / active_model_name()   # what "auto" means now (cached)
    session.installed_models() / models_root()
    session.use_model(name)                  # -> the stored choice ("auto", "builtin" or a name)
    session.remove_model(name)               # -> (name, bytes freed); also unfinished downloads
    session.import_model(path, name=None)    # -> InstalledModel
    session.pull_model(name, progress=fn, should_abort=fn, export="int8"|None)
    session.export_model(model_dir, out_dir, quantize=None, progress=fn, overwrite=False)
    session.speech()                         # the speech engine, set to the voice and rate
    session.voices()                         # its voices (may wait for the speech thread)
    session.close()

Methods that touch the disk, the network or a model are slow: the window runs them in its task
runner, never on the GUI thread. Errors are `AltTextError`s carrying one sentence for people.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alttext_app.core import i18n
from alttext_app.core import settings as settings_io
from alttext_app.core.asking import AnswerResult, DetailResult, ask_image, describe_more
from alttext_app.core.captioner import AbortCheck, Captioner, CaptionOptions, CaptionResult
from alttext_app.core.errors import AltTextError, ModelNotFoundError
from alttext_app.core.models import store
from alttext_app.core.pipeline import StageCallback, caption_image
from alttext_app.core.protocols import Stage
from alttext_app.core.service import AUTO, BUILTIN, ModelService, default_service
from alttext_app.core.settings import Settings

if TYPE_CHECKING:
    from alttext_app.core.models.downloader import ProgressCallback
    from alttext_app.core.speech import SpeechEngine, Voice

log = logging.getLogger(__name__)

__all__ = ["Session", "SettingsError", "Stage", "default_session"]

Listener = Callable[[Settings], None]
_UNRESOLVED = object()


class SettingsError(AltTextError):
    """The settings could not be saved."""


class Session:
    """Settings, models and use cases for one front end. See the module docstring."""

    def __init__(self, settings_path: Path | None = None, *, service: ModelService | None = None) -> None:
        self.path = settings_path or settings_io.settings_file()
        self.service = service or default_service()
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._notice: str | None = None
        self._active: Any = _UNRESOLVED  # Path | None once resolved; reset on every change
        self._settings = self._read()
        i18n.set_language(self._settings.language)  # --lang, read later, may still override it

    # --- settings ---------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        with self._lock:
            return dataclasses.replace(self._settings)

    @property
    def notice(self) -> str | None:
        """A sentence about settings that could not be used, until `take_notice` takes it."""
        return self._notice

    def take_notice(self) -> str | None:
        """The settings notice, once: later calls return None."""
        with self._lock:
            notice, self._notice = self._notice, None
            return notice

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(settings)` after each change; returns a function that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def update(self, **changes: object) -> Settings:
        """Change some settings by name, save them and tell the listeners."""
        with self._lock:
            return self.save(dataclasses.replace(self._settings, **changes))  # type: ignore[arg-type]

    def save(self, settings: Settings) -> Settings:
        """Validate (invalid values keep their current value), save atomically, notify."""
        with self._lock:
            clean, bad = settings_io.validated(settings)
            for name in bad:
                log.warning("not saving invalid setting %s=%r", name, getattr(settings, name))
                setattr(clean, name, getattr(self._settings, name))
            try:
                settings_io.write_settings_file(clean, self.path)
            except OSError as exc:
                log.warning("could not write settings to %s", self.path, exc_info=True)
                raise SettingsError(
                    f"The settings could not be saved: {exc.strerror or exc}.", detail=repr(exc)
                ) from exc
            return self._apply(clean)

    def reload(self) -> Settings:
        """Read the file again (e.g. after another process changed it) and tell the listeners."""
        with self._lock:
            return self._apply(self._read())

    def _apply(self, settings: Settings) -> Settings:
        changed = settings != self._settings
        if settings.language != self._settings.language:
            i18n.set_language(settings.language)  # messages and descriptions follow at once
        self._settings = settings
        _configure_store(settings)
        self._active = _UNRESOLVED
        listeners = list(self._listeners)
        copy = dataclasses.replace(settings)
        if changed:
            for listener in listeners:
                try:
                    listener(dataclasses.replace(copy))
                except Exception:  # one broken listener must not stop the others
                    log.exception("a settings listener failed")
        return copy

    def _read(self) -> Settings:
        result = settings_io.read_settings_file(self.path)
        if result.damaged:
            aside = settings_io.keep_aside(self.path)
            where = f" The old file was kept as {aside}." if aside else ""
            if result.unreadable:
                self._notice = (f"The settings file could not be read ({result.unreadable}), so "
                                f"AltText uses the default settings.{where}")
            else:
                self._notice = (f"Some settings were not valid ({', '.join(result.bad_keys)}) and "
                                f"were reset to their defaults.{where}")
            log.warning("%s", self._notice)
            try:  # repaired at once, so the notice is given once
                settings_io.write_settings_file(result.settings, self.path)
            except OSError:
                log.warning("could not write repaired settings to %s", self.path, exc_info=True)
        _configure_store(result.settings)
        return result.settings

    # --- models -------------------------------------------------------------------------------
    def models_root(self) -> Path:
        return store.models_root()

    def installed_models(self) -> list[store.InstalledModel]:
        return store.list_installed()

    def active_model(self) -> Path | None:
        """The model folder the `model` setting stands for (None: the built-in describer).
        Resolved once per change, not per caption."""
        with self._lock:
            active = self._active
            if active is _UNRESOLVED or (active is not None and not active.is_dir()):
                active = store.active_model_dir(self._settings.model)
                self._active = active
            return active

    def active_model_name(self) -> str:
        return store.model_name(self.active_model())

    def _forget_active(self) -> None:
        with self._lock:
            self._active = _UNRESOLVED

    def _model_key(self, model: str | None) -> str:
        """A name the model service loads without further lookups: a folder or "builtin"."""
        chosen = self._settings.model if model is None else model
        if chosen.strip() in ("", AUTO) or chosen == self._settings.model:
            active = self.active_model()
            return str(active) if active is not None else BUILTIN
        return chosen

    def load_model(self, model: str | None = None, backend: str | None = None,
                   device: str | None = None) -> Captioner:
        """Load (or take from the cache) the captioner the settings or the overrides name."""
        s = self.settings
        return self.service.get(self._model_key(model), backend or s.backend, device or s.device)

    def caption(
        self,
        source: str | Path | bytes | Any,
        *,
        on_stage: StageCallback | None = None,
        should_abort: AbortCheck | None = None,
        display_path: str | None = None,
        model: str | None = None,
        backend: str | None = None,
        device: str | None = None,
        options: CaptionOptions | None = None,
    ) -> CaptionResult:
        """Alt text for a path, encoded bytes or a PIL image, with the settings' model and
        length budget unless overridden. `on_stage` hears each `Stage` as it begins."""
        s = self.settings
        options = options or CaptionOptions(max_chars=s.max_chars, language=i18n.language())
        return caption_image(
            source, model=self._model_key(model), backend=backend or s.backend,
            device=device or s.device, options=options, should_abort=should_abort,
            service=self.service, on_stage=on_stage, display_path=display_path,
        )

    def ask(
        self, source: str | Path | bytes | Any, question: str, *,
        should_abort: AbortCheck | None = None, model: str | None = None,
        backend: str | None = None, device: str | None = None, options: CaptionOptions | None = None,
    ) -> AnswerResult:
        """Answer a question about an image (`core.asking`): the model named, else the best
        installed one that answers questions, else the built-in describer's answers; honest
        about what a picture cannot show. Answers in the message language unless `options` say."""
        s = self.settings
        options = options or CaptionOptions(language=i18n.language())
        return ask_image(
            source, question, model=model or AUTO, backend=backend or s.backend,
            device=device or s.device, options=options, should_abort=should_abort, service=self.service,
        )

    def describe_more(
        self, source: str | Path | bytes | Any, *, should_abort: AbortCheck | None = None,
        model: str | None = None, backend: str | None = None, device: str | None = None,
        options: CaptionOptions | None = None,
    ) -> DetailResult:
        """A longer description beside the alt text: the chosen model when it can, else the best
        installed one that can, else the built-in describer (a model named explicitly must)."""
        s = self.settings
        fallback = model is None or model.strip() in ("", AUTO) or model == s.model
        return describe_more(
            source, model=self._model_key(model), backend=backend or s.backend,
            device=device or s.device, options=options, should_abort=should_abort,
            service=self.service, fallback=fallback,
        )

    def use_model(self, name: str) -> str:
        """Make `name` the chosen model ("auto", "builtin" or an installed one); returns it."""
        name = name.strip()
        if name not in (AUTO, BUILTIN):
            model = store.find_installed(name)
            if model is None:
                raise ModelNotFoundError(
                    f"No model called “{name}” is installed; see “alttext models list”."
                )
            name = model.name
        self.update(model=name)
        return name

    def remove_model(self, name: str) -> tuple[str, int]:
        """Delete an installed model and unfinished downloads of it; returns (name, bytes freed).
        Refused while that model is being downloaded. A removed chosen model becomes "auto"."""
        model = store.find_installed(name)
        removed, freed = store.remove_model(name)
        if model is not None:
            self.service.forget(model.path)
            self._forget_active()
            chosen = self._settings.model.strip().lower()
            if chosen in {name.lower(), model.name.lower(), model.folder_name.lower()}:
                self.update(model=AUTO)
        return removed, freed

    def import_model(self, source: str | Path, name: str | None = None) -> store.InstalledModel:
        from alttext_app.core.models.importer import import_model

        model = import_model(str(source), name=name)
        self.service.forget(model.path)
        self._forget_active()
        return model

    def pull_model(
        self,
        name: str,
        *,
        progress: ProgressCallback | None = None,
        should_abort: AbortCheck | None = None,
        export: str | None = None,
        export_progress: Callable[[str, float], None] | None = None,
    ) -> store.InstalledModel:
        """Download a catalogue model (a no-op when that commit is installed), then optionally
        export it to ONNX (`export="int8"`); export tools are checked before downloading."""
        from alttext_app.core.engines import require_export_tools
        from alttext_app.core.models.downloader import pull_model

        if export:
            require_export_tools("the model was not downloaded")
        model = pull_model(name, progress=progress, should_abort=should_abort)
        self.service.forget(model.path)
        self._forget_active()
        if export and not (model.path / f"onnx-{export}" / "manifest.json").is_file():
            self.export_model(model.path, model.path / f"onnx-{export}", quantize=export,
                              progress=export_progress)
        return store.find_installed(model.folder_name) or model

    def export_model(self, model_dir: str | Path, out_dir: str | Path, *, quantize: str | None = None,
                     progress: Callable[[str, float], None] | None = None,
                     overwrite: bool = False) -> Path:
        """Convert a model folder to a checked ONNX export (needs PyTorch; one sentence if absent)."""
        from alttext_app.core.engines import require_export_tools

        require_export_tools()
        from alttext_app.core.engines.export import export_model

        out = export_model(model_dir, out_dir, quantize=quantize, progress=progress, overwrite=overwrite)
        self.service.forget(Path(model_dir))
        self._forget_active()
        return out

    def train_model(self, request, reporter) -> dict:
        """`alttext train` (core.training.api.TrainRequest): train or fine-tune on the user's own
        pairs; a model it installs (request.name) is never the "auto" choice."""
        from alttext_app.core.training.api import train

        metrics = train(request, reporter)
        self._forget_active()
        return metrics

    # --- speech -------------------------------------------------------------------------------
    def speech(self) -> SpeechEngine:
        """The process's speech engine with the settings' voice and rate applied."""
        from alttext_app.core.speech import shared_engine

        engine = shared_engine()
        s = self.settings
        engine.set_voice(s.voice)
        engine.set_rate(s.rate)
        return engine

    def voices(self) -> list[Voice]:
        from alttext_app.core.speech import shared_engine

        return shared_engine().list_voices()

    def close(self) -> None:
        self.service.clear()


def _configure_store(settings: Settings) -> None:
    configured = settings.models_dir.strip()
    store.set_models_root(Path(configured).expanduser() if configured else None)


_sessions: dict[Path, Session] = {}
_sessions_lock = threading.Lock()


def default_session(settings_path: Path | None = None) -> Session:
    """The one Session of this process for a settings file (the default file unless given)."""
    path = (settings_path or settings_io.settings_file()).absolute()
    with _sessions_lock:
        session = _sessions.get(path)
        if session is None:
            session = _sessions[path] = Session(path)
        return session
