"""`cvparse users …` and `cvparse tokens …`: the accounts an operator manages without the web
page — a person gets a one-time link (never a password on a command line), a deactivation or
a revocation takes effect at once, and every change is audited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cvparse.cli import app
from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.service.settings import get_settings
from cvparse.service.store import close_stores, open_stores


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CVPARSE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CVPARSE_PUBLIC_URL", "https://cv.agence.test")
    monkeypatch.delenv("CVPARSE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None):
        return runner.invoke(app, list(args), input=stdin)

    yield run
    close_stores()
    get_settings.cache_clear()


def test_a_person_gets_a_one_time_link_to_choose_their_password(cli) -> None:
    created = cli("users", "create", "--role", "advisor", "--name", "Léa Martin",
                  "--login", "lea.martin@agence.test")
    assert created.exit_code == 0, created.output
    first, second = created.stdout.splitlines()
    user_id, role = first.split()  # no token unless asked for
    assert role == "advisor"
    assert second.startswith("password link (valid 24 h, once): https://cv.agence.test/reset/")
    token = second.rsplit("/reset/", 1)[1]
    stores = open_stores()
    assert stores.sessions.reset_user(token).id == user_id
    listed = cli("users", "list", "--role", "advisor")
    assert f"{user_id}\tadvisor\tactive\tlogin\tlea.martin@agence.test\tLéa Martin" in listed.stdout
    assert "user.create" in [e.action for e in stores.audit.entries(user_id)]


def test_a_password_from_stdin_must_meet_the_policy(cli) -> None:
    weak = cli("users", "create", "--role", "admin", "--name", "Admin", "--login", "admin",
               "--password-stdin", stdin="azerty123\n")
    assert weak.exit_code == EXIT_BAD_INPUT and "at least 12 characters" in weak.stderr
    good = cli("users", "create", "--role", "admin", "--name", "Admin", "--login", "admin",
               "--password-stdin", stdin="une longue phrase de passe\n")
    assert good.exit_code == 0 and "password link" not in good.stdout
    assert "une longue phrase" not in good.output
    assert open_stores().accounts.check_password("admin", "une longue phrase de passe")


def test_deactivation_and_revocation_take_effect_at_once(cli) -> None:
    created = cli("users", "create", "--role", "ops", "--name", "Batch", "--token")
    user_id, _role, secret = created.stdout.split()
    stores = open_stores()
    assert stores.tokens.authenticate(secret) is not None
    issued = cli("tokens", "issue", user_id, "--label", "nightly run")
    token_id, second = issued.stdout.split()
    rotated = cli("tokens", "rotate", token_id)
    new_id, third = rotated.stdout.split()
    assert stores.tokens.authenticate(second) is None
    assert stores.tokens.authenticate(third) is not None
    listing = cli("tokens", "list", user_id).stdout
    assert "nightly run" in listing and third.split("_")[2] not in listing
    assert cli("tokens", "revoke", new_id).exit_code == 0
    assert stores.tokens.authenticate(third) is None
    again = cli("tokens", "revoke", new_id)
    assert again.exit_code == EXIT_BAD_INPUT and "no live token" in again.stderr
    session, _ = stores.sessions.start(user_id, "password", timedelta(hours=1))
    ended = cli("users", "deactivate", user_id)
    assert ended.stdout.strip() == (f"{user_id} deactivated: 1 session(s) ended, 1 token(s) "
                                    "revoked, 0 break-glass grant(s) closed")
    assert stores.tokens.authenticate(secret) is None
    assert stores.sessions.get(session, timedelta(hours=1)) is None
    actions = [e.action for e in stores.audit.entries(user_id)]
    assert {"token.issue", "token.rotate", "token.revoke", "user.deactivate"} <= set(actions)


def test_assignments_come_and_go(cli) -> None:
    advisor = cli("users", "create", "--role", "advisor", "--name", "A").stdout.split()[0]
    seeker = cli("users", "create", "--role", "job_seeker", "--name", "S").stdout.split()[0]
    assert cli("users", "assign", advisor, seeker).exit_code == 0
    assert open_stores().accounts.is_assigned(advisor, seeker)
    assert cli("users", "unassign", advisor, seeker).exit_code == 0
    assert not open_stores().accounts.is_assigned(advisor, seeker)
    twice = cli("users", "unassign", advisor, seeker)
    assert twice.exit_code == EXIT_BAD_INPUT and "does not follow" in twice.stderr
    wrong = cli("users", "assign", seeker, advisor)
    assert wrong.exit_code == EXIT_BAD_INPUT and "is not an advisor" in wrong.stderr
