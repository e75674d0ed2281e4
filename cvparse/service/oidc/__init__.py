"""OpenID Connect identity providers: their configuration and which cvparse role a verified
identity gets (`providers`, read by the settings, so it imports no store), and signing that
identity in to a cvparse user (`identities`).

What happens on the wire (discovery, the authorization code flow with PKCE, the ID token's
signature and claims) is the edge's business: `cvparse.web.oidc`, through Authlib. This module
receives claims that were already verified and decides — so the rules that hand out roles
read in one place, are tested without any HTTP, and never depend on how the claims arrived.

The rules, chosen to fail closed:

- a provider gives either one fixed role to everyone it signs in (a job seekers' identity
  service → ``job_seeker``; an agency's SSO whose every member is an advisor → ``advisor``),
  or a role read from one claim (``groups`` holding ``cvparse-advisors`` → ``advisor``).
  Operators and administrators only ever come from a claim: a provider cannot make every
  one of its users an administrator by a fixed role.
- no matching value → refused (never a default role); two values that map to different
  roles → refused (the identity provider's groups must say one thing).
- a provider maps to job seekers or to staff, never both, and two providers never share an
  issuer: a person's account cannot cross from job seeker (who owns CVs) to staff (who reads
  other people's) by a change of groups.
- the role is read again at each sign-in: a staff member moved to another group gets the new
  role (audited, ``user.role``); one removed from every mapped group is refused from then on.
- a person's account is created at their first sign-in (``create_users``, default true);
  with ``create_users`` false, only identities already known sign in.
- what is kept: the issuer and the ``sub`` claim (the identity's key), the role, and a
  display name from ``name`` (or ``given_name`` + ``family_name``). No e-mail, no groups, no
  other claim is stored.
"""
