#!/usr/bin/env python3
"""Generates public/data/units.json, the official list of provinces and communes (since
1/7/2025: 34 provinces, 3,321 xã/phường/đặc khu), from the PyPI package
`vietnam-provinces` (names and codes are public facts published by the statistics office).

The app loads this file only when the user picks a unit (it is not inside the wasm).
Run: python3 scripts/gen-units.py  (downloads the pinned wheel with pip; commits the output)
"""
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

PACKAGE = "vietnam-provinces==2025.10.1"
OUT = Path(__file__).resolve().parent.parent / "public" / "data" / "units.json"
KINDS = {"xã": "x", "phường": "p", "đặc khu": "d"}


def nfc(s: str) -> str:
    # NFC with runs of spaces collapsed: the app takes the names as they are here (the
    # package has "Xã  Xuân Giang"), as domain::text::clean would make them.
    return " ".join(unicodedata.normalize("NFC", s).split())


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
            check=True,
        )
        wheel = next(Path(tmp).glob("vietnam_provinces-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            nested = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
    provinces = []
    for p in sorted(nested, key=lambda p: p["code"]):
        communes = []
        for w in sorted(p["wards"], key=lambda w: w["code"]):
            kind = KINDS[w["division_type"]]
            communes.append([f'{w["code"]:05d}', nfc(w["name"]), kind])
        provinces.append({"c": f'{p["code"]:02d}', "n": nfc(p["name"]), "w": communes})
    doc = {
        "format": "ntm-units/1",
        "source": f"PyPI {PACKAGE} (nested-divisions.json)",
        "provinces": provinces,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    total = sum(len(p["w"]) for p in provinces)
    print(f"wrote {OUT} ({len(provinces)} provinces, {total} communes, {OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
