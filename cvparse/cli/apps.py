"""The Typer objects: the `cvparse` root and its command groups, with their help texts.

Only the tree lives here; which function answers which command is in `cvparse/cli/__init__.py`.
(The module is `apps`, not `app`, so that it never shares a name with `cvparse.cli.app`, the
root object that the `cvparse` script runs.)
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cvparse",
    help="CV parsing and ROME skills-profile prefill. Every proposal is a draft for an advisor.",
    no_args_is_help=True,
    add_completion=False,
)
referential_app = typer.Typer(
    help="Install and inspect referentials (the shipped one and imported ROME exports).",
    no_args_is_help=True,
)
documents_app = typer.Typer(
    help="Submit CVs for processing (workers or in-process) and read stored drafts.",
    no_args_is_help=True,
)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
users_app = typer.Typer(help="Accounts, password links, deactivation, advisor assignments.",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens: list, issue, rotate, revoke.", no_args_is_help=True)
feedback_app = typer.Typer(
    help="Advisors' decisions: accuracy in real use (report); learning from them (propose a "
    "learned layer, apply it, roll it back).",
    no_args_is_help=True,
)

app.add_typer(referential_app, name="referential")
app.add_typer(documents_app, name="documents")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(feedback_app, name="feedback")


@app.callback()
def main() -> None:
    """cvparse command line."""
