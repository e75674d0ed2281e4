"""`cvparse feedback propose|apply|rollback`: a proposal is a file a person reads; applying it
checks fairness again (a file can be edited) and is audited; rollback returns to the version
before; what is not a proposal is refused with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.cli.exits import EXIT_BAD_INPUT, EXIT_CHECK_FAILED
from cvparse.quality import fairness
from cvparse.quality.fairness import Pair
from cvparse.service.registry import get_pipeline
from cvparse.service.settings import get_settings
from cvparse.service.store import close_stores, open_stores

MENAGE = "{civ} {first} MARTIN\n{title}\n\nEXPÉRIENCE\n2019 - 2024 : {title}, Société Net, Lyon\n"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CVPARSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    twins = Pair("menage", "gender",
                 MENAGE.format(civ="M.", first="Julien", title="Homme de ménage"),
                 MENAGE.format(civ="Mme", first="Julie", title="Femme de ménage"))
    monkeypatch.setattr(fairness, "pairs", lambda: [twins])  # one pair: a quick check
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, list(args))

    yield run
    close_stores()
    get_settings.cache_clear()


def _with(proposal: Path, suppressions: list[dict[str, str]], out: Path) -> Path:
    data = json.loads(proposal.read_text(encoding="utf-8"))
    data["layer"]["suppressions"] = suppressions
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_propose_apply_rollback(cli, tmp_path: Path) -> None:
    proposal = tmp_path / "proposal.json"
    done = cli("feedback", "propose", "--min-advisors", "2", "--out", str(proposal),
               "--dry-run-last", "5")
    assert done.exit_code == 0, done.output
    assert "0 documents re-parsed" in done.output
    data = json.loads(proposal.read_text(encoding="utf-8"))
    assert data["referential"] == get_pipeline().referential.ref
    assert data["new"] == {"suppressions": [], "additions": [], "calibration": []}
    assert data["thresholds"]["min_advisors"] == 2

    women_only = _with(proposal, [{"kind": "appellation", "phrase": "femme menage",
                                   "code": "14774"}], tmp_path / "unfair.json")
    refused = cli("feedback", "apply", str(women_only), "--by", "ops-anne")
    assert refused.exit_code == EXIT_CHECK_FAILED
    assert "refused" in refused.output and "K1304" in refused.output
    checksum = get_pipeline().referential.checksum
    assert open_stores().learned.active(checksum) is None

    both = _with(proposal, [{"kind": "appellation", "phrase": p, "code": "14774"}
                            for p in ("femme menage", "homme menage")], tmp_path / "fair.json")
    applied = cli("feedback", "apply", str(both), "--by", "ops-anne")
    assert applied.exit_code == 0, applied.output
    assert "learned layer v1" in applied.output and "cvparse reprocess" in applied.output
    stores = open_stores()
    assert len(stores.learned.active(checksum).suppressions) == 2
    entry = stores.audit.entries()[-1]
    assert (entry.action, entry.actor_role, entry.after["by"]) == (
        "learned.apply", "ops", "ops-anne")

    rolled = cli("feedback", "rollback", "--by", "ops-anne")
    assert rolled.exit_code == 0, rolled.output
    assert "no layer is active" in rolled.output
    assert stores.learned.active(checksum) is None
    assert stores.audit.entries()[-1].action == "learned.rollback"
    again = cli("feedback", "rollback")
    assert again.exit_code == EXIT_BAD_INPUT


def test_what_is_not_a_proposal_is_refused(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something"}', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        done = cli("feedback", "apply", str(path))
        assert done.exit_code == EXIT_BAD_INPUT and "error" in done.output
