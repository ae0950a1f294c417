"""The batch on a local Ray instance (2 CPUs, 2 actors) gives the same alt text as the local run.

Runs wherever Ray is installed (the dev extra installs it); Ray starts once for both tests.
"""

from __future__ import annotations

import pytest
from image_set import make_image_set

from alttext_app.core.library.batch import run_batch
from alttext_app.core.library.describe import DescribeConfig, Describer
from alttext_app.core.library.result_log import open_log, read_records
from alttext_app.core.library.scan import find_images

ray = pytest.importorskip("ray", reason="Ray is optional (pip install 'alttext[ray]')")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():  # one Ray start for the module: it is most of the time
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_batch_matches_local_run_and_resumes(tmp_path, local_ray):
    from alttext_app.core.library.ray_batch import LOCAL, run_ray_batch

    make_image_set(tmp_path / "pics", 12)
    (tmp_path / "pics" / "album-000" / "broken.jpg").write_bytes(b"no image")
    images = find_images([tmp_path / "pics"], recursive=True).images
    config = DescribeConfig(model="builtin")
    with open_log(tmp_path / "local.jsonl", resume=False) as log:
        run_batch(images, log, Describer(config).record)
    with open_log(tmp_path / "ray.jsonl", resume=False) as log:
        done_before = next(r for r in read_records(tmp_path / "local.jsonl") if not r["error"])
        log.append(done_before)  # as if a first run was stopped
        summary = run_ray_batch(images, log, config, address=LOCAL, workers=2)
    assert (summary.total, summary.already_done, summary.described, summary.failed) == (13, 1, 12, 1)

    def results(name):
        return {r["path"]: (r["alt_text"], r["error"]) for r in read_records(tmp_path / name)}

    local, on_ray = results("local.jsonl"), results("ray.jsonl")
    assert len(on_ray) == 13 and on_ray == local


def test_a_worker_error_is_one_sentence(tmp_path, local_ray):
    from alttext_app.core.errors import AltTextError
    from alttext_app.core.library.ray_batch import LOCAL, run_ray_batch

    make_image_set(tmp_path / "pics", 2)
    images = find_images([tmp_path / "pics"], recursive=True).images
    with open_log(tmp_path / "r.jsonl", resume=False) as log, pytest.raises(AltTextError) as caught:
        run_ray_batch(images, log, DescribeConfig(model="no-such-model"), address=LOCAL, workers=1)
    assert "no-such-model" in caught.value.user_message
