"""The `cvparse` command line (Typer): every command and the function that answers it.

Layout (each command module imports only the shared helpers below, never another command
module; they import the service, engine and quality packages inside the commands, so that
`cvparse --help` stays fast):

    apps.py         the Typer objects: the root and the groups, with their help texts
    exits.py        exit codes, and what each means to a script calling cvparse
    inputs.py       read_input: the files named on the command line, with clear errors
    options.py      --referential (and opening its pipeline), --format
    parse.py        parse
    quality.py      eval, calibrate, fairness
    referential.py  referential import|list|show
    documents.py    documents submit|status|draft
    users.py        users create|list|deactivate|activate|reset-link|assign|unassign,
                    tokens list|issue|rotate|revoke
    db.py           db upgrade|downgrade
    server.py       serve
    ops.py          reprocess, purge, erase
    feedback.py     feedback report
    learn.py        feedback propose|apply|rollback

Commands are listed by `cvparse --help` in the order they are registered here; groups come
after the top-level commands, in the order of `apps.py`.
"""

from cvparse.cli import (
    db,
    documents,
    feedback,
    learn,
    ops,
    parse,
    quality,
    referential,
    server,
    users,
)
from cvparse.cli.apps import (
    app,
    db_app,
    documents_app,
    feedback_app,
    referential_app,
    tokens_app,
    users_app,
)

app.command("serve")(server.serve)
app.command("purge")(ops.purge_command)
app.command("erase")(ops.erase_command)
app.command("reprocess")(ops.reprocess)
app.command("fairness")(quality.fairness)
app.command("parse")(parse.parse)
app.command("eval")(quality.eval_command)
app.command("calibrate")(quality.calibrate_command)

referential_app.command("import")(referential.referential_import)
referential_app.command("list")(referential.referential_list)
referential_app.command("show")(referential.referential_show)

documents_app.command("submit")(documents.submit_command)
documents_app.command("status")(documents.status_command)
documents_app.command("draft")(documents.draft_command)

db_app.command("upgrade")(db.db_upgrade)
db_app.command("downgrade")(db.db_downgrade)

users_app.command("create")(users.users_create)
users_app.command("list")(users.users_list)
users_app.command("deactivate")(users.users_deactivate)
users_app.command("activate")(users.users_activate)
users_app.command("reset-link")(users.users_reset_link)
users_app.command("assign")(users.users_assign)
users_app.command("unassign")(users.users_unassign)

tokens_app.command("list")(users.tokens_list)
tokens_app.command("issue")(users.tokens_issue)
tokens_app.command("rotate")(users.tokens_rotate)
tokens_app.command("revoke")(users.tokens_revoke)

feedback_app.command("report")(feedback.feedback_report)
feedback_app.command("propose")(learn.propose)
feedback_app.command("apply")(learn.apply)
feedback_app.command("rollback")(learn.rollback)

__all__ = ["app"]
