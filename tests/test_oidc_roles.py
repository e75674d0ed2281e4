"""Which cvparse role a verified OpenID Connect identity gets (`cvparse.service.oidc`), without
any HTTP: the configuration refuses what could hand out privileges by mistake, the mapping
fails closed, and signing in creates, re-roles or refuses exactly as the README says."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from cvparse.service import access
from cvparse.service.oidc.identities import sign_in
from cvparse.service.oidc.providers import (
    OidcProvider,
    ProviderRole,
    SignInRefused,
    display_name,
    role_for,
)
from cvparse.service.settings import Settings
from cvparse.service.store.accounts import ROLES

SEEKERS = {"name": "emploi", "label": {"fr": "Mon identité", "en": "My identity"},
           "issuer": "https://id.emploi.example", "client_id": "cvparse",
           "client_secret": "s3cret", "role": "job_seeker"}
STAFF = {"name": "agence", "label": "SSO agence", "issuer": "https://sso.agence.example/realm",
         "client_id": "cvparse", "client_secret": "s3cret", "role_claim": "groups",
         "role_values": {"cvparse-advisors": "advisor", "cvparse-ops": "ops",
                         "cvparse-admins": "admin"}}


def provider(**changes) -> OidcProvider:
    base = STAFF if "role" not in changes else {k: v for k, v in STAFF.items()
                                                if not k.startswith("role_")}
    return OidcProvider.model_validate({**base, **changes})


def test_the_roles_are_the_accounts_roles() -> None:
    assert set(get_args(ProviderRole)) == set(ROLES)


def test_settings_read_the_providers_from_json(monkeypatch) -> None:
    import json

    monkeypatch.setenv("CVPARSE_OIDC_PROVIDERS", json.dumps([SEEKERS, STAFF]))
    settings = Settings()
    assert [p.name for p in settings.oidc_providers] == ["emploi", "agence"]
    assert settings.oidc_providers[0].label_for("en") == "My identity"
    assert settings.oidc_providers[1].label_for("en") == "SSO agence"
    assert settings.oidc_providers[0].scopes == "openid profile"  # no e-mail asked
    assert "s3cret" not in repr(settings)  # the client secret never printed
    monkeypatch.delenv("CVPARSE_OIDC_PROVIDERS")
    assert Settings().oidc_providers == []


@pytest.mark.parametrize(("changes", "words"), [
    ({"issuer": "http://sso.agence.example"}, "https"),
    ({"scopes": "profile email"}, "openid"),
    ({"role": "admin", "role_claim": None, "role_values": {}}, "fixed role"),
    ({"role": "ops", "role_claim": None, "role_values": {}}, "fixed role"),
    ({"role": "advisor", "role_claim": "groups"}, "either"),
    ({"role_claim": None, "role_values": {}}, "either"),
    ({"role_values": {}}, "maps no value"),
    ({"role_values": {"seekers": "job_seeker", "advisors": "advisor"}}, "not both"),
    ({"role_values": {"x": "superuser"}}, "role_values"),
    ({"name": "Agence/../x"}, "name"),
    ({"surprise": 1}, "surprise"),
])
def test_a_configuration_that_could_hand_out_privileges_is_refused(changes, words) -> None:
    with pytest.raises(ValidationError, match=words):
        OidcProvider.model_validate({**STAFF, **changes})


def test_loopback_issuers_may_use_plain_http() -> None:  # the tests' provider
    assert provider(issuer="http://127.0.0.1:8080/realm").issuer.startswith("http://")
    assert provider(issuer="http://localhost:8080").issuer.startswith("http://")


def test_two_providers_may_share_neither_a_name_nor_an_issuer() -> None:
    with pytest.raises(ValidationError, match="same name"):
        Settings(oidc_providers=[STAFF, {**SEEKERS, "name": "agence"}])
    with pytest.raises(ValidationError, match="same issuer"):
        Settings(oidc_providers=[STAFF, {**SEEKERS, "issuer": STAFF["issuer"]}])


def test_a_claim_gives_one_role_or_the_sign_in_is_refused() -> None:
    staff = provider()
    assert role_for(staff, {"groups": ["all-staff", "cvparse-advisors"]}) == "advisor"
    assert role_for(staff, {"groups": "cvparse-ops"}) == "ops"  # a single string too
    for claims in ({}, {"groups": []}, {"groups": ["all-staff"]}, {"groups": 42},
                   {"groups": [{"cvparse-admins": True}]}, {"groups": "CVPARSE-ADMINS"}):
        with pytest.raises(SignInRefused) as refused:
            role_for(staff, claims)
        assert refused.value.code == "no_role"  # never a default role
    with pytest.raises(SignInRefused) as refused:
        role_for(staff, {"groups": ["cvparse-advisors", "cvparse-admins"]})
    assert refused.value.code == "two_roles"


def test_a_dotted_claim_reaches_inside_an_object() -> None:  # Keycloak's realm roles
    keycloak = provider(role_claim="realm_access.roles")
    assert role_for(keycloak, {"realm_access": {"roles": ["cvparse-admins"]}}) == "admin"
    with pytest.raises(SignInRefused):
        role_for(keycloak, {"realm_access": ["cvparse-admins"]})


def test_a_fixed_role_is_everyone_s() -> None:
    seekers = OidcProvider.model_validate(SEEKERS)
    assert role_for(seekers, {"groups": ["cvparse-admins"]}) == "job_seeker"


def test_the_display_name_never_comes_from_the_e_mail() -> None:
    assert display_name({"name": "  Nadia   Belkacem ", "email": "n@x.fr"}) == "Nadia Belkacem"
    assert display_name({"given_name": "Nadia", "family_name": "Belkacem"}) == "Nadia Belkacem"
    assert display_name({"email": "n@x.fr", "preferred_username": "nbelkacem"}) == "—"


def test_first_sign_in_creates_the_user_and_keeps_only_what_it_needs(stores) -> None:
    seekers = OidcProvider.model_validate(SEEKERS)
    claims = {"sub": "abc-123", "name": "Nadia Belkacem", "email": "nadia@example.org",
              "phone_number": "0612345678", "birthdate": "1990-01-01"}
    user = sign_in(stores, seekers, claims)
    assert (user.role, user.display_name, user.active) == ("job_seeker", "Nadia Belkacem", True)
    account = stores.accounts.account(user.id)
    assert account.oidc_issuer == SEEKERS["issuer"] and account.login is None
    assert not account.has_password
    assert sign_in(stores, seekers, claims).id == user.id  # the same person next time
    with stores.engine.connect() as c:
        dumped = repr([c.exec_driver_sql(f"SELECT * FROM {t}").all()
                       for t in ("users", "audit_log")])
    for kept_out in ("nadia@example.org", "0612345678", "1990-01-01"):
        assert kept_out not in dumped
    assert [e.action for e in stores.audit.entries(user.id)] == ["user.create"]


def test_without_create_users_only_known_identities_sign_in(stores) -> None:
    closed = provider(create_users=False)
    with pytest.raises(SignInRefused) as refused:
        sign_in(stores, closed, {"sub": "new", "groups": ["cvparse-advisors"]})
    assert refused.value.code == "unknown_user"
    known = sign_in(stores, provider(), {"sub": "old", "groups": ["cvparse-advisors"]})
    assert sign_in(stores, closed, {"sub": "old", "groups": ["cvparse-advisors"]}).id == known.id


def test_the_role_follows_the_groups_at_each_sign_in(stores) -> None:
    staff = provider()
    user = sign_in(stores, staff, {"sub": "m.dupont", "groups": ["cvparse-advisors"]})
    promoted = sign_in(stores, staff, {"sub": "m.dupont", "groups": ["cvparse-admins"]})
    assert promoted.id == user.id and promoted.role == "admin"
    assert stores.accounts.get(user.id).role == "admin"
    change = [e for e in stores.audit.entries(user.id) if e.action == "user.role"]
    assert change[0].before == {"role": "advisor"}
    assert change[0].after == {"role": "admin", "by": "oidc", "provider": "agence"}
    with pytest.raises(SignInRefused):  # out of every mapped group: no access any more
        sign_in(stores, staff, {"sub": "m.dupont", "groups": []})
    assert stores.accounts.get(user.id).role == "admin"  # a refusal changes nothing
    refused = [e for e in stores.audit.entries(user.id) if e.action == "oidc.refused"]
    assert refused[0].after == {"reason": "no_role", "provider": "agence"}


def test_an_account_never_crosses_between_job_seeker_and_staff(stores) -> None:
    seekers = OidcProvider.model_validate(SEEKERS)
    user = sign_in(stores, seekers, {"sub": "p1", "name": "Paul"})
    # The same issuer reconfigured to give advisors: Paul's CVs must not become an advisor's.
    changed = OidcProvider.model_validate({**SEEKERS, "role": "advisor"})
    with pytest.raises(SignInRefused) as refused:
        sign_in(stores, changed, {"sub": "p1", "name": "Paul"})
    assert refused.value.code == "role_change"
    assert stores.accounts.get(user.id).role == "job_seeker"


def test_a_deactivated_identity_is_refused(stores) -> None:
    seekers = OidcProvider.model_validate(SEEKERS)
    user = sign_in(stores, seekers, {"sub": "p2"})
    access.set_active(stores, None, user.id, False)
    with pytest.raises(SignInRefused) as refused:
        sign_in(stores, seekers, {"sub": "p2"})
    assert refused.value.code == "inactive"


@pytest.mark.parametrize("subject", [None, "", 42, "x" * 256])
def test_an_unusable_subject_is_refused(stores, subject) -> None:
    with pytest.raises(SignInRefused) as refused:
        sign_in(stores, OidcProvider.model_validate(SEEKERS), {"sub": subject})
    assert refused.value.code == "bad_subject"
