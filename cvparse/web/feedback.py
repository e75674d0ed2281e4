"""The ops page of the accuracy in real use (`/ops/feedback`, issue #19 point 1): the feedback
report's tables and plots, and the self-contained HTML report to download and publish.

For the roles ops and admin only; anyone else gets the login page, like every page they may
not open. The figures are the same as `cvparse feedback report` and `GET /api/v1/ops/feedback`
(`cvparse.service.feedback.publish`): counts, rates, item codes and labels — never an evidence
phrase, a name or an id. The plots are PNGs served by a route of their own (the page's CSP
allows images from this origin; `Cache-Control: no-store` comes from the security middleware
like every non-static response)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from cvparse.api.deps import Services, Svc
from cvparse.service.feedback.report import FeedbackReport
from cvparse.service.store.accounts import User
from cvparse.web.pages import _login_redirect, _render, _user

router = APIRouter(include_in_schema=False)
ROLES = ("ops", "admin")
PlotName = Annotated[str, Path(pattern="^(reliability|kinds|bands)$")]


def _allowed(request: Request, svc: Services) -> User | None:
    user = _user(request, svc)
    return user if user is not None and user.role in ROLES else None


def _report(request: Request, svc: Services) -> FeedbackReport:
    from cvparse.service.feedback.publish import load_report

    referential = (request.query_params.get("referential") or "").strip()[:100] or None
    finalized = request.query_params.get("finalized") == "1"
    return load_report(svc.stores.engine, referential=referential, finalized_only=finalized)


def _filters(request: Request) -> str:
    """The page's filters, to carry to the plots and the download."""
    kept = {k: v for k in ("referential", "finalized")
            if (v := request.query_params.get(k))}
    return "?" + urlencode(kept) if kept else ""


@router.get("/ops/feedback", response_class=HTMLResponse)
def feedback_page(request: Request, svc: Svc) -> Response:
    user = _allowed(request, svc)
    if user is None:
        return _login_redirect(request)
    report = _report(request, svc)
    return _render(request, "feedback.html", user, report=report, filters=_filters(request),
                   referential=request.query_params.get("referential") or "",
                   finalized=request.query_params.get("finalized") == "1")


@router.get("/ops/feedback/plots/{group}/{name}.png")
def feedback_plot(request: Request, svc: Svc, group: Annotated[int, Path(ge=1, le=1000)],
                  name: PlotName) -> Response:
    """One plot of the report's group number `group` (from 1, in the page's order)."""
    if _allowed(request, svc) is None:
        return _login_redirect(request)
    from cvparse.service.feedback.plots import render

    groups = _report(request, svc).groups
    if group > len(groups):
        return Response(status_code=404)
    return Response(render(groups[group - 1], name), media_type="image/png")


@router.get("/ops/feedback/rapport.html")
def feedback_download(request: Request, svc: Svc) -> Response:
    """The self-contained HTML report, as a file to keep and publish (not a page of the
    site: it carries its own small stylesheet)."""
    if _allowed(request, svc) is None:
        return _login_redirect(request)
    from cvparse.service.feedback.html import render_html
    from cvparse.service.feedback.publish import HTML_NAME

    return HTMLResponse(render_html(_report(request, svc)), headers={
        "Content-Disposition": f'attachment; filename="{HTML_NAME}"'})
