"""The genre vocabulary (TMDb's movie genres), marked for translation."""

from __future__ import annotations

from core.i18n import N_

GENRES: tuple[str, ...] = (
    N_("Action"),
    N_("Adventure"),
    N_("Animation"),
    N_("Comedy"),
    N_("Crime"),
    N_("Documentary"),
    N_("Drama"),
    N_("Family"),
    N_("Fantasy"),
    N_("History"),
    N_("Horror"),
    N_("Music"),
    N_("Mystery"),
    N_("Romance"),
    N_("Science Fiction"),
    N_("Thriller"),
    N_("War"),
    N_("Western"),
)
