"""One image → one result record, the same way for the local batch, Ray workers and videos.

Captioning goes through the core's front door (`Session.caption`); a failure becomes an `error` in the record
(one sentence for people; details in the log), so one bad file never stops a batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from alttext_app.core.captioner import CaptionOptions, CaptionResult
from alttext_app.core.errors import AltTextError, Cancelled, user_message
from alttext_app.core.service import AUTO
from alttext_app.core.session import Session, default_session

log = logging.getLogger(__name__)

Record = dict[str, Any]


@dataclass
class DescribeConfig:
    """What to caption with; plain data so it can be sent to Ray workers."""

    model: str = AUTO
    backend: str = "auto"
    device: str = "auto"
    options: CaptionOptions = field(default_factory=CaptionOptions)


class Describer:
    """Captions images with one loaded model (loaded on first use, kept for the next images)."""

    def __init__(self, config: DescribeConfig, session: Session | None = None) -> None:
        self.config = config
        self.session = session or default_session()

    def load(self) -> None:
        """Load the model now: a missing model is one error up front, not one per image."""
        self.session.load_model(self.config.model, self.config.backend, self.config.device)

    def caption(self, source: str | Path | bytes | Image.Image) -> CaptionResult:
        return self.session.caption(
            source, model=self.config.model, backend=self.config.backend,
            device=self.config.device, options=self.config.options,
        )

    def record(self, path: str | Path) -> Record:
        """The result record for one image file; errors are recorded, never raised."""
        path = str(path)
        try:
            result = self.caption(path)
        except Cancelled:
            raise
        except AltTextError as exc:
            log.info("caption failed for %s", path, exc_info=True)
            return {"path": path, "alt_text": None, "error": exc.user_message}
        except Exception as exc:  # one bad file never stops the batch
            log.exception("unexpected error captioning %s", path)
            return {"path": path, "alt_text": None, "error": user_message(exc)}
        record = result.to_json()
        record["path"] = path  # as given (absolute from a folder scan), never a display name
        record["error"] = None
        return record
