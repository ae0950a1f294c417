"""The work behind "describe this image", run by the task runner off the GUI thread.

It decodes the image once (so the preview shows while the words come), then hands it to the
core front door (`Session.caption`), whose stage callback becomes progress for the status line.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QImage

from alttext_app.core.captioner import CaptionResult
from alttext_app.core.images import load_image
from alttext_app.core.protocols import Stage
from alttext_app.core.session import Session
from alttext_app.gui.image_view import pil_to_qimage
from alttext_app.gui.tasks import TaskContext

PREVIEW_MAX = 1600  # preview pixels on the long side: sharp on big screens, cheap to pass around

STAGE_TEXT = {  # the status line for each stage (translated when shown)
    Stage.READING: QT_TRANSLATE_NOOP("Stage", "Reading the image…"),
    Stage.LOADING: QT_TRANSLATE_NOOP("Stage", "Loading the describer…"),
    Stage.DESCRIBING: QT_TRANSLATE_NOOP("Stage", "Describing the image…"),
}


def stage_text(stage: Stage) -> str:
    return QCoreApplication.translate("Stage", STAGE_TEXT[stage])


@dataclass(frozen=True)
class Preview:
    """Sent as progress once the image is read: the window shows it while the words come."""

    image: QImage  # made on the worker thread: converting 1600 px on the GUI thread costs ms


def describe(session: Session, source: str | bytes, ctx: TaskContext) -> CaptionResult:
    ctx.progress(Stage.READING)
    image = load_image(source)
    thumb = image.copy()
    thumb.thumbnail((PREVIEW_MAX, PREVIEW_MAX))
    ctx.progress(Preview(pil_to_qimage(thumb)))
    ctx.check_abort()
    return session.caption(
        image,
        on_stage=lambda stage: stage is not Stage.READING and ctx.progress(stage),
        should_abort=ctx.should_abort,
        display_path=source if isinstance(source, str) else None,
    )
