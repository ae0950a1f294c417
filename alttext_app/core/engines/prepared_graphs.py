"""Graphs ONNX Runtime has already optimised, saved beside an export so that loading is fast.

Opening an export's graph costs ONNX Runtime two steps: parsing the protobuf with every weight
inside it, then optimising the graph (fusions, int8 MatMul rewrites, layout changes). For the int8
ViT-GPT2 export that is ~0.5 s per graph on a 2-core EPYC. `prepare` runs those optimisations once
at export time and saves the result with its weights in a separate file that ONNX Runtime maps
instead of parsing (`<graph>.prepared.onnx` + `.data`), recorded in the manifest under "prepared"
with the ONNX Runtime version and CPU features it was made for. `graph_to_open` uses it only on
the CPU provider, with the same ONNX Runtime version and CPU features (the saved graph may hold
CPU-specific layouts), and opens it with optimisation off; anything else, or a prepared graph
that fails to open, falls back to the plain graph with full optimisation.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alttext_app.core.engines.manifest import write_manifest

log = logging.getLogger(__name__)

SUFFIX = ".prepared.onnx"
# CPU features that change which kernels and layouts ONNX Runtime picks for a saved graph.
_CPU_FEATURES = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
                 "avx_vnni", "avx512_bf16", "amx_tile", "amx_int8", "amx_bf16", "asimd", "sve",
                 "i8mm", "bf16")


def cpu_signature() -> str:
    """The machine and the CPU features ONNX Runtime dispatches on, e.g. "x86_64:avx,avx2,fma";
    "" where they cannot be read (then nothing is prepared or used)."""
    flags: set[str] = set()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(("flags", "Features")):
                    flags = set(line.split(":", 1)[1].split())
                    break
    except OSError:
        pass
    if not flags:
        return ""
    return f"{platform.machine()}:{','.join(f for f in _CPU_FEATURES if f in flags)}"


def prepared_name(graph: str) -> str:
    return graph.removesuffix(".onnx") + SUFFIX


def prepare(folder: Path, graphs: dict[str, str]) -> dict[str, Any] | None:
    """Optimise every graph for this machine's CPU and save it; returns the manifest entry
    (None where the CPU's features cannot be read)."""
    import onnxruntime as ort

    if not cpu_signature():
        return None
    files = {}
    for name in graphs.values():
        target = prepared_name(name)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.optimized_model_filepath = str(folder / target)
        options.log_severity_level = 3  # the "hardware specific" warning is why we record the CPU
        options.add_session_config_entry(
            "session.optimized_model_external_initializers_file_name", target + ".data")
        options.add_session_config_entry(
            "session.optimized_model_external_initializers_min_size_in_bytes", "1024")
        ort.InferenceSession(str(folder / name), sess_options=options,
                             providers=["CPUExecutionProvider"])
        files[name] = target
    return {"onnxruntime": ort.__version__, "cpu": cpu_signature(), "graphs": files}


def prepare_checked(folder: Path, graphs: dict[str, str], manifest: dict[str, Any], plain: list,
                    outputs: Callable[[], list]) -> None:
    """Prepare the export's graphs and record them in `manifest`, kept only when `outputs()` (the
    export's parity run, reading the manifest from disk) gives exactly `plain`, what the plain
    graphs gave; an export without them still works, loading slower."""
    try:
        entry = prepare(folder, graphs)
    except Exception:  # onnxruntime raises its own types; the export is fine without them
        log.warning("preparing the graphs for fast loading failed", exc_info=True)
        remove(folder, {"graphs": {name: prepared_name(name) for name in graphs.values()}})
        return
    if entry is None:
        return
    manifest["prepared"] = entry
    write_manifest(folder, manifest)
    if outputs() != plain:
        log.warning("the prepared graphs gave other outputs than the plain ones; not kept")
        remove(folder, entry)
        del manifest["prepared"]


def remove(folder: Path, entry: dict[str, Any]) -> None:
    for target in entry.get("graphs", {}).values():
        for path in (folder / target, folder / (target + ".data")):
            path.unlink(missing_ok=True)


def graph_to_open(path: Path, prepared: dict[str, Any] | None, cpu_only: bool) -> Path | None:
    """The prepared graph to open instead of `path`, or None (use the plain graph)."""
    if not prepared or not cpu_only:
        return None
    import onnxruntime as ort

    target = prepared.get("graphs", {}).get(path.name)
    if not target:
        return None
    here = cpu_signature()
    if prepared.get("onnxruntime") != ort.__version__ or not here or prepared.get("cpu") != here:
        log.info("prepared graphs were made for ONNX Runtime %s on %s; opening %s instead",
                 prepared.get("onnxruntime"), prepared.get("cpu"), path.name)
        return None
    candidate = path.with_name(target)
    if not candidate.is_file() or not candidate.with_name(target + ".data").is_file():
        return None
    return candidate
