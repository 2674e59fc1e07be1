"""A published output/ made by hand for the site tests (a helper module, not a test file):
two figures, two languages, desktop/mobile/social layouts, and hostile text in every
label the site shows. Edition names are deliberately meaningless: the site must group
editions by their metadata, never by their names."""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "</script><script>window.__pwned=1</script>"
MARKUP = '<img src=x onerror="window.__pwned=2">'
HOSTILE = f"Hostile {SCRIPT} and {MARKUP}"

SIZES = {"desktop": (720, 420), "mobile": (360, 520), "social": (1200, 675)}
COLOURS = {"desktop": "#12544e", "mobile": "#b8322a", "social": "#6b6b6b"}


def svg(layout: str, label: str) -> str:
    width, height = SIZES[layout]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="{COLOURS[layout]}"/>'
            f'<text x="20" y="60" font-size="40" fill="#fff">{label}</text></svg>')


def edition(output: Path, name: str, figure: str, layout: str, language: str, *, title: str, alt: str,
            data_to: str | None, extra: dict | None = None, csv_text: str | None = None) -> None:
    import vl_convert as vlc

    folder = output / name
    folder.mkdir(parents=True)
    scale = 1 if layout == "social" else 2
    drawing = svg(layout, f"{figure} {layout} {language}")
    (folder / f"{figure}.svg").write_text(drawing, encoding="utf-8")
    (folder / f"{figure}.png").write_bytes(vlc.svg_to_png(drawing, scale=scale))
    (folder / f"{figure}.pdf").write_bytes(vlc.svg_to_pdf(drawing))
    (folder / f"{figure}.vl.json").write_text("{}\n", encoding="utf-8")
    (folder / f"{figure}.html").write_text("<!DOCTYPE html><title>chart</title>", encoding="utf-8")
    (folder / f"{figure}.txt").write_text(alt + "\n", encoding="utf-8")
    (folder / f"{figure}.csv").write_text(csv_text or "id,date,value,source_publisher,source_url\n"
                                          f"A1,2026-03-19,5,{HOSTILE},https://example.org/a\n"
                                          "A2,2026-03-20,6,Bad link,javascript:alert(1)\n", encoding="utf-8")
    (folder / "notebook.ipynb").write_text("{}", encoding="utf-8")
    width, height = SIZES[layout]
    meta = {"figure": figure, "layout": layout, "language": language, "html_lang": language,
            "language_status": "reviewed" if language == "en" else "draft", "title": title,
            "subtitle": f"Subtitle {MARKUP}", "alt_text": alt, "data_to": data_to, "period": None,
            "key_numbers": {"people freed": 5}, "width": width, "height": height, "png_scale": scale,
            **(extra or {})}
    meta["files"] = sorted(p.name for p in folder.iterdir() if p.name != "notebook.ipynb") + [f"{figure}.json"]
    (folder / f"{figure}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


LEDGER = ("claim_id,claim,published_in,claimed,publish,verdict,data_value,explanation\n"
          f'K01,"{HOSTILE.replace(chr(34), chr(34) * 2)}",our copy,exactly 5,True,supported,5,ok\n'
          "K02,Another claim,press,more than 3,False,contradicted,2,no\n")


def make_output(output: Path, *, old_data: str = "2026-03-19", new_data: str = "2026-05-01") -> Path:
    """output/ with a manifest and eight editions (two figures, layouts, languages, a claims ledger)."""
    output.mkdir(parents=True, exist_ok=True)
    names = []
    for i, (layout, language) in enumerate([("desktop", "en"), ("mobile", "en"), ("social", "en"),
                                            ("desktop", "be"), ("mobile", "be")]):
        name = f"e{i}"
        edition(output, name, "freed", layout, language, title=f"Freed: {HOSTILE}" if language == "en"
                else "Вызвалена: 5 чалавек", alt=f"Alt text for {layout} {language}: {HOSTILE}",
                data_to=old_data,
                extra={"sources": [{"publisher": f"Publisher {MARKUP}", "url": "https://example.org/source"},
                                   {"publisher": "Evil", "url": "javascript:alert(1)"}],
                       "method_note": f"Method {SCRIPT}"})
        names.append(name)
    edition(output, "x-desktop", "held", "desktop", "en", title="Held", alt="Alt held desktop", data_to=new_data)
    edition(output, "x-mobile", "held", "mobile", "en", title="Held", alt="Alt held mobile", data_to=new_data)
    edition(output, "ledger", "claims-check", "desktop", "en", title="Claims", alt="Claims alt", data_to=new_data,
            csv_text=LEDGER)
    names += ["x-desktop", "x-mobile", "ledger"]
    (output / "manifest.json").write_text(json.dumps({"editions": {n: {"status": "ok"} for n in names}}))
    return output
