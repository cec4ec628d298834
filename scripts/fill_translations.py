"""Fill English msgstr entries of the apps' .po files from a glossary, then compile.

Usage: .venv/bin/python scripts/fill_translations.py scripts/glossary_en.tsv yifa/org yifa/audit ...
A glossary line is "中文<TAB>English", or "context|中文<TAB>English" for a msgid with a context.
Entries already translated are kept.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib


def main() -> int:
    glossary_path, *apps = sys.argv[1:]
    glossary = {}
    for line in Path(glossary_path).read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            zh, en = line.split("\t", 1)
            glossary[zh] = en
    missing = 0
    for app in apps:
        po_path = Path(app) / "locale/en/LC_MESSAGES/django.po"
        po = polib.pofile(str(po_path))
        for entry in po:
            # A msgid with a context is looked up as "context|msgid" (e.g. "short weekday|日").
            key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            if "fuzzy" in entry.flags:
                # A fuzzy match is msgmerge's guess from a similar msgid: never ship it as a translation.
                entry.flags.remove("fuzzy")
                entry.msgstr = ""
            if entry.msgid_plural:
                # Plural forms live in msgstr_plural (one glossary line can't hold them): fill those in the .po.
                if all(entry.msgstr_plural.values()):
                    continue
            elif not entry.msgstr and key in glossary:
                entry.msgstr = glossary[key]
            if not (entry.msgstr or entry.msgid_plural and all(entry.msgstr_plural.values())):
                missing += 1
                print(f"untranslated in {app}: {entry.msgid}")
        po.save()
        subprocess.run(["msgfmt", "-o", str(po_path.with_suffix(".mo")), str(po_path)], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
