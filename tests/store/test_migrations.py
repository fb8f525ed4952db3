"""Alembic migrations: they build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect

from incidentwatch.cli import app
from incidentwatch.store import db
from incidentwatch.store.models import Base


def test_migrations_match_models(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], diff
    assert db.current_revision(engine) is not None
    engine.dispose()


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.upgrade(engine)
    from alembic import command

    cfg = db.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    db.upgrade(engine)
    assert "incidents" in inspect(engine).get_table_names()
    engine.dispose()


def test_db_upgrade_command_and_plain_path(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "plain.db"
    res = CliRunner().invoke(app, ["db", "upgrade", "--db", str(path)])
    assert res.exit_code == 0, res.output
    assert path.exists() and "schema at" in res.output
