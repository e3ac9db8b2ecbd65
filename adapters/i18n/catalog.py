"""Extract the msgids marked in the core and the adapters; keep the shipped catalogs in step.

``python -m adapters.i18n.catalog`` rewrites ``locales/watchbot.pot`` and updates every
``watchbot.po`` (new messages are added untranslated; English needs no translation).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from adapters.i18n.babel_translator import DOMAIN, LOCALES_DIR

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"N_": None, "n_": (1, 2)}
POT = LOCALES_DIR / f"{DOMAIN}.pot"


#: Where user-facing messages are marked: the core, and the adapters' own few (the Discord
#: option descriptions, Telegram's apology, inline-mode buttons...).
SOURCES = ("core", "adapters")


def extract() -> Catalog:
    """Every message marked with ``N_`` (and ``ctx.n_``) under ``SOURCES``."""
    catalog = Catalog(project="Watchbot", domain=DOMAIN, fuzzy=False)
    for source in SOURCES:
        found = extract_from_dir(
            str(ROOT / source), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
        for filename, lineno, message, comments, context in found:
            catalog.add(
                message,
                locations=[(f"{source}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def msgids(catalog: Catalog) -> set[str]:
    """The message ids of a catalog (singular forms)."""
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def update() -> None:
    """Rewrite the template and merge it into every locale's catalog."""
    template = extract()
    with POT.open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True, no_location=True)
    for po in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        with po.open("wb") as handle:
            write_po(handle, catalog, sort_output=True, no_location=True, ignore_obsolete=True)


if __name__ == "__main__":
    update()
