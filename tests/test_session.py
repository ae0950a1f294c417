"""The Session front door: captions report their stages and display path, and "auto" is resolved
once per change rather than once per caption."""

from __future__ import annotations

from PIL import Image

from alttext_app.core.captioner import RawCaption
from alttext_app.core.models import store
from alttext_app.core.protocols import Stage
from alttext_app.core.service import ModelService
from alttext_app.core.session import Session


class _Echo:
    model_name, backend, device = "echo", "builtin", "cpu"

    def caption(self, image, options, should_abort=None):  # noqa: ANN001
        return RawCaption(text=f"a picture of a box {image.size[0]}x{image.size[1]}\x1b[2K")

    def close(self) -> None:
        pass


class _Service(ModelService):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, model="auto", backend="auto", device="auto"):  # noqa: ANN001
        self.asked.append(model)
        return _Echo()


def test_caption_reports_stages_and_the_display_path(tmp_path) -> None:
    path = tmp_path / "box.png"
    Image.new("RGB", (30, 20), "red").save(path)
    stages: list[Stage] = []
    session = Session(service=_Service())
    result = session.caption(path.read_bytes(), on_stage=stages.append, display_path="box.png")
    assert stages == [Stage.READING, Stage.LOADING, Stage.DESCRIBING]
    assert result.path == "box.png"
    assert result.alt_text == "A box 30x20."  # rules applied, control characters gone
    assert session.caption(path).path == str(path)


def test_auto_is_resolved_once_per_change(monkeypatch) -> None:
    calls = []
    real = store.active_model_dir

    def counting(chosen: str = "auto"):  # noqa: ANN202
        calls.append(chosen)
        return real(chosen)

    monkeypatch.setattr(store, "active_model_dir", counting)
    service = _Service()
    session = Session(service=service)
    image = Image.new("RGB", (8, 8))
    for _ in range(3):
        session.caption(image)
    assert calls == ["auto"]
    assert service.asked == ["builtin"] * 3  # nothing installed: the built-in describer
    session.update(max_chars=100)
    session.caption(image)
    assert calls == ["auto", "auto"]
    session.use_model("builtin")
    session.caption(image)
    assert calls[-1] == "builtin"
