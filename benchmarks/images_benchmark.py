"""Benchmark: the image pipeline (scripts/daklak_portal/images.py) on synthetic photos.

Generates N photo-like JPEGs (2400 × 1600 by default: gradients, shapes and grain, so that the
encoders work as hard as on real photos) with sidecars in a temporary folder, then runs the
pipeline cold (empty cache) and warm (same cache, fresh output folder). Usage:

    .venv/bin/python benchmarks/images_benchmark.py [--images 200] [--pool thread|process|serial] [--workers 2]

On the 2-core build machine (Pillow 13.0, AVIF via libavif 1.4.2), 200 images: cold 208–239 s
with a thread pool of 2 (1,800 derivatives, 224 MB in, 241 MB out), warm 0.7 s. On 16 images,
thread × 2 took 7.0 s, process × 2 9.1 s and serial 12.5 s (smoother test images; AVIF also
encodes with its own threads).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from PIL import Image, ImageDraw, ImageFilter, features  # noqa: E402

from daklak_portal import images  # noqa: E402

SIDECAR = """\
alt:
  vi: Ảnh thử nghiệm số {n}
  en: Test photo number {n}
  km: រូបថតសាកល្បងលេខ {n}
caption:
  vi: Cảnh Đắk Lắk số {n}
creator: Nhiếp ảnh gia {n}
credit: "Ảnh: Nhiếp ảnh gia {n} / Sở VHTTDL Đắk Lắk"
license: CC BY-SA 4.0
license_url: https://creativecommons.org/licenses/by-sa/4.0/
source: https://example.org/photos/{n}
"""


def make_photo(args: tuple[Path, int, tuple[int, int]]) -> int:
    path, n, size = args
    rng = random.Random(n)
    w, h = size
    sky = Image.linear_gradient("L").resize(size)
    base = Image.merge("RGB", [sky.point(lambda v, k=k: int(v * k)) for k in (rng.uniform(0.3, 1), rng.uniform(0.3, 1), rng.uniform(0.5, 1))])
    if n % 2:
        base = base.transpose(Image.Transpose.ROTATE_180)
    draw = ImageDraw.Draw(base)
    for _ in range(40):  # hills, trees, roofs
        x, y = rng.randrange(w), rng.randrange(h // 3, h)
        r = rng.randrange(20, 400)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.6 else draw.rectangle)((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(2))
    # Foliage-like texture at a few scales, then sensor grain: what makes real photos expensive.
    for scale, amount in ((8, 0.25), (3, 0.2)):
        texture = Image.effect_noise((w // scale, h // scale), 80).resize(size, Image.Resampling.BICUBIC)
        base = Image.blend(base, Image.merge("RGB", [texture] * 3), amount)
    grain = Image.effect_noise(size, 40).convert("RGB")
    photo = Image.blend(base, grain, 0.1)
    photo.save(path, "JPEG", quality=90)
    (path.with_suffix(".yml")).write_text(SIDECAR.format(n=n), encoding="utf-8")
    return path.stat().st_size


def _one(job):  # module level, so that a process pool can pickle it
    source, out_dir, cache_dir = job
    metadata, findings = images.read_sidecar(source, root=source.parent)
    assert not findings, findings
    return images.process_image(source, out_dir, cache_dir, metadata)


def run_pipeline(sources: list[Path], out_dir: Path, cache_dir: Path, pool: str, workers: int):
    jobs = [(source, out_dir, cache_dir) for source in sources]
    start = time.perf_counter()
    if pool == "serial":
        results = [_one(job) for job in jobs]
    else:
        executor = ThreadPoolExecutor if pool == "thread" else ProcessPoolExecutor
        with executor(max_workers=workers) as running:
            results = list(running.map(_one, jobs))
    return results, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--width", type=int, default=2400)
    parser.add_argument("--height", type=int, default=1600)
    parser.add_argument("--pool", choices=("thread", "process", "serial"), default="thread")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="images-benchmark-") as temporary:
        root = Path(temporary)
        originals = root / "docs/assets/images"
        originals.mkdir(parents=True)
        sources = [originals / f"photo-{n:04d}.jpg" for n in range(args.images)]
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as making:
            bytes_in = sum(making.map(make_photo, [(p, n, (args.width, args.height)) for n, p in enumerate(sources)]))
        made = time.perf_counter() - start

        cache = root / "cache"
        cold, cold_seconds = run_pipeline(sources, root / "site-cold", cache, args.pool, args.workers)
        warm, warm_seconds = run_pipeline(sources, root / "site-warm", cache, args.pool, args.workers)

        derivatives = sum(len(r.derivatives) for r in cold)
        bytes_out = sum(d.size for r in cold for d in r.derivatives)
        by_format = {}
        for r in cold:
            for d in r.derivatives:
                by_format[d.format] = by_format.get(d.format, 0) + d.size
        print(f"Pillow {images.PIL.__version__}; AVIF {'yes' if features.check('avif') else 'no'}; "
              f"{os.cpu_count()} CPUs; pool: {args.pool}" + ("" if args.pool == "serial" else f" × {args.workers}"))
        print(f"images:               {len(sources)} ({args.width} × {args.height} JPEG, generated in {made:.1f} s)")
        print(f"derivatives written:  {derivatives} (widths {images.DEFAULT_WIDTHS}, formats {', '.join(cold[0].formats)})")
        print(f"cold (empty cache):   {cold_seconds:.1f} s ({cold_seconds / len(sources) * 1000:.0f} ms per image); did_work {sum(r.did_work for r in cold)}")
        print(f"warm (same cache):    {warm_seconds:.2f} s; did_work {sum(r.did_work for r in warm)}")
        print(f"MB in:                {bytes_in / 1e6:.1f}")
        print(f"MB out:               {bytes_out / 1e6:.1f} (" + ", ".join(f"{k} {v / 1e6:.1f}" for k, v in by_format.items()) + ")")
        sizes = {d.format: d.size for d in cold[0].derivatives if d.width == 960}
        print("one photo at 960 px:  " + ", ".join(f"{k} {v / 1000:.0f} kB" for k, v in sizes.items()))
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
