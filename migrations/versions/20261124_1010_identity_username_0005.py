"""identities.username

The platform handle (lower case, without @) so people can follow each other with
``/follow @ana``; kept fresh on every contact, like the language code.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("identities") as batch:
        batch.add_column(sa.Column("username", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_identities_username"), ["username"], unique=False)


def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table("identities") as batch:
        batch.drop_index(batch.f("ix_identities_username"))
        batch.drop_column("username")
