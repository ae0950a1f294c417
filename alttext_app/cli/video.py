"""`alttext video FILE --output FILE.vtt`: one description per scene as a WebVTT track."""

from __future__ import annotations

import argparse
from pathlib import Path

from alttext_app.cli.model_options import add_model_arguments, describe_config
from alttext_app.cli.progress import ProgressBar
from alttext_app.core.errors import AltTextError
from alttext_app.core.i18n import tr
from alttext_app.core.library import webvtt
from alttext_app.core.library.describe import Describer
from alttext_app.core.library.scenes import detect_scenes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "video",
        help="describe each scene of a video as a WebVTT track",
        description="Find the scene changes in a video and describe each scene, as a WebVTT "
        "file for <track kind=\"descriptions\"> (audio description, WCAG 1.2.5). Needs PyAV.",
    )
    parser.add_argument("video", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="the .vtt file (default: VIDEO.vtt)")
    parser.add_argument("--speak", type=Path, metavar="WAV",
                        help="also write the descriptions spoken at their times into this WAV file")
    parser.add_argument("--threshold", type=float, default=0.35,
                        help="how much the picture must change for a new scene, 0–1 (default 0.35)")
    parser.add_argument("--min-scene", type=float, default=1.0, metavar="SECONDS",
                        help="shortest scene (default 1 s)")
    add_model_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.video.is_file():
        raise AltTextError(f"The video “{args.video.name}” does not exist.")
    if not 0 < args.threshold < 1:
        raise AltTextError("--threshold is a number between 0 and 1.")
    output = args.output or args.video.with_suffix(".vtt")
    describer = Describer(describe_config(args))
    describer.load()
    scenes = detect_scenes(args.video, threshold=args.threshold, min_scene=args.min_scene)
    progress = ProgressBar(len(scenes), "scenes ")
    cues = []
    for scene in scenes:
        text = describer.caption(scene.frame).alt_text if scene.frame is not None else ""
        cues.append(webvtt.Cue(scene.start, scene.end, text))
        progress.advance()
    progress.close()
    webvtt.write(cues, output, args.video.name)
    print(f"{output}: " + tr("{n} scenes described.", n=len(cues)))
    if args.speak:
        from alttext_app.core.library.audio_track import write_spoken_track
        from alttext_app.core.speech import shared_engine

        engine = shared_engine()
        write_spoken_track(cues, scenes[-1].end, args.speak, lambda text, path: engine.save_wav(text, path))
        print(f"{args.speak}: " + tr("the descriptions, spoken."))
    return 0
