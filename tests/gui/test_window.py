"""The window end to end with a small real captioner: drop, paste, keyboard, latest wins, edits, errors."""

from __future__ import annotations

import sys
import threading
import warnings
import wave
from pathlib import Path

import pytest
from gui_support import reprobe_speech, wait_for_caption
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from alttext_app.core.speech import shared_engine
from alttext_app.gui.actions import Act


def _drop(win, mime: QMimeData) -> bool:
    pos = QPointF(win.width() / 2, win.height() / 2)
    with warnings.catch_warnings():  # PySide marks the only Qt 6 constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, event)
    return True


def _file_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _recording_player(tmp_path: Path) -> tuple[list[str], Path]:
    """Stands in for the sound card: keeps a copy of each WAV it is asked to play."""
    log = tmp_path / "played"
    log.mkdir()
    script = tmp_path / "player.py"
    script.write_text(
        "import os, shutil, sys, uuid\n"
        f"target = {str(log)!r} + '/' + uuid.uuid4().hex\n"
        "shutil.copy(sys.argv[-1], target + '.part')\n"
        "os.replace(target + '.part', target + '.wav')\n"  # appears whole, never half-written
    )
    return [sys.executable, str(script)], log


def test_drop_file_describes_copies_and_speaks(qtbot, window, red_png, tmp_path) -> None:
    engine = shared_engine()
    if not engine.is_available:
        pytest.skip("no speech engine")
    player, played = _recording_player(tmp_path)
    engine.set_player(player)
    reprobe_speech(qtbot, window)
    try:
        window.settings.auto_copy = True
        window.settings.auto_speak = True
        window.settings.copy_format = "html"
        assert _drop(window, _file_mime(red_png))
        assert wait_for_caption(qtbot, window) == "A mostly red square image."
        assert window.view.has_image()
        qtbot.waitUntil(window.panel.caption.hasFocus, timeout=5000)  # handed over after ~300 ms
        clip = QApplication.clipboard().mimeData()
        assert clip.text() == '<img src="red%20square.png" alt="A mostly red square image.">'
        assert clip.html() == clip.text()
        qtbot.waitUntil(lambda: any(played.glob("*.wav")), timeout=20_000)
        wav = next(played.glob("*.wav"))
        with wave.open(str(wav)) as w:
            assert w.getnframes() / w.getframerate() > 0.5  # real speech, not an empty file
    finally:
        engine.set_player(None)


def test_drop_refuses_non_images_and_web_addresses(qtbot, window) -> None:
    text = QMimeData()
    text.setText("just words")
    assert not _drop(window, text)
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/cat.jpg")])
    assert not _drop(window, web)
    window.load_mime(web)
    assert "offline" in window.announcer.status_text()


def test_drop_image_data_from_a_browser(qtbot, window, blue_png) -> None:
    mime = QMimeData()
    mime.setData("image/png", blue_png.read_bytes())
    mime.setUrls([QUrl("https://example.com/blue.png")])  # browsers add the remote URL; never fetched
    assert _drop(window, mime)
    assert wait_for_caption(qtbot, window) == "A mostly blue wide image."
    assert window.image.name == "pasted image"


def test_paste_image_data_with_the_keyboard(qtbot, window) -> None:
    image = QImage(30, 90, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.green)
    QApplication.clipboard().setImage(image)
    window.panel.buttons[Act.OPEN].setFocus()
    qtbot.keyClick(window.panel.buttons[Act.OPEN], Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert wait_for_caption(qtbot, window) == "A mostly green tall image."


def test_paste_a_copied_file_into_the_text_field(qtbot, window, red_png) -> None:
    QApplication.clipboard().setMimeData(_file_mime(red_png))
    window.panel.caption.setFocus()
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert wait_for_caption(qtbot, window) == "A mostly red square image."
    assert window.image.source == str(red_png)
    # Plain text pasted into the field stays text, on one line.
    QApplication.clipboard().setText("my own\nwords")
    # A new description leaves the caret where it was (the start): a caret move would make Orca
    # 43 swallow the description. The person goes to the end to add words.
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.caption.toPlainText().endswith("my own words")


def test_paste_with_nothing_useful_says_so(qtbot, window) -> None:
    QApplication.clipboard().setText("not an image")
    window.paste()
    assert window.announcer.status_text() == "There is no image or image file on the clipboard."


def test_describing_runs_off_the_gui_thread(qtbot, window, captioner, red_png) -> None:
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    assert captioner.thread != threading.get_ident()


def test_latest_image_wins(qtbot, window, captioner, red_png, blue_png) -> None:
    captioner.gate = threading.Event()
    window.load_source(red_png)
    qtbot.waitUntil(lambda: captioner.calls == 1, timeout=5000)
    window.load_source(blue_png)  # the red request is aborted while it waits
    captioner.gate.set()
    assert wait_for_caption(qtbot, window) == "A mostly blue wide image."
    window.tasks.wait(5000)
    qtbot.wait(50)  # any late signal from the red worker would arrive now
    assert window.panel.caption.toPlainText() == "A mostly blue wide image."
    assert window.image.source == str(blue_png)


def test_cancel_stops_describing(qtbot, window, captioner, red_png) -> None:
    captioner.gate = threading.Event()
    window.load_source(red_png)
    qtbot.waitUntil(lambda: window.actions[Act.CANCEL].isEnabled(), timeout=5000)
    window.actions[Act.CANCEL].trigger()
    assert window.tasks.wait(5000)
    assert not window.busy.isVisible()
    assert window.panel.caption.toPlainText() == ""
    assert window.announcer.status_text() == "Stopped describing."


def test_user_text_is_never_overwritten(qtbot, window, red_png, blue_png) -> None:
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    window.panel.caption.selectAll()
    qtbot.keyClicks(window.panel.caption, "My careful description")
    window.load_source(blue_png)
    qtbot.waitUntil(lambda: window.panel.replace_bar.isVisible(), timeout=5000)
    assert window.panel.caption.toPlainText() == "My careful description"
    assert "A mostly blue wide image." in window.panel.replace_label.text()
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Keep mine
    assert not window.panel.replace_bar.isVisible()
    assert window.panel.caption.toPlainText() == "My careful description"
    window.describe()
    qtbot.waitUntil(lambda: window.panel.replace_bar.isVisible(), timeout=5000)
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Replace
    assert window.panel.caption.toPlainText() == "A mostly blue wide image."
    assert window.panel.caption.hasFocus()


def test_bad_file_is_one_sentence(qtbot, window, tmp_path) -> None:
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    window.load_source(bad)
    qtbot.waitUntil(lambda: not window.tasks.is_busy("caption"), timeout=5000)
    message = window.announcer.status_text()
    assert "broken.png" in message and message.endswith(".") and message.count(". ") == 0
    assert "Traceback" not in message and "Error" not in message
    assert window.announcer.last == message
    assert window.panel.caption.toPlainText() == ""
    window.load_source(tmp_path / "missing.jpg")
    qtbot.waitUntil(lambda: "does not exist" in window.announcer.status_text(), timeout=5000)


def test_failing_captioner_is_one_sentence(qtbot, window, captioner, red_png) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("CUDA kernel exploded at 0xdeadbeef")

    captioner.caption = broken
    window.load_source(red_png)
    qtbot.waitUntil(lambda: not window.tasks.is_busy("caption"), timeout=5000)
    assert window.announcer.status_text() == "Something went wrong; the details are in the log file."


def test_copy_formats_and_empty_copy(qtbot, window, red_png) -> None:
    window.actions[Act.COPY].trigger()
    assert window.announcer.status_text() == "There is no alt text to copy yet."
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    window.actions[Act.COPY_MARKDOWN].trigger()
    assert QApplication.clipboard().text() == "![A mostly red square image.](red%20square.png)"
    window.actions[Act.COPY_PLAIN].trigger()
    assert QApplication.clipboard().text() == "A mostly red square image."
    assert not QApplication.clipboard().mimeData().hasHtml()
    assert window.announcer.status_text() == "Copied the alt text as plain text."


def test_speak_without_audio_says_why_and_keeps_working(qtbot, window, red_png) -> None:
    if window.speech.can_play:
        pytest.skip("this machine can play sound")
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    window.actions[Act.SPEAK].trigger()
    assert "audio" in window.announcer.status_text()
    assert window.panel.speech_label.isVisible() or window.panel.speech_label.isVisibleTo(window)
    window.describe()  # still works
    qtbot.waitUntil(lambda: window.announcer.status_text() == "Description ready.", timeout=5000)


def test_speak_and_stop_by_keyboard(qtbot, window, red_png, tmp_path) -> None:
    engine = shared_engine()
    if not engine.is_available:
        pytest.skip("no speech engine")
    slow = tmp_path / "slow_player.py"
    slow.write_text("import sys, time, wave\nwave.open(sys.argv[-1]).getnframes()\ntime.sleep(30)\n")
    engine.set_player([sys.executable, str(slow)])
    reprobe_speech(qtbot, window)
    try:
        window.load_source(red_png)
        wait_for_caption(qtbot, window)
        qtbot.keyClick(window.panel.caption, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.actions[Act.STOP].isEnabled(), timeout=20_000)
        qtbot.waitUntil(engine.is_speaking, timeout=10_000)
        qtbot.keyClick(window.panel.caption, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.actions[Act.STOP].isEnabled(), timeout=5000)
        assert not engine.is_speaking()
    finally:
        engine.set_player(None)


def test_busy_indicator_shows_while_describing(qtbot, window, captioner, red_png) -> None:
    captioner.gate = threading.Event()
    window.load_source(red_png)
    qtbot.waitUntil(lambda: window.busy.isVisible(), timeout=5000)
    assert window.announcer.status_text() in ("Describing the image…", "Reading the image…",
                                          "Loading the describer…")
    captioner.gate.set()
    wait_for_caption(qtbot, window)
    assert not window.busy.isVisible()


def test_models_dialog_opens_with_ctrl_m(qtbot, window, monkeypatch) -> None:
    models = pytest.importorskip("alttext_app.gui.models_dialog")
    opened = []
    monkeypatch.setattr(models.ModelsDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and opened[0].parent() is window


def test_model_chosen_in_models_dialog_is_kept_by_the_window(qtbot, window, monkeypatch) -> None:
    models = pytest.importorskip("alttext_app.gui.models_dialog")
    monkeypatch.setattr(models.ModelsDialog, "exec", lambda self: self.use_builtin() or 0)
    window.settings.model = "auto"
    window.open_models()
    qtbot.waitUntil(lambda: window.settings.model == "builtin", timeout=5000)  # saved off the GUI thread
    window.store.save(window.settings)  # a later save from the window must not undo the choice
    assert window.store.load().model == "builtin"


def test_save_speech_as_wav(qtbot, window, red_png, tmp_path) -> None:
    if not shared_engine().is_available:
        pytest.skip("no speech engine")
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    out = tmp_path / "said.wav"
    window.output.save_speech(str(out))
    qtbot.waitUntil(lambda: window.announcer.status_text() == "Saved the speech to said.wav.", timeout=10_000)
    with wave.open(str(out)) as w:
        assert w.getnframes() / w.getframerate() > 0.5


def test_new_caption_is_heard_once_by_focus_or_notification(qtbot, window, red_png, blue_png) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.panel.buttons[Act.OPEN].setFocus()
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    # Focus moves into the field after the text is in, so the screen reader reads it there, once.
    qtbot.waitUntil(window.panel.caption.hasFocus, timeout=5000)
    assert window.announcer.handed_off == ["A mostly red square image."]
    assert "A mostly red square image." not in " ".join(window.announcer.spoken)
    window.load_source(blue_png)  # the field already has focus: now the notification says it
    qtbot.waitUntil(lambda: "A mostly blue wide image." in window.announcer.spoken, timeout=20_000)
    assert window.announcer.handed_off == ["A mostly red square image."]
    assert window.announcer.notice.accessibleName() == "A mostly blue wide image."


def test_slow_description_is_announced_as_in_progress(qtbot, window, captioner, red_png) -> None:
    captioner.gate = threading.Event()
    window.load_source(red_png)
    qtbot.waitUntil(lambda: window.announcer.last.startswith(("Describing", "Loading", "Reading")),
                    timeout=5000)
    captioner.gate.set()
    wait_for_caption(qtbot, window)


def test_open_dialog_remembers_the_folder(qtbot, window, red_png, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    seen = []

    def fake_dialog(_parent, _title, folder, _filter):
        seen.append(folder)
        return str(red_png), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert wait_for_caption(qtbot, window) == "A mostly red square image."
    window.open_file()
    assert seen[1] == str(red_png.parent)


def test_dropping_several_files_says_only_the_first_is_described(qtbot, window, red_png, blue_png) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(red_png)), QUrl.fromLocalFile(str(blue_png))])
    assert _drop(window, mime)
    assert wait_for_caption(qtbot, window) == "A mostly red square image."
    assert "Describing the first of 2 images; AltText describes one at a time." in [t for _k, t in window.announcer.history]


def test_decorative_images_copy_empty_alt(qtbot, window, red_png) -> None:
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.decorative.isChecked()
    window.actions[Act.COPY_HTML].trigger()
    assert QApplication.clipboard().text() == '<img src="red%20square.png" alt="">'
    window.actions[Act.COPY_MARKDOWN].trigger()
    assert QApplication.clipboard().text() == "![](red%20square.png)"
    window.actions[Act.COPY_PLAIN].trigger()
    assert "decorative" in window.announcer.status_text()
    window.load_source(red_png)  # a new image starts undecided again
    assert not window.panel.decorative.isChecked()


def test_a_new_image_clears_the_old_description_but_not_typed_text(qtbot, window, red_png, tmp_path) -> None:
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    window.load_source(tmp_path / "missing.png")  # fails: the red description must not linger
    qtbot.waitUntil(lambda: "does not exist" in window.announcer.status_text(), timeout=5000)
    assert window.panel.caption.toPlainText() == ""
    window.panel.caption.setPlainText("Typed by me")
    window.load_source(tmp_path / "missing.png")
    qtbot.waitUntil(lambda: not window.tasks.is_busy("caption"), timeout=5000)
    assert window.panel.caption.toPlainText() == "Typed by me"
