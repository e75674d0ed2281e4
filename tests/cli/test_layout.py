"""The command line's layout: command modules share helpers but never import each other, so
that each can be read, and changed, alone."""

from __future__ import annotations

import grimp

# Modules every command module may import; every other cvparse.cli.* module is a command module.
HELPERS = {"cvparse.cli.apps", "cvparse.cli.exits", "cvparse.cli.inputs", "cvparse.cli.options"}
# The package registers the commands and `python -m cvparse.cli` runs it: they import everything.
ROOTS = {"cvparse.cli", "cvparse.cli.__main__"}


def test_command_modules_never_import_each_other() -> None:
    graph = grimp.build_graph("cvparse", cache_dir=None)
    cli = {m for m in graph.modules if m.startswith("cvparse.cli.")} | {"cvparse.cli"}
    commands = cli - HELPERS - ROOTS
    assert {"cvparse.cli.parse", "cvparse.cli.documents", "cvparse.cli.ops"} <= commands
    wrong = {
        (module, imported)
        for module in commands | HELPERS
        for imported in graph.find_modules_directly_imported_by(module)
        if imported in commands | ROOTS
    }
    assert not wrong, f"command modules must import only {sorted(HELPERS)}: {sorted(wrong)}"
