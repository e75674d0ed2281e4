"""Learning from advisors' decisions (ops): `cvparse feedback propose|apply|rollback`.

propose  decisions → a reviewable JSON proposal of the next learned layer, refused (exit 1,
         nothing written) when the fairness twins differ with it applied;
apply    a reviewed proposal → a new active layer version (audited); fairness checked again,
         since a proposal file is a file anyone could have edited;
rollback the active version → its predecessor (audited).

New uploads use the active layer at once; stored drafts move to it with `cvparse reprocess`.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cvparse.cli.exits import EXIT_BAD_INPUT, EXIT_CHECK_FAILED
from cvparse.cli.options import ReferentialOption, open_pipeline

ByOption = Annotated[str | None, typer.Option(
    "--by", help="who adopts it, for the audit log [default: the system user name]")]


def _operator(by: str | None):
    from cvparse.service.store.learned import Operator

    return Operator(by or getpass.getuser())


def _refuse_if_unfair(base, layer, err: Console) -> None:
    """Run the fairness twins with the layer applied; exit 1 naming each pair that differs."""
    from cvparse.quality.fairness import check
    from cvparse.service.registry import registry

    unfair = [r for r in check(registry().with_learned(base, layer)) if not r.fair]
    if not unfair:
        return
    for r in unfair:
        diff = sorted(r.competences[0] ^ r.competences[1]) + sorted(r.metiers[0] ^ r.metiers[1])
        err.print(f"[red]unfair[/red] {r.pair.template} / {r.pair.swap}: the twins differ on "
                  f"{', '.join(diff)}", highlight=False)
    err.print(f"[red]refused[/red] with this layer applied, {len(unfair)} fairness twin "
              "pair(s) get different competences or métiers: nothing is learned", highlight=False)
    raise typer.Exit(EXIT_CHECK_FAILED)


def propose(
    referential: ReferentialOption = None,
    min_advisors: Annotated[int, typer.Option(
        min=1, help="distinct advisors who must agree on a pairing")] = 3,
    min_seekers: Annotated[int, typer.Option(
        min=1, help="distinct job seekers' CVs a pairing must come from")] = 3,
    min_rate: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="share of the decisions on a proposed pairing that rejected it "
        "(suppressions)")] = 0.6,
    out: Annotated[Path | None, typer.Option(help="write the proposal here (default: stdout)")]
    = None,
    dry_run_last: Annotated[int, typer.Option(
        min=0, help="also re-parse the last N stored documents' readings with the layer in "
        "force and with the proposed one, and print what would change")] = 0,
) -> None:
    """Propose the next learned layer from advisors' decisions: a JSON file to review, then
    apply with `cvparse feedback apply`. Nothing is learned by this command."""
    from cvparse.service.feedback.decisions import load
    from cvparse.service.feedback.propose import Thresholds
    from cvparse.service.feedback.propose import propose as make_proposal
    from cvparse.service.store import open_stores

    err = Console(stderr=True)
    base = open_pipeline(referential, err)
    ref = base.referential
    stores = open_stores()
    proposal = make_proposal(
        load(stores.engine, referential_checksum=ref.checksum),
        referential=ref.ref, referential_checksum=ref.checksum,
        thresholds=Thresholds(min_advisors, min_seekers, min_rate),
        active=stores.learned.active(ref.checksum),
    )
    _refuse_if_unfair(base, proposal.layer, err)
    if dry_run_last:
        from datetime import date

        from cvparse.service.feedback.dryrun import dry_run
        from cvparse.service.jobs import with_active_layer
        from cvparse.service.registry import registry

        before = with_active_layer(stores, base)
        after = registry().with_learned(base, proposal.layer)
        for line in dry_run(stores, before, after, dry_run_last, date.today()).lines():
            err.print(line, highlight=False, markup=False)
    text = proposal.to_json()
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    err.print(f"{len(proposal.suppressions)} suppression(s), {len(proposal.additions)} "
              f"addition(s) proposed from {proposal.decisions} decisions on {ref.ref}; "
              f"{proposal.dropped_unsafe} pairing(s) not learned (personal or sensitive); "
              "fairness twins unchanged", highlight=False)


def apply(
    proposal_file: Annotated[Path, typer.Argument(help="a proposal written by `propose`")],
    by: ByOption = None,
) -> None:
    """Adopt a reviewed proposal: a new learned-layer version becomes active (audited). New
    uploads use it at once; re-process stored drafts with `cvparse reprocess`."""
    from cvparse.service.feedback.propose import read_proposal
    from cvparse.service.store import open_stores

    err = Console(stderr=True)
    try:
        data, layer, digest = read_proposal(proposal_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        err.print(f"[red]error[/red] {proposal_file}: {exc}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    base = open_pipeline(data.get("referential"), err)
    if base.referential.checksum != layer.referential_checksum:
        err.print(f"[red]error[/red] the proposal was made for another content of "
                  f"{data.get('referential')}: propose again", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    _refuse_if_unfair(base, layer, err)
    version = open_stores().learned.apply(layer, base.referential.ref, digest, _operator(by))
    typer.echo(f"learned layer v{version.version} ({version.digest[:12]}) is active for "
               f"{version.referential}: {len(layer.suppressions)} suppression(s), "
               f"{len(layer.additions)} addition(s). Re-process stored drafts with "
               f"`cvparse reprocess --referential-version {version.referential}`")


def rollback(referential: ReferentialOption = None, by: ByOption = None) -> None:
    """Return to the previous learned-layer version (or none), audited."""
    from cvparse.service.store import open_stores

    err = Console(stderr=True)
    ref = open_pipeline(referential, err).referential
    done = open_stores().learned.rollback(ref.checksum, _operator(by))
    if done is None:
        err.print(f"[red]error[/red] no learned layer is active for {ref.ref}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    gone, now = done
    now_text = f"v{now.version} ({now.digest[:12]}) is active" if now else "no layer is active"
    typer.echo(f"learned layer v{gone.version} rolled back for {ref.ref}: {now_text}. "
               f"Re-process stored drafts with `cvparse reprocess --referential-version "
               f"{ref.ref}`")
