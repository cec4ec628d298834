"""Build yifa/locale/zh_Hans/LC_MESSAGES/django.po (and .mo): Chinese for Wagtail's own back-office strings that
Wagtail's zh_Hans catalogue leaves in English. Each msgid is taken from Wagtail's catalogue with its context and
plural form; the Chinese comes from scripts/glossary_wagtail_zh_hans.tsv ("English<TAB>中文", one a line).

    .venv/bin/python scripts/wagtail_zh_hans.py   # after adding lines to the glossary

yifa/demo/tests/test_back_office_by_role.py finds the strings still in English (yifa.testing.untranslated.py).
"""

from __future__ import annotations

from pathlib import Path

import polib
import wagtail

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "scripts" / "glossary_wagtail_zh_hans.tsv"
TARGET = ROOT / "yifa" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def main() -> None:
    wanted = dict(line.split("\t", 1) for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line)
    entries: dict[tuple[str, str], tuple[polib.POEntry, str]] = {}
    for po in sorted(Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po)):
            for key in (entry.msgid, entry.msgid_plural):
                if key in wanted and (entry.msgctxt or "", entry.msgid) not in entries:
                    entries[entry.msgctxt or "", entry.msgid] = (entry, wanted[key])
    found = {key for entry, _zh in entries.values() for key in (entry.msgid, entry.msgid_plural)}
    if missing := set(wanted) - found:
        raise SystemExit(f"not in Wagtail's catalogues: {sorted(missing)}")
    out = polib.POFile()
    out.header = ("Chinese for Wagtail's own back-office strings that Wagtail's zh_Hans catalogue leaves in English.\n"
                  "Built by scripts/wagtail_zh_hans.py from scripts/glossary_wagtail_zh_hans.tsv: edit those, not this.")
    out.metadata = {"Project-Id-Version": "yifa", "MIME-Version": "1.0", "Language": "zh_Hans",
                    "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                    "Plural-Forms": "nplurals=1; plural=0;"}
    for (_context, _msgid), (entry, chinese) in sorted(entries.items(), key=lambda item: item[0][1]):
        common = {"msgid": entry.msgid, "msgctxt": entry.msgctxt, "flags": [f for f in entry.flags if f.endswith("-format")]}
        if entry.msgid_plural:
            out.append(polib.POEntry(msgid_plural=entry.msgid_plural, msgstr_plural={0: chinese}, **common))
        else:
            out.append(polib.POEntry(msgstr=chinese, **common))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(TARGET))
    out.save_as_mofile(str(TARGET.with_suffix(".mo")))
    print(f"{len(out)} messages → {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
