"""Users, how they sign in (a local password, an OpenID Connect identity) and advisor
assignments. Bearer tokens live in `tokens`, browser sessions in `sessions`; what ends all of
them at once (deactivation, a password change) is decided in `cvparse.service.access`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from cvparse.service.store.documents import new_id
from cvparse.service.store.models import AssignmentRow, UserRow, utcnow
from cvparse.service.store.passwords import check_policy, hash_password, verify_password
from cvparse.service.store.tokens import TokenStore
from cvparse.service.store.users import ROLES, Role, User


class Account(User):
    """A user as administrators see them: how they sign in, never a secret."""

    login: str | None = None
    has_password: bool = False
    oidc_issuer: str | None = None
    password_changed_at: datetime | None = None

    @classmethod
    def of(cls, row: UserRow) -> Account:
        return cls.model_validate({**User.model_validate(row).model_dump(), "login": row.login,
                                   "has_password": row.password_hash is not None,
                                   "oidc_issuer": row.oidc_issuer,
                                   "password_changed_at": row.password_changed_at})


class AccountError(ValueError):
    """A change the accounts refuse (unknown user, login taken…); `code` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def normalise_login(login: str) -> str:
    """Logins compare without case or surrounding spaces (people type e-mails both ways)."""
    return login.strip().lower()


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._session = sessionmaker(engine, expire_on_commit=False)

    def create(self, role: Role, display_name: str, *, login: str | None = None,
               password: str | None = None, token: bool = True) -> tuple[User, str | None]:
        """A new user; with `login` and `password`, one who can sign in to the pages (the
        password must meet the policy). With `token`, also their first API token, returned
        this once (`cvparse.service.store.tokens`)."""
        if role not in ROLES:
            raise AccountError("bad_role", f"unknown role {role!r}: one of {', '.join(ROLES)}")
        display_name = display_name.strip()[:120]
        if not display_name:
            raise AccountError("bad_name", "a user needs a display name")
        login = normalise_login(login) if login else None
        if password is not None:
            if login is None:
                raise AccountError("missing_login", "a password needs a login to go with it")
            check_policy(password, login=login, name=display_name)
        row = UserRow(id=new_id(), role=role, display_name=display_name, active=True,
                      login=login, password_hash=hash_password(password) if password else None,
                      password_changed_at=utcnow() if password else None)
        try:
            with self._session.begin() as session:
                session.add(row)
        except IntegrityError:
            raise AccountError("login_taken", f"the login {login!r} is taken") from None
        user = User.model_validate(row)
        secret = None
        if token:
            _, secret = TokenStore(self._engine).issue(user.id, "initial")
        return user, secret

    def get(self, user_id: str) -> User | None:
        with self._session() as session:
            row = session.get(UserRow, user_id)
            return User.model_validate(row) if row else None

    def account(self, user_id: str) -> Account | None:
        with self._session() as session:
            row = session.get(UserRow, user_id)
            return Account.of(row) if row else None

    def accounts(self, role: Role | None = None, q: str | None = None, limit: int = 200
                 ) -> list[Account]:
        """Accounts by name, for the admin page: filtered by role and by a piece of the name
        or login."""
        query = select(UserRow).where(UserRow.display_name != "(erased)")
        if role:
            query = query.where(UserRow.role == role)
        if q:
            pattern = f"%{q.strip().lower()}%"
            query = query.where(or_(func.lower(UserRow.display_name).like(pattern),
                                    UserRow.login.like(pattern)))
        query = query.order_by(func.lower(UserRow.display_name), UserRow.id).limit(limit)
        with self._session() as session:
            return [Account.of(row) for row in session.scalars(query)]

    def check_password(self, login: str, password: str) -> User | None:
        """The active user with this login and password, or None — in the same time whether
        the login exists or not."""
        with self._session() as session:
            row = session.scalars(select(UserRow).where(
                UserRow.login == normalise_login(login))).first()
            ok = verify_password(row.password_hash if row else None, password)
            if row is None or not ok or not row.active:
                return None
            return User.model_validate(row)

    def set_password(self, user_id: str, password: str) -> None:
        """Checked against the policy; the caller ends the user's sessions
        (`cvparse.service.access.change_password`)."""
        with self._session.begin() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise AccountError("unknown_user", f"no user {user_id}")
            if row.login is None:
                raise AccountError("missing_login", "this account has no login: set one first")
            check_policy(password, login=row.login, name=row.display_name)
            row.password_hash = hash_password(password)
            row.password_changed_at = utcnow()

    def set_login(self, user_id: str, login: str) -> None:
        try:
            with self._session.begin() as session:
                row = session.get(UserRow, user_id)
                if row is None:
                    raise AccountError("unknown_user", f"no user {user_id}")
                row.login = normalise_login(login)
        except IntegrityError:
            raise AccountError("login_taken", f"the login {login!r} is taken") from None

    def by_oidc(self, issuer: str, subject: str) -> User | None:
        with self._session() as session:
            row = session.scalars(select(UserRow).where(
                UserRow.oidc_issuer == issuer, UserRow.oidc_subject == subject)).first()
            return User.model_validate(row) if row else None

    def create_oidc(self, role: Role, display_name: str, issuer: str, subject: str) -> User:
        """A user known by their identity provider (first sign-in); no password, no token."""
        row = UserRow(id=new_id(), role=role, display_name=display_name.strip()[:120] or "—",
                      active=True, oidc_issuer=issuer, oidc_subject=subject)
        with self._session.begin() as session:
            session.add(row)
        return User.model_validate(row)

    def set_role(self, user_id: str, role: Role) -> None:
        """The caller decides and audits (`cvparse.service.oidc.identities`: a provider's
        groups changed); every session reads the role from this row on its next request."""
        if role not in ROLES:
            raise AccountError("bad_role", f"unknown role {role!r}: one of {', '.join(ROLES)}")
        with self._session.begin() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise AccountError("unknown_user", f"no user {user_id}")
            row.role = role

    def set_active(self, user_id: str, active: bool) -> bool:
        """Whether the user existed; the caller ends their sessions and tokens."""
        with self._session.begin() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                return False
            row.active = active
            return True

    def assign(self, advisor_id: str, job_seeker_id: str) -> None:
        advisor, seeker = self.get(advisor_id), self.get(job_seeker_id)
        if not advisor or advisor.role != "advisor":
            raise AccountError("not_an_advisor", f"{advisor_id} is not an advisor")
        if not seeker or seeker.role != "job_seeker":
            raise AccountError("not_a_job_seeker", f"{job_seeker_id} is not a job seeker")
        with self._session.begin() as session:
            if session.get(AssignmentRow, (advisor_id, job_seeker_id)) is None:
                session.add(AssignmentRow(advisor_id=advisor_id, job_seeker_id=job_seeker_id))

    def unassign(self, advisor_id: str, job_seeker_id: str) -> bool:
        """Whether there was such an assignment. Access ends with it: every request checks
        the assignment in the database, nothing caches it."""
        with self._session.begin() as session:
            result = session.execute(delete(AssignmentRow).where(
                AssignmentRow.advisor_id == advisor_id,
                AssignmentRow.job_seeker_id == job_seeker_id,
            ))
            return bool(result.rowcount)

    def job_seekers_of(self, advisor_id: str) -> list[str]:
        query = select(AssignmentRow.job_seeker_id).where(AssignmentRow.advisor_id == advisor_id)
        with self._session() as session:
            return list(session.scalars(query))

    def advisors_of(self, job_seeker_id: str) -> list[str]:
        query = select(AssignmentRow.advisor_id).where(
            AssignmentRow.job_seeker_id == job_seeker_id)
        with self._session() as session:
            return list(session.scalars(query))

    def is_assigned(self, advisor_id: str, job_seeker_id: str | None) -> bool:
        if job_seeker_id is None:
            return False
        with self._session() as session:
            return session.get(AssignmentRow, (advisor_id, job_seeker_id)) is not None


__all__ = ["ROLES", "Account", "AccountError", "AccountStore", "Role", "User"]
