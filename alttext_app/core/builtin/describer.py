"""The built-in describer: alt text from weights that ship with AltText, no download, no torch.

Steps (each checks `should_abort`): classify (EfficientNet-Lite0), look for text (cheap pre-check,
then OCR only when worth it), decide the kind of image, then
- text-heavy kinds (screenshot, document, code, chart): describe the text and its purpose, never
  guess objects in it;
- photos and graphics: objects (NanoDet-m), people (faces), the classifier's view and, for photos,
  the outdoor layout (sky, vegetation, water: `layout`), cross-checked into a language-neutral
  `scene.Scene` (`scene_build`), then put into words (`render_en`).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

import numpy as np
from PIL import Image

from alttext_app.core.alttext_rules import DEFAULT_MAX_CHARS
from alttext_app.core.alttext_rules_zh import budget as budget_zh
from alttext_app.core.builtin import kind as kinds
from alttext_app.core.builtin import ocr as ocr_mod
from alttext_app.core.builtin.answers import Sighting, answer, answer_language, finish
from alttext_app.core.builtin.classifier import ImageClassifier
from alttext_app.core.builtin.detector import ObjectDetector
from alttext_app.core.builtin.faces import Face, FaceDetector
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.layout import analyse as analyse_layout
from alttext_app.core.builtin.questions import QuestionKind, route
from alttext_app.core.builtin.render_en import render_en
from alttext_app.core.builtin.render_en_text import render_en_text
from alttext_app.core.builtin.render_zh import colour as colour_zh
from alttext_app.core.builtin.render_zh import render_zh
from alttext_app.core.builtin.render_zh_text import render_zh_text
from alttext_app.core.builtin.scene import HUE_BINS
from alttext_app.core.builtin.scene_build import build_scene
from alttext_app.core.builtin.text_purpose import build_text_scene
from alttext_app.core.builtin.text_script import han_count
from alttext_app.core.builtin.text_signs import read_signs
from alttext_app.core.builtin.thing_colour import with_main_colour
from alttext_app.core.captioner import AbortCheck, CaptionOptions, Detail, RawCaption, check_abort
from alttext_app.core.errors import Cancelled

log = logging.getLogger(__name__)

TOP_LABELS = 5  # reported in RawCaption.labels (CLI --json shows them)
REMEMBERED = 4  # images whose findings are kept for questions (the window's recent ones)
GREYSCALE_SPREAD = 0.06  # channel spread (0..1) that JPEG noise stays under in grey photos


def is_greyscale(image: Image.Image) -> bool:
    """True when (almost) no pixel has colour. A mean would call the Hubble deep field grey:
    a few coloured galaxies on black. The 99th percentile notices them."""
    small = image.convert("RGB").resize((128, 128), Image.Resampling.BOX)
    arr = np.asarray(small, dtype=np.float32)
    spread = (arr.max(axis=2) - arr.min(axis=2)) / 255.0
    return float(np.percentile(spread, 99)) < GREYSCALE_SPREAD


UNIFORM_STD = 3.0  # grey levels: below this everywhere, the picture is one flat colour


def colour_name(rgb: np.ndarray) -> str:
    """A plain name for one RGB colour (0..255)."""
    import colorsys

    r, g, b = (float(v) / 255.0 for v in rgb)
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    if sat < 0.2 or light < 0.1 or light > 0.92:
        return "black" if light < 0.2 else "white" if light > 0.85 else "grey"
    degrees = hue * 360
    for limit, name in HUE_BINS:
        if degrees < limit:
            if name == "orange" and light < 0.35:
                return "brown"
            if name == "red" and light > 0.7:
                return "pink"
            return name
    return "grey"


def plain_colour(image: Image.Image) -> str | None:
    """The colour's name when the whole image is one flat colour, else None."""
    small = np.asarray(image.convert("RGB").resize((32, 32), Image.Resampling.BOX), dtype=np.float32)
    if float(small.reshape(-1, 3).std(axis=0).max()) >= UNIFORM_STD:
        return None
    return colour_name(small.reshape(-1, 3).mean(axis=0))


class BuiltinDescriber:
    model_name = "builtin"
    backend = "builtin"
    device = "cpu"

    def __init__(self) -> None:
        self._classifier = ImageClassifier()
        self._faces = FaceDetector()
        self._detector = ObjectDetector()
        self._labels = plain_labels()
        # Face detection (one ONNX thread) overlaps the classifier and the text checks: on two
        # cores that hides most of its time. It is called off when the image turns out text-heavy.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="builtin-faces")
        # What was found in the last few images, by pixel digest: a question about the image the
        # window just described is answered without running the models again.
        self._seen: OrderedDict[bytes, Sighting] = OrderedDict()
        self._seen_lock = threading.Lock()
        # OCR's preparation of a screen starts on the second core while the classifier and the
        # text pre-check run (ocr.prepare_ahead): a 1080p screen's costliest step before Tesseract.
        self._ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="builtin-ocr-ahead")

    def caption(
        self,
        image: Image.Image,
        options: CaptionOptions,
        should_abort: AbortCheck | None = None,
    ) -> RawCaption:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        if image.mode != "RGB":  # convert() of an RGB image is a full copy (~0.1 s at 24 MP)
            image = image.convert("RGB")
        check_abort(should_abort)
        not_needed = threading.Event()
        faces_job = self._pool.submit(
            self._timed_faces, image, lambda: not_needed.is_set() or bool(should_abort and should_abort())
        )
        try:
            raw = self._describe(image, options, should_abort, faces_job, timings, started)
        finally:
            not_needed.set()  # stops the face search early if it is still running
        self._remember(image, raw, options)
        return raw

    # --- questions ---------------------------------------------------------------------------
    def ask(
        self,
        image: Image.Image,
        question: str,
        options: CaptionOptions,
        should_abort: AbortCheck | None = None,
    ) -> RawCaption:
        """Answer from what the describer found in the image (`answers`), described first if it
        was not just now. The answer is in the question's language, else the user's."""
        image = image.convert("RGB")
        asked = route(question)
        lang = answer_language(asked, options.language)
        seen = self._recall(image)
        if seen is None:
            self.caption(image, replace(options, language=lang), should_abort)
            seen = self._recall(image)
            assert seen is not None
        if asked.kind is QuestionKind.TEXT and not seen.ocr_whole and seen.plain is None:
            # Asked for the text: read all of it (the pre-check may have seen too little to try,
            # or a dense screen was read only down to its budget).
            seen.ocr = ocr_mod.read_text(image, should_abort, lang, full=True)
            seen.ocr_whole = True
        text = answer(asked, seen, lang, image, lambda language, more: self._description(seen, language, more))
        return RawCaption(text, seen.raw.kind, seen.raw.ocr_text, seen.raw.labels,
                          {"question": asked.kind.value}, language=lang)

    def _description(self, seen: Sighting, lang: str, more: bool) -> str:
        """The description in `lang` (re-rendered from the scene, no model runs), as a sentence."""
        key = (lang, more)
        if key not in seen.descriptions:
            raw = seen.raw
            if raw.language == lang and (not more or raw.extra.get("more")):
                text = raw.text
            else:
                text = self._render(seen, lang, more) or raw.text
            seen.descriptions[key] = finish(text, lang)
        return seen.descriptions[key]

    def _render(self, seen: Sighting, lang: str, more: bool) -> str:
        budget = budget_zh(DEFAULT_MAX_CHARS) if lang == "zh" else DEFAULT_MAX_CHARS
        if seen.plain is not None:
            return f"纯{colour_zh(seen.plain)}图片" if lang == "zh" else f"Plain {seen.plain} image"
        if (text_scene := seen.raw.extra.get("text_scene")) is not None:
            return (render_zh_text if lang == "zh" else render_en_text)(text_scene, budget * (2 if more else 1))
        if seen.scene is not None:
            return (render_zh if lang == "zh" else render_en)(seen.scene, budget, more=more)
        return ""

    @staticmethod
    def _digest(image: Image.Image) -> bytes:
        """The image's identity: its pixels (the window and `ask` each decode the file again)."""
        digest = hashlib.blake2b(image.tobytes(), digest_size=16)
        digest.update(f"{image.mode}{image.size}".encode())
        return digest.digest()

    def _remember(self, image: Image.Image, raw: RawCaption, options: CaptionOptions) -> None:
        ocr = raw.extra.pop("ocr", None)
        seen = Sighting(raw, ocr, ocr_whole=bool(ocr is not None and not ocr.partial),
                        plain=raw.extra.get("plain"))
        raw.extra["more"] = options.detail is Detail.MORE
        key = self._digest(image)
        with self._seen_lock:
            self._seen[key] = seen
            self._seen.move_to_end(key)
            while len(self._seen) > REMEMBERED:
                self._seen.popitem(last=False)

    def _recall(self, image: Image.Image) -> Sighting | None:
        key = self._digest(image)
        with self._seen_lock:
            return self._seen.get(key)

    def _timed_faces(self, image: Image.Image, stop: AbortCheck) -> tuple[list[Face], float]:
        step = time.perf_counter()
        try:
            faces = self._faces.detect(image, stop)
        except Cancelled:
            faces = []
        return faces, time.perf_counter() - step

    def _describe(
        self,
        image: Image.Image,
        options: CaptionOptions,
        should_abort: AbortCheck | None,
        faces_job: Future[tuple[list[Face], float]],
        timings: dict[str, float],
        started: float,
    ) -> RawCaption:
        # The user's language picks the words (render_zh, render_zh_text) and the OCR models.
        lang = "zh" if options.language == "zh" else "en"
        flat = plain_colour(image)
        if flat is not None:  # nothing to classify or read: say so instead of guessing
            timings["total"] = time.perf_counter() - started
            text = f"纯{colour_zh(flat)}图片" if lang == "zh" else f"Plain {flat} image"
            return RawCaption(text, "graphic", None, [], {"timings": timings, "plain": flat}, language=lang)
        self._ahead.submit(ocr_mod.prepare_ahead, image)
        probs = self._classifier.probabilities(image)
        order = np.argsort(-probs)[:TOP_LABELS]
        names = self._classifier.class_names
        labels = [(names[i], float(probs[i])) for i in order]
        timings["classify"] = time.perf_counter() - started
        check_abort(should_abort)

        step = time.perf_counter()
        # Chinese is read with English beside it when the user's language is Chinese.
        has_text = ocr_mod.likely_has_text(image)
        timings["precheck"] = time.perf_counter() - step
        # A dense screen is read down to a budget unless more detail was asked for.
        full = options.detail is Detail.MORE
        ocr = ocr_mod.read_text(image, should_abort, options.language, full=full) if has_text else None
        timings["ocr"] = time.perf_counter() - step - timings["precheck"]
        check_abort(should_abort)
        step = time.perf_counter()
        guess = kinds.classify_kind(image, ocr, labels)
        timings["kind"] = time.perf_counter() - step
        ocr_text = ocr.text.strip() if ocr and ocr.text.strip() else None
        max_chars = options.max_chars if options.max_chars > 0 else DEFAULT_MAX_CHARS
        if lang == "zh":
            max_chars = budget_zh(max_chars)

        if guess.kind in kinds.TEXT_KINDS and ocr is not None:
            text_scene = build_text_scene(ocr, guess.kind, image)
            render_text = render_zh_text if lang == "zh" else render_en_text
            text = render_text(text_scene, max_chars)
            if text:
                timings["total"] = time.perf_counter() - started
                extra = {"timings": timings, "text_scene": text_scene, "ocr": ocr}
                return RawCaption(text, text_scene.kind, ocr_text, labels, extra, language=lang)

        if guess.kind == "photo":  # a sign of a few bold words is no text-heavy image: look anyway
            step = time.perf_counter()
            ocr = self._sign_text(image, ocr, should_abort)
            ocr_text = ocr.text.strip() if ocr and ocr.text.strip() else None
            timings["signs"] = time.perf_counter() - step
        faces, timings["faces"] = faces_job.result()
        check_abort(should_abort)
        step = time.perf_counter()
        detections = self._detector.detect(image)
        timings["detect"] = time.perf_counter() - step
        check_abort(should_abort)
        graphic = guess.kind == "graphic"
        step = time.perf_counter()
        layout = None if graphic else analyse_layout(image)  # sky, vegetation, water: a few ms
        timings["layout"] = time.perf_counter() - step
        scene = build_scene(
            detections, faces, probs, self._labels, image.size, graphic=graphic,
            greyscale=is_greyscale(image), text=self._quote(ocr, max_chars) if ocr else None,
            layout=layout,
        )
        scene = with_main_colour(scene, image)  # "a red motorcycle", only when the box is clear
        if graphic and scene.main is None and ocr is not None:
            # A drawn image with nothing but text (a sign, a notice, a card) is its text.
            text_scene = build_text_scene(ocr, "graphic", image)
            text = (render_zh_text if lang == "zh" else render_en_text)(text_scene, max_chars)
            if text:
                timings["total"] = time.perf_counter() - started
                extra = {"timings": timings, "text_scene": text_scene, "ocr": ocr}
                return RawCaption(text, "graphic", ocr_text, labels, extra, language=lang)
        render = render_zh if lang == "zh" else render_en
        sentence = render(scene, max_chars, more=options.detail is Detail.MORE)
        timings["total"] = time.perf_counter() - started
        extra = {"timings": timings, "faces": [round(f.score, 3) for f in faces], "scene": scene, "ocr": ocr}
        return RawCaption(sentence, guess.kind, ocr_text, labels, extra, language=lang)

    @staticmethod
    def _sign_text(
        image: Image.Image, ocr: ocr_mod.OcrResult | None, should_abort: AbortCheck | None
    ) -> ocr_mod.OcrResult | None:
        """A photo's text as the scene-text pass reads it (`text_signs`: stricter than the page
        reader, which reads textures as words in photos); the page reader's is kept only where
        the pass did not look, or for Chinese, which the pass does not read."""
        signs = read_signs(image, should_abort)
        if signs is None or (ocr is not None and han_count(ocr.text) >= 2 and not signs.words):
            return ocr
        signs.languages = ocr.languages if ocr is not None else signs.languages
        return signs

    @staticmethod
    def _quote(ocr: ocr_mod.OcrResult, max_chars: int) -> str | None:
        """The quoted text worth saying with a photo (“STOP”), or None."""
        part = kinds.describe_text(ocr, "photo", max_chars // 2)
        if not part or "“" not in part:
            return None
        return part[part.index("“"):]

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._ahead.shutdown(wait=True)
        self._classifier.close()
        self._faces.close()
        self._detector.close()
