"""Rate limits on credential checks (issue #18, point 6): a burst of wrong tokens or passwords
locks the address and the account it came from and on, not the others; a locked attempt is
refused before anything is hashed; the lock ends with its window (a fake clock: no sleeping).
Speed itself is measured by `benchmarks/auth_burst.py`, not asserted here."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from cvparse.server import create_app
from cvparse.service import ratelimit
from cvparse.service.ratelimit import Key, Limiter, MemoryCounts, RedisCounts, address_key
from cvparse.service.settings import Settings
from cvparse.service.store import Stores, tokens
from cvparse.service.store.models import ApiTokenRow
from cvparse.service.store.passwords import HASHER

PASSWORD = "une phrase assez longue pour passer"
WINDOW = 300.0
ACCOUNT, ADDRESS = 3, 5  # small budgets, so that a burst is a handful of requests


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Site:
    app: FastAPI
    stores: Stores
    clock: Clock
    token: str  # the API token of "alice" (SHA-256)

    def client(self, address: str) -> TestClient:
        return TestClient(self.app, client=(address, 50000))


@pytest.fixture
def site(stores: Stores, tmp_path: Path) -> Site:
    app = create_app(Settings(data_dir=tmp_path), stores)
    clock = Clock()
    app.state.services.limiter = Limiter(MemoryCounts(clock=clock), window=WINDOW,
                                         account_failures=ACCOUNT, address_failures=ADDRESS)
    _, token = stores.accounts.create("advisor", "Alice", login="alice", password=PASSWORD)
    stores.accounts.create("advisor", "Bob", login="bob", password=PASSWORD, token=False)
    assert token
    return Site(app, stores, clock, token)


@pytest.fixture
def argon2_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every argon2 verification (passwords and old tokens), counted."""
    calls: list[str] = []

    def verify(self: PasswordHasher, hashed: str, secret: str) -> bool:
        calls.append("verify")
        return original(self, hashed, secret)

    original = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify", verify)  # instances have slots
    return calls


def _me(client: TestClient, token: str):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def _sign_in(client: TestClient, login: str, password: str):
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text)
    assert csrf
    return client.post("/login", data={"login": login, "password": password,
                                        "csrf": csrf.group(1), "next": "/"},
                       follow_redirects=False)


def _refused(response) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["Retry-After"]) <= WINDOW


def test_a_burst_of_bad_tokens_is_refused_while_a_good_user_stays_served(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    lookups: list[str] = []
    original = tokens.TokenStore.authenticate
    monkeypatch.setattr(tokens.TokenStore, "authenticate",
                        lambda self, *a, **k: lookups.append("x") or original(self, *a, **k))
    attacker, user = site.client("203.0.113.7"), site.client("198.51.100.2")
    for n in range(ADDRESS):
        assert _me(attacker, f"cvp_{n:012x}_{'x' * 43}").status_code == 401
        assert _me(user, site.token).status_code == 200  # served between the wrong ones
    refused = _me(attacker, "cvp_000000000000_" + "y" * 43)
    _refused(refused)
    error = refused.json()["error"]
    assert error["code"] == "rate_limited" and error["retry_after"] >= 1
    assert error["message"]["fr"].startswith("Trop de tentatives")
    checked = len(lookups)
    for _ in range(20):  # the rest of the burst: refused unchecked, no lookup, no hash
        _refused(_me(attacker, "cvp_000000000000_" + "z" * 43))
    _refused(_me(attacker, "not-even-a-token"))
    assert len(lookups) == checked
    assert _me(user, site.token).status_code == 200  # another address: served
    _refused(_me(attacker, site.token))  # the address is locked, whoever's token it sends
    site.clock.now += WINDOW
    assert _me(attacker, site.token).status_code == 200  # the window has ended


def test_a_burst_on_an_old_argon2_token_locks_its_argon2_check_from_every_address(
        site: Site, argon2_calls: list[str]) -> None:
    """A token from before migration 0005 costs an argon2 verification; wrong secrets on
    its prefix, even spread over many addresses, stop reaching argon2 after the account
    budget. Its first right use rehashes it with SHA-256."""
    user, _ = site.stores.accounts.create("job_seeker", "Carole", token=False)
    secret = "s" * 43
    with site.stores.engine.begin() as connection:
        connection.execute(ApiTokenRow.__table__.insert().values(
            id=uuid.uuid4().hex, user_id=user.id, prefix="0123456789ab", label="old",
            secret_hash=HASHER.hash(secret), created_at=tokens.utcnow()))
    for n in range(ACCOUNT):
        assert _me(site.client(f"192.0.2.{n}"), f"cvp_0123456789ab_{'w' * 42}{n}"
                   ).status_code == 401
    assert len(argon2_calls) == ACCOUNT
    _refused(_me(site.client("192.0.2.100"), "cvp_0123456789ab_" + "v" * 43))
    _refused(_me(site.client("192.0.2.101"), f"cvp_0123456789ab_{secret}"))  # locked alike
    assert len(argon2_calls) == ACCOUNT
    assert _me(site.client("192.0.2.102"), site.token).status_code == 200  # other tokens: fine

    site.clock.now += WINDOW
    assert _me(site.client("192.0.2.103"), f"cvp_0123456789ab_{secret}").status_code == 200
    with site.stores.engine.connect() as connection:
        stored = connection.execute(select(ApiTokenRow.secret_hash).where(
            ApiTokenRow.prefix == "0123456789ab")).scalar_one()
    assert stored.startswith("sha256$")  # rehashed: its checks are cheap from now on
    calls = len(argon2_calls)
    for n in range(ACCOUNT + 2):  # and a SHA-256 token is never locked by its prefix
        assert _me(site.client(f"192.0.2.{110 + n}"), f"cvp_0123456789ab_{'u' * 43}"
                   ).status_code == 401
    assert _me(site.client("192.0.2.120"), f"cvp_0123456789ab_{secret}").status_code == 200
    assert len(argon2_calls) == calls


def test_a_burst_of_bad_passwords_locks_that_login_from_every_address_not_another_login(
        site: Site, argon2_calls: list[str]) -> None:
    for n in range(ACCOUNT):  # one guess from each of three addresses
        assert _sign_in(site.client(f"198.51.100.{n}"), "alice", "pas le bon").status_code == 401
    hashed = len(argon2_calls)
    fresh = site.client("198.51.100.50")
    refused = _sign_in(fresh, " Alice ", PASSWORD)  # the same login, written otherwise
    _refused(refused)
    assert "Trop de tentatives" in refused.text and "réessayez dans 5 min" in refused.text
    assert len(argon2_calls) == hashed  # refused before any hash
    assert _sign_in(fresh, "bob", PASSWORD).status_code == 303  # another login: signed in

    site.clock.now += WINDOW - 1
    _refused(_sign_in(fresh, "alice", PASSWORD))
    site.clock.now += 1
    assert _sign_in(fresh, "alice", PASSWORD).status_code == 303  # the lock has ended


def test_a_success_forgets_the_accounts_count_not_the_addresss(site: Site) -> None:
    client = site.client("203.0.113.9")
    for _ in range(ACCOUNT - 1):
        assert _sign_in(client, "alice", "pas le bon").status_code == 401
    assert _sign_in(client, "alice", PASSWORD).status_code == 303
    for _ in range(ACCOUNT - 1):  # alice's count started afresh: not locked yet
        assert _sign_in(client, "alice", "pas le bon").status_code == 401
    # the address has 4 failures: one more and it is locked, for every login
    assert _sign_in(client, "nobody", "pas le bon").status_code == 401
    _refused(_sign_in(client, "bob", PASSWORD))
    assert _sign_in(site.client("203.0.113.10"), "bob", PASSWORD).status_code == 303


def test_the_english_page_says_it_in_english(site: Site) -> None:
    client = site.client("203.0.113.11")
    for _ in range(ACCOUNT):
        _sign_in(client, "bob", "wrong")
    form = client.get("/login?lang=en")
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text)
    assert csrf
    refused = client.post("/login?lang=en", data={"login": "bob", "password": PASSWORD,
                                                  "csrf": csrf.group(1)})
    _refused(refused)
    assert "Too many attempts" in refused.text


def test_guessed_reset_links_lock_the_address(site: Site) -> None:
    guesser = site.client("203.0.113.20")
    for n in range(ADDRESS):
        assert guesser.get(f"/reset/guess{n}").status_code == 410
    locked = guesser.get("/reset/guess-again")
    _refused(locked)
    assert locked.headers["Referrer-Policy"] == "strict-origin"  # the link is in the address
    _refused(guesser.post("/reset/guess-again", data={"password": "x" * 20,
                                                       "confirm": "x" * 20}))
    assert site.client("203.0.113.21").get("/reset/another").status_code == 410  # not locked

    poster = site.client("203.0.113.22")  # failures through the form count too
    for n in range(ADDRESS):
        assert poster.post(f"/reset/guess{n}", data={"password": PASSWORD, "confirm": PASSWORD}
                           ).status_code == 410
    _refused(poster.post("/reset/guess", data={"password": PASSWORD, "confirm": PASSWORD}))


def test_wrong_current_passwords_lock_the_password_change(site: Site) -> None:
    client = site.client("203.0.113.30")
    assert _sign_in(client, "alice", PASSWORD).status_code == 303
    page = client.get("/account")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page.text)
    assert csrf
    new = "une toute autre phrase secrète"
    form = {"current": "pas le bon", "password": new, "confirm": new, "csrf": csrf.group(1)}
    for _ in range(ACCOUNT):
        assert client.post("/account", data=form).status_code == 422
    _refused(client.post("/account", data={**form, "current": PASSWORD}))


def test_refused_attempts_are_logged_by_kind_only(site: Site, caplog: pytest.LogCaptureFixture
                                                   ) -> None:
    caplog.set_level(logging.WARNING, "cvparse.ratelimit")
    client = site.client("203.0.113.40")
    for _ in range(ACCOUNT + 2):
        _sign_in(client, "alice", "pas le bon")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["rate limit reached for a login key: attempts refused until its window "
                     "ends"]
    assert "alice" not in caplog.text and "203.0.113" not in caplog.text


def test_ipv6_clients_count_by_their_64_and_mapped_ipv4_as_ipv4() -> None:
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1")
    assert address_key(None) == address_key("")
    assert "192.0.2.1" not in address_key("192.0.2.1").name  # hashed, never kept in clear


def test_in_process_counts_stay_bounded_and_drop_ended_windows() -> None:
    clock = Clock()
    counts = MemoryCounts(max_keys=100, clock=clock)
    for n in range(1000):
        counts.add(f"ip:{n}", 60)
    assert len(counts) == 100
    assert counts.read(["ip:999", "ip:0"]) == [(1, 60), (0, 0)]  # the oldest went first
    clock.now += 61
    counts.add("ip:new", 60)
    assert len(counts) == 1


def _redis_limiter(url: str, prefix: str) -> Limiter:
    return Limiter(RedisCounts(url, prefix=prefix), window=WINDOW, account_failures=ACCOUNT,
                   address_failures=ADDRESS)


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    import redis

    prefix = f"cvparse-test:{uuid.uuid4().hex[:8]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)


def test_server_processes_share_their_counts_through_redis(redis_url: str,
                                                           redis_prefix: str) -> None:
    """Two limiters (two server processes) on one Redis: failures seen by either count for
    both, the window is Redis' expiry, a success forgets the account's count there."""
    import redis

    one, two = _redis_limiter(redis_url, redis_prefix), _redis_limiter(redis_url, redis_prefix)
    keys = [address_key("192.0.2.1"), Key("login", "alice")]
    one.failure(keys)
    two.failure(keys)
    one.failure(keys)
    with pytest.raises(ratelimit.RateLimited) as refused:
        two.check([Key("login", "alice")])
    assert 1 <= refused.value.retry_after <= WINDOW
    two.check([address_key("192.0.2.1")])  # 3 of 5: not yet
    ttl = redis.Redis.from_url(redis_url).pttl(redis_prefix + Key("login", "alice").name)
    assert 0 < ttl <= WINDOW * 1000
    one.success(keys)
    two.check([Key("login", "alice")])
    assert two.counts.read([keys[0].name])[0][0] == 3  # the address's count stays


def test_limits_hold_in_process_when_redis_does_not_answer() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    limiter = _redis_limiter(f"redis://127.0.0.1:{port}/0", "cvparse-test:")
    key = Key("login", "alice")
    for _ in range(ACCOUNT):
        limiter.failure([key])
    with pytest.raises(ratelimit.RateLimited):
        limiter.check([key])
    assert isinstance(limiter.counts, RedisCounts)
    assert not limiter.counts._up()  # Redis left alone for a while: no timeout per request


def test_the_settings_choose_the_store(tmp_path: Path) -> None:
    local = ratelimit.limiter_for(Settings(data_dir=tmp_path))
    assert isinstance(local.counts, MemoryCounts)
    assert local.budgets == {"ip": 30, "login": 10, "token": 10} and local.window == 300
    shared = ratelimit.limiter_for(Settings(data_dir=tmp_path,
                                            broker_url="redis://127.0.0.1:6379/10"))
    assert isinstance(shared.counts, RedisCounts)


def test_old_tokens_without_a_limiter_still_work(site: Site) -> None:
    """`TokenStore.authenticate` alone (the CLI, scripts) checks old tokens as before."""
    user, _ = site.stores.accounts.create("job_seeker", "Denis", token=False)
    with site.stores.engine.begin() as connection:
        connection.execute(ApiTokenRow.__table__.insert().values(
            id=uuid.uuid4().hex, user_id=user.id, prefix="abcdefabcdef", label="old",
            secret_hash=HASHER.hash("secret"), created_at=tokens.utcnow()))
    store = site.stores.tokens
    assert store.authenticate("cvp_abcdefabcdef_wrong") is None
    found = store.authenticate("cvp_abcdefabcdef_secret")
    assert found and found[0].id == user.id
    with site.stores.engine.begin() as connection:  # revoked: refused before any check
        connection.execute(update(ApiTokenRow).values(revoked_at=tokens.utcnow()))
    assert store.authenticate("cvp_abcdefabcdef_secret") is None
