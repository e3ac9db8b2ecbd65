"""Versioned model artifacts: a folder per training; ``current.json`` names the promoted one."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MODEL_FILE = "model.npz"
RATING_FILE = "rating.npz"  # the rating predictor ("you would rate this ~8/10"), optional
META_FILE = "meta.json"
CURRENT = "current.json"


@dataclass(frozen=True, slots=True)
class ArtifactMeta:
    """What a trained model is: its version, metrics, data counts, parameters and ids."""

    version: str
    created_at: str
    metrics: dict[str, float]
    counts: dict[str, int]
    params: dict[str, Any]
    users: list[str]
    items: list[str]
    titles: list[str]
    certifications: dict[str, str]


def write(
    directory: Path, meta: ArtifactMeta, save_model: Any, save_rating: Any | None = None
) -> Path:
    """Write the model (``save_model(path)``), the optional rating predictor
    (``save_rating(path)``) and the metadata into ``directory/version``."""
    folder = directory / meta.version
    folder.mkdir(parents=True, exist_ok=False)
    save_model(folder / MODEL_FILE)
    if save_rating is not None:
        save_rating(folder / RATING_FILE)
    (folder / META_FILE).write_text(json.dumps(asdict(meta)), encoding="utf-8")
    return folder


def read_meta(folder: Path) -> ArtifactMeta:
    """The metadata of one artifact folder."""
    return ArtifactMeta(**json.loads((folder / META_FILE).read_text(encoding="utf-8")))


def current_version(directory: Path) -> str | None:
    """The promoted version, if any."""
    try:
        return str(json.loads((directory / CURRENT).read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def promote(directory: Path, version: str) -> None:
    """Make ``version`` current atomically (serving processes pick it up on their next request)."""
    temporary = directory / f".{CURRENT}.{os.getpid()}"
    temporary.write_text(json.dumps({"version": version}), encoding="utf-8")
    temporary.replace(directory / CURRENT)


def should_promote(directory: Path, candidate: ArtifactMeta, metric: str = "ndcg@10") -> bool:
    """Promote when there is no current model or the candidate is not worse on ``metric``."""
    version = current_version(directory)
    if version is None or not (directory / version / META_FILE).exists():
        return True
    current = read_meta(directory / version)
    return candidate.metrics.get(metric, 0.0) >= current.metrics.get(metric, 0.0) - 1e-9
