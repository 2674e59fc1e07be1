"""Measure 6: a fresh set-up of the render environment: uv as the Makefile's recipe does it (warm
uv cache), the same with the other --compile-bytecode choice, python3 -m venv + pip (every wheel
on disk), and uv with a cold cache (downloads from PyPI). --quick runs only the Makefile's uv."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tools import KERNEL, ROOT, UV, Table, file_hash, median, run, say

def setup_with_uv(ctx, folder: Path, env: dict, compile_bytecode: bool = False) -> float:
    start = time.perf_counter()
    run([UV, "venv", "--quiet", "--python", "python3", folder], env=env)
    python = folder / "bin" / "python"
    sync = [UV, "pip", "sync", "--quiet", "--python", python, ctx.copy / "requirements/render.txt"]
    run(sync + (["--compile-bytecode"] if compile_bytecode else []), env=env)
    run([UV, "pip", "install", "--quiet", "--python", python, "--no-deps", "-e", ctx.copy], env=env)
    run([python, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL], env=env)
    return time.perf_counter() - start


def setup_with_pip(ctx, folder: Path, env: dict, wheelhouse: Path) -> float:
    """pip from a local wheelhouse: pip's own HTTP cache stays empty on machines whose package
    mirror sends no cache headers (this one), so a warm pip is pip with every wheel on disk."""
    start = time.perf_counter()
    run(["python3", "-m", "venv", folder], env=env)
    pip = [folder / "bin" / "python", "-m", "pip", "--disable-pip-version-check", "--quiet", "install",
           "--no-index", "--find-links", wheelhouse]
    run(pip + ["-r", ctx.copy / "requirements/render.txt"], env=env)
    run(pip + ["--no-deps", "-e", ctx.copy], env=env)
    run([folder / "bin" / "python", "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL], env=env)
    return time.perf_counter() - start


def pip_wheelhouse(ctx, env: dict) -> tuple[Path, float | None]:
    """Every wheel render.txt needs (and setuptools for the editable build), downloaded once."""
    folder = ctx.cache / "pip-wheelhouse"
    stamp = folder / ".bench-ok"
    key = file_hash(ROOT / "requirements/render.txt")
    if stamp.is_file() and stamp.read_text() == key:
        return folder, None
    say("6: downloading the wheels for pip once (first run only; cached)")
    shutil.rmtree(folder, ignore_errors=True)
    seconds, _ = run(["python3", "-m", "pip", "--disable-pip-version-check", "--quiet", "download", "-d", folder,
                      "-r", ROOT / "requirements/render.txt", "setuptools>=69", "wheel"], env=env)
    stamp.write_text(key)
    return folder, seconds


def makefile_compiles_bytecode() -> bool:
    """Does the Makefile's render-env recipe ask uv for .pyc files (uv writes none by default)?"""
    text = (ROOT / "Makefile").read_text()
    recipe = text[text.find("$(VENV)/.render-ok:"):]
    recipe = recipe[:recipe.find("\n\n")]
    return "--compile-bytecode" in recipe


def measure_setup(ctx, table: Table, report: dict) -> None:
    base = {k: v for k, v in ctx.env_base.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    base["PYTHONPYCACHEPREFIX"] = str(ctx.tmp / "setup-pycache")   # a fresh venv starts with no bytecode
    as_makefile = makefile_compiles_bytecode()
    results: dict[str, list[float]] = {}
    downloaded = None
    if "pip" in ctx.setup_kinds:
        wheelhouse, downloaded = pip_wheelhouse(ctx, base)
    for i in range(ctx.reps_setup):
        for kind in ctx.setup_kinds:
            if i and kind in ("pip", "uv-cold"):   # the slow ones once; uv's variants again
                continue
            folder = ctx.tmp / f"venv-{kind}-{i}"
            if kind == "uv":
                seconds = setup_with_uv(ctx, folder, base, compile_bytecode=as_makefile)
            elif kind == "uv-other":
                seconds = setup_with_uv(ctx, folder, base, compile_bytecode=not as_makefile)
            elif kind == "pip":
                seconds = setup_with_pip(ctx, folder, base, wheelhouse)
            elif kind == "uv-cold":
                cold = ctx.tmp / "uv-cold-cache"
                seconds = setup_with_uv(ctx, folder, {**base, "UV_CACHE_DIR": str(cold)}, compile_bytecode=as_makefile)
                shutil.rmtree(cold, ignore_errors=True)
            results.setdefault(kind, []).append(seconds)
            shutil.rmtree(folder, ignore_errors=True)
            say(f"6: {kind}: {seconds:.1f} s")
    uv = median(results["uv"])
    flag = "pip sync --compile-bytecode" if as_makefile else "pip sync"
    table.add("6", f"fresh render env, uv as in the Makefile: venv + {flag} + -e . + kernel (warm uv cache)",
              f"{uv:.1f} s", "(info)", "writes .pyc like pip" if as_makefile else "writes no .pyc (uv default)")
    if "uv-other" in results:
        other = median(results["uv-other"])
        label = "without --compile-bytecode (uv's default: no .pyc)" if as_makefile else "with --compile-bytecode"
        table.add("6", f"  same {label}", f"{other:.1f} s", "(info)", f"{other / uv:.2f}x the Makefile recipe")
    if "pip" in results:
        pp = median(results["pip"])
        no_pyc = median(results["uv-other"]) if (as_makefile and "uv-other" in results) else (None if as_makefile else uv)
        table.add("6", "  python3 -m venv + pip install -r + -e . + kernel (all wheels on disk; pip writes .pyc)",
                  f"{pp:.1f} s", "claim: uv several x faster",
                  f"pip/uv {pp / uv:.1f}x for the same work" + (f"; {pp / no_pyc:.1f}x uv without .pyc" if no_pyc else ""))
    if downloaded is not None:
        table.add("6", "  pip download of those wheels (first run only)", f"{downloaded:.1f} s", "(info)", "network")
    if "uv-cold" in results:
        table.add("6", "  uv, Makefile recipe, cold cache (empty UV_CACHE_DIR, downloads from PyPI)",
                  f"{results['uv-cold'][0]:.1f} s", "(info)", f"{results['uv-cold'][0] / uv:.1f}x warm uv")
    report["6"] = {**results, "pip_download_first_run": downloaded, "makefile_compiles_bytecode": as_makefile}
