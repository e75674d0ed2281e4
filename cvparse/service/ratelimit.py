"""Rate limits on credential checks: page sign-in, current-password checks, reset links and
bearer tokens.

Failures are counted per key in a fixed window that opens at the key's first failure (the
semantics of Redis' INCR + EXPIRE, so both stores behave alike). Keys are the client's
address (`ip`: an IPv4 address, or the /64 of an IPv6 one, which a single subscriber holds
whole) and the account tried (`login`: the normalised login; `token`: the public prefix of an
API token whose hash is argon2, see `authenticate_token`). Once a key has spent its budget,
every attempt carrying it is refused with `RateLimited` *before* anything is looked up or
hashed, until its window ends: a refusal costs a dictionary read (or one Redis round trip),
never the ≈ 25 ms of argon2 that made bursts of wrong credentials slow everyone down. Only the
keys of the attempt are refused: another address, another account, stay fast.

A success forgets the account's count (someone who typed their password wrong twice starts
afresh) but never the address's: an attacker cannot reset their address's count by signing
in to an account of their own between guesses.

Counts live in this process (the embedded default: no Redis needed), bounded in memory; when
the broker is Redis, they are kept there, so that every server process shares them (with
several processes each counting alone, the budget would be multiplied by their number). Key
values are hashed before being stored: neither Redis nor this process's memory keeps a login
or an address in clear for this purpose, and the log line written when a key reaches its
budget names the key's kind only."""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from cvparse.service.settings import Settings
    from cvparse.service.store.accounts import AccountStore, User
    from cvparse.service.store.tokens import TokenStore

log = logging.getLogger("cvparse.ratelimit")
T = TypeVar("T")
Kind = Literal["ip", "login", "token"]
MAX_KEYS = 100_000  # in-process keys kept at most (≈ 20 MB); the oldest go first
REDIS_PREFIX = "cvparse:ratelimit:"


class RateLimited(Exception):
    """An attempt refused unchecked: one of its keys spent its budget. `retry_after` is in
    whole seconds (the `Retry-After` header), at least 1."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many failed attempts: retry in {retry_after:.0f} s")
        self.retry_after = max(1, math.ceil(retry_after))


@dataclass(frozen=True, slots=True)
class Key:
    """What failures are counted against. The value is hashed into `name`, so that a login
    or an address is never kept in clear by the limiter."""

    kind: Kind
    value: str

    @property
    def name(self) -> str:
        digest = hashlib.sha256(f"{self.kind}\0{self.value}".encode()).hexdigest()[:24]
        return f"{self.kind}:{digest}"


def address_key(host: str | None) -> Key:
    """The key of a client address. An IPv6 client counts by its /64 (one subscriber's
    network: counting single addresses there would give an attacker 2^64 budgets); an
    IPv4-mapped IPv6 address counts as the IPv4 one. Anything else (a test client's name, a
    Unix socket) counts as given."""
    if not host:
        return Key("ip", "unknown")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return Key("ip", host)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return Key("ip", str(address.ipv4_mapped))
        return Key("ip", str(ipaddress.IPv6Network((address, 64), strict=False)))
    return Key("ip", str(address))


class Counts(Protocol):
    """Where failures are counted (in this process, or in Redis)."""

    def read(self, names: Sequence[str]) -> list[tuple[int, float]]:
        """(failures, seconds left in the window) of each key; (0, 0) for an unknown one."""
        ...

    def add(self, name: str, window: float) -> int:
        """One more failure; opens a window of `window` seconds if none is open. The new
        count."""
        ...

    def forget(self, names: Sequence[str]) -> None: ...


class MemoryCounts:
    """Counts in this process: thread-safe (the API's dependencies run in a thread pool) and
    bounded — expired keys are dropped as new ones come, and beyond `max_keys` the oldest
    go (an attacker spraying keys from enough addresses can only age their own counts out
    early; each address is still held to its budget while its key lives). The clock is
    injected so that tests can move time instead of sleeping."""

    def __init__(self, max_keys: int = MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._entries: OrderedDict[str, list[float]] = OrderedDict()  # name: [count, end]
        self._lock = threading.Lock()
        self._max = max_keys
        self._clock = clock

    def __len__(self) -> int:
        return len(self._entries)

    def read(self, names: Sequence[str]) -> list[tuple[int, float]]:
        now = self._clock()
        with self._lock:
            found = [self._entries.get(name) for name in names]
        return [(int(e[0]), e[1] - now) if e and e[1] > now else (0, 0.0) for e in found]

    def add(self, name: str, window: float) -> int:
        now = self._clock()
        with self._lock:
            entry = self._entries.get(name)
            if entry is None or entry[1] <= now:
                entry = [0, now + window]
                self._entries[name] = entry
                self._entries.move_to_end(name)  # insertion order is the order of ends
                self._prune(now)
            entry[0] += 1
            return int(entry[0])

    def forget(self, names: Sequence[str]) -> None:
        with self._lock:
            for name in names:
                self._entries.pop(name, None)

    def _prune(self, now: float) -> None:
        """Drop ended windows from the front (one window length for every key: the front
        ends first), then the oldest keys beyond the bound."""
        entries = self._entries
        while entries:
            name, (_, end) = next(iter(entries.items()))
            if end > now and len(entries) <= self._max:
                break
            del entries[name]


class RedisCounts:
    """Counts in Redis, shared by every server process using it: a key's first failure
    creates it with the window as its expiry (SET NX EX), each failure increments it (INCR
    keeps the expiry). Keys are prefixed (`cvparse:ratelimit:`) beside the broker's own.

    When Redis does not answer (a restart), counting goes on in this process rather than
    refusing every sign-in: the limits hold per process until Redis is back. Redis is then
    left alone for `RETRY_AFTER_ERROR` seconds, so that an unreachable host does not add its
    connection timeout to every request."""

    RETRY_AFTER_ERROR = 10.0

    def __init__(self, url: str, prefix: str = REDIS_PREFIX) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)
        self._prefix = prefix
        self._fallback = MemoryCounts()
        self._warned = 0.0
        self._down_until = 0.0

    def _up(self) -> bool:
        return time.monotonic() >= self._down_until

    def read(self, names: Sequence[str]) -> list[tuple[int, float]]:
        if not self._up():
            return self._fallback.read(names)
        try:
            pipe = self._redis.pipeline(transaction=False)
            for name in names:
                pipe.get(self._prefix + name)
                pipe.pttl(self._prefix + name)
            values = pipe.execute()
        except self._errors:
            self._unavailable()
            return self._fallback.read(names)
        result = []
        for count, ttl in zip(values[::2], values[1::2], strict=True):
            result.append((int(count), ttl / 1000) if count is not None and ttl > 0 else (0, 0.0))
        return result

    def add(self, name: str, window: float) -> int:
        key = self._prefix + name
        if not self._up():
            return self._fallback.add(name, window)
        try:
            pipe = self._redis.pipeline(transaction=True)
            pipe.set(key, 0, px=max(1, int(window * 1000)), nx=True)
            pipe.incr(key)
            return int(pipe.execute()[1])
        except self._errors:
            self._unavailable()
            return self._fallback.add(name, window)

    def forget(self, names: Sequence[str]) -> None:
        try:
            if names and self._up():
                self._redis.delete(*(self._prefix + n for n in names))
        except self._errors:
            self._unavailable()
        self._fallback.forget(names)

    def _unavailable(self) -> None:
        now = time.monotonic()
        self._down_until = now + self.RETRY_AFTER_ERROR
        if now - self._warned > 60:  # once a minute, not once per request
            self._warned = now
            log.warning("rate limits: Redis does not answer; counting in this process")


class Limiter:
    """Budgets of failures per key kind within one window, over a store of counts."""

    def __init__(self, counts: Counts, *, window: float = 300, account_failures: int = 10,
                 address_failures: int = 30) -> None:
        self.counts = counts
        self.window = window
        self.budgets: dict[Kind, int] = {"ip": address_failures, "login": account_failures,
                                         "token": account_failures}

    def check(self, keys: Sequence[Key]) -> None:
        """Raise `RateLimited` if any key has spent its budget; cheap (no hash, no write)."""
        counts = self.counts.read([k.name for k in keys])
        waits = [left for key, (count, left) in zip(keys, counts, strict=True)
                 if count >= self.budgets[key.kind]]
        if waits:
            raise RateLimited(max(waits))

    def failure(self, keys: Sequence[Key]) -> None:
        for key in keys:
            budget = self.budgets[key.kind]
            if self.counts.add(key.name, self.window) == budget:  # once per window and key
                log.warning("rate limit reached for a %s key: attempts refused until its "
                            "window ends", key.kind,
                            extra={"limit": budget, "seconds": self.window})

    def success(self, keys: Sequence[Key]) -> None:
        """Forget the accounts' counts; never the address's."""
        self.counts.forget([k.name for k in keys if k.kind != "ip"])

    def attempt(self, keys: Sequence[Key], check: Callable[[], T | None]) -> T | None:
        """Run one credential check under the keys' budgets: refused (`RateLimited`) before
        `check` runs when a key is spent; a None result counts a failure against every key,
        another one forgets the account keys. Concurrent attempts may overshoot a budget by
        the number in flight (each is checked before any of them has failed)."""
        self.check(keys)
        result = check()
        if result is None:
            self.failure(keys)
        else:
            self.success(keys)
        return result


def limiter_for(settings: Settings) -> Limiter:
    """In-process counts, or Redis' when the broker is Redis (shared by every process)."""
    url = settings.broker_url or ""
    counts: Counts = (RedisCounts(url) if url.startswith(("redis://", "rediss://"))
                      else MemoryCounts())
    return Limiter(counts, window=settings.rate_limit_window_seconds,
                   account_failures=settings.rate_limit_account_failures,
                   address_failures=settings.rate_limit_address_failures)


def check_password(limiter: Limiter, accounts: AccountStore, login: str, password: str,
                   address: str | None) -> User | None:
    """`AccountStore.check_password` under the budgets of the client's address and of the
    login tried (an unknown login is counted like a known one: the answer must not tell
    them apart)."""
    from cvparse.service.store.accounts import normalise_login

    keys = [address_key(address), Key("login", normalise_login(login))]
    return limiter.attempt(keys, lambda: accounts.check_password(login, password))


def authenticate_token(limiter: Limiter, tokens: TokenStore, token: str,
                       address: str | None) -> User | None:
    """The user of a live bearer token, under the budget of the client's address and, for a
    token hashed with argon2 (made before migration 0005, until its first use rehashes it),
    of the token's prefix: that budget is checked only before an argon2 verification, the
    one costly step. A SHA-256 token is never locked by its prefix: its check costs
    microseconds, its 256-bit secret cannot be guessed, and whoever merely knows a prefix
    (shown in token lists) must not be able to lock an integration out."""
    address_keys = [address_key(address)]
    limiter.check(address_keys)
    slow: list[Key] = []

    def before_argon2(prefix: str) -> None:
        key = Key("token", prefix)
        limiter.check([key])
        slow.append(key)

    found = tokens.authenticate(token, before_slow_check=before_argon2)
    if found is None:
        limiter.failure(address_keys + slow)
        return None
    limiter.success(slow)
    return found[0]
