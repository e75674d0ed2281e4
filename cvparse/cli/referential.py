"""`cvparse referential import|list|show`: install official ROME exports and look inside the
referentials parse can use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cvparse.cli.exits import EXIT_BAD_INPUT
from cvparse.cli.options import ReferentialOption, open_pipeline


def referential_import(
    directory: Annotated[
        Path, typer.Argument(help="folder holding the unix_*_vNNN_utf8.csv files")
    ],
    format: Annotated[str, typer.Option("--format", help="export format")] = "rome4",
    name: Annotated[str, typer.Option("--name", help="name to install it under")] = "rome",
    synonyms: Annotated[
        bool, typer.Option(help="add the project's CV phrasings to the official labels")
    ] = True,
) -> None:
    """Import an official ROME 4.0 export as NAME@VERSION (a no-op if already installed)."""
    from cvparse.engine.referential.csvdir import ReferentialError
    from cvparse.service.referentials.store import install
    from cvparse.service.registry import get_pipeline
    from cvparse.service.settings import get_settings

    err = Console(stderr=True)
    data_dir = get_settings().data_dir
    try:
        installed, created, warnings = install(
            directory, data_dir, fmt=format, name=name, with_synonyms=synonyms
        )
    except ReferentialError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    for warning in warnings:  # curation rows this export does not match: worth a look
        err.print(f"[yellow]warning[/yellow] {warning}", highlight=False, soft_wrap=True)
    counts = ", ".join(f"{v} {k}" for k, v in installed.counts.items())
    where = "shipped with cvparse" if installed.shipped else "installed"
    if created:
        get_pipeline(installed.ref, data_dir=data_dir)  # build and cache its index now
        Console().print(f"installed {installed.ref} ({counts}) in {installed.path}")
    else:
        Console().print(f"{installed.ref} is already {where} ({counts}): nothing to do")


def referential_list() -> None:
    """List the referentials parse can use."""
    from cvparse.engine.referential.csvdir import ReferentialError
    from cvparse.service.referentials.store import list_installed, resolve_dir
    from cvparse.service.settings import get_settings

    settings = get_settings()
    try:
        default = resolve_dir(settings.referential, settings.data_dir)
    except ReferentialError:
        default = None  # a CVPARSE_REFERENTIAL that names nothing: no line is the default
    table = Table(title="Referentials", title_justify="left")
    for column in ("referential", "métiers", "appellations", "items", "links", "where"):
        table.add_column(column)
    for inst in list_installed(settings.data_dir):
        marker = " (default)" if inst.path == default else ""
        table.add_row(
            inst.ref + marker, *(str(inst.counts.get(k, "")) for k in
                                 ("metiers", "appellations", "items", "links")),
            "shipped" if inst.shipped else str(inst.path),
        )
    Console().print(table)


def referential_show(
    code: Annotated[str, typer.Argument(help="a ROME code (M1805), appellation or item id")],
    referential: ReferentialOption = None,
) -> None:
    """Show a métier with its appellations and competences, or one appellation or item."""
    console = Console()
    err = Console(stderr=True)
    ref = open_pipeline(referential, err).referential
    code = code.strip()
    if code.upper() in ref.metiers:
        _show_metier(console, ref, code.upper())
    elif code in ref.appellations:
        app_ = ref.appellations[code]
        console.print(f"[bold]{app_.label}[/bold] (appellation {app_.id}) → métier "
                      f"{app_.metier_code} {ref.metiers[app_.metier_code].title}")
        console.print(f"masculine: {app_.masculine}\nfeminine: {app_.feminine}")
        if app_.synonyms:
            console.print("CV phrasings: " + "; ".join(app_.synonyms))
    elif code in ref.items:
        item = ref.items[code]
        console.print(f"[bold]{item.label}[/bold] ({item.kind} {item.id})")
        if item.macro_id and item.macro_id in ref.items:
            console.print(f"macro-compétence: {item.macro_id} {ref.items[item.macro_id].label}")
        if item.synonyms:
            console.print("CV phrasings: " + "; ".join(item.synonyms))
        metiers = sorted({link.metier_code for link in ref.links if link.item_id == code})
        console.print(f"in {len(metiers)} métier(s): " + ", ".join(metiers[:20]))
    else:
        err.print(f"[red]error[/red] {code!r} is neither a métier code, an appellation nor an "
                  f"item of {ref.ref}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)


def _show_metier(console: Console, ref, code: str) -> None:
    metier = ref.metiers[code]
    parent = f", under {metier.parent_code}" if metier.parent_code else ""
    console.print(f"[bold]{code} {metier.title}[/bold] (domain {metier.domain}{parent}) "
                  f"— {ref.ref}")
    apps = sorted(
        (a for a in ref.appellations.values() if a.metier_code == code),
        key=lambda a: (not a.principal, a.rare, a.label),
    )
    console.print(f"{len(apps)} appellation(s):")
    for a in apps:
        flags = " [principal]" if a.principal else " [rare]" if a.rare else ""
        console.print(f"  {a.id:>7}  {a.label}{flags}", highlight=False)
    links = [link for link in ref.links if link.metier_code == code]
    table = Table(title=f"{len(links)} competence(s)", title_justify="left")
    for column in ("id", "kind", "label", "core"):
        table.add_column(column)
    for link in sorted(links, key=lambda x: (not x.core, ref.items[x.item_id].kind)):
        item = ref.items[link.item_id]
        table.add_row(item.id, item.kind, item.label,
                      "core" if link.core else "emerging" if link.emerging else "")
    console.print(table)
