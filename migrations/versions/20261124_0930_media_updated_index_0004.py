"""index media.metadata_updated_at

Every process's search index catches up with titles other processes inserted or refreshed
by asking for the ones updated since its last look; the nightly refresh orders by the same
column.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        op.f("ix_media_metadata_updated_at"), "media", ["metadata_updated_at"], unique=False
    )


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index(op.f("ix_media_metadata_updated_at"), table_name="media")
