"""The CV beside the draft: its pages as text and as images, personal data covered unless the
caller asks to reveal it (each reveal written to the audit log).

Same access as the draft (the job seeker, their advisors, an admin); anyone else gets 404, so
that a guessed id does not even tell whether the document exists. The rendering and the
masking live in `cvparse.service.page_images`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from cvparse.api.deps import Caller, Services, Svc, document_for, draft_and_state
from cvparse.api.errors import ApiError
from cvparse.engine.profile.models import DraftProfile
from cvparse.service.page_images import CvView, cv_view, image_key, page_png
from cvparse.service.store.accounts import User
from cvparse.service.store.documents import DocumentRecord
from cvparse.service.store.files import StoredFileCorruptError, StoredFileMissingError

router = APIRouter()

Reveal = Annotated[bool, Query(description="send the personal data too (written to the audit "
                                           "log); masked by default")]


class PageBox(BaseModel):
    """A box on a page, in fractions of its width and height (the image's size does not
    matter to the page drawing it)."""

    page: int
    x: float
    y: float
    w: float
    h: float


class CvPageOut(BaseModel):
    number: int
    start: int = Field(description="offset of the page's first character in the CV text")
    text: str = Field(description="masked characters are replaced by █ (offsets unchanged) "
                                  "unless revealed")
    ocr: bool
    width: float = Field(description="in PDF points")
    height: float
    image: str | None = Field(description="URL of the page image (PDF only)")
    masked: list[tuple[int, int]] = Field(description="personal data spans on this page")


class CvOut(BaseModel):
    format: str
    revealed: bool
    excluded: dict[str, int] = Field(description="categories of personal data masked")
    pages: list[CvPageOut]
    evidence: dict[str, list[PageBox]] = Field(
        description="for each draft field id, where its evidence sits on the pages")


@router.get("/documents/{document_id}/pages", response_model=CvOut, tags=["review"],
            responses={404: {"description": "no such document, or not yours to read"}})
def cv_pages(document_id: str, svc: Svc, user: Caller, reveal: Reveal = False) -> CvOut:
    """The CV as the review page shows it: its text page by page (personal data masked
    unless revealed), the URL of each page image, and where each field's evidence sits."""
    doc, draft, view = _view(svc, user, document_id)
    if reveal:
        svc.stores.audit.record(user, "document.reveal", "document", doc.id,
                                after={"what": "text"})
    else:
        svc.stores.audit.record(user, "document.text", "document", doc.id)
    text = view.document.text if reveal else view.masked_text
    pages = []
    for page in view.pages:
        pages.append(CvPageOut(
            number=page.number, start=page.start, text=text[page.start:page.end],
            ocr=page.ocr, width=page.width, height=page.height,
            image=(f"/api/v1/documents/{doc.id}/pages/{page.number}.png"
                   if view.has_images else None),
            masked=[(s, e) for s, e in view.masked if page.start <= s < page.end],
        ))
    evidence: dict[str, list[PageBox]] = {}
    if view.has_images:
        sizes = {p.number: (p.width or 1.0, p.height or 1.0) for p in view.pages}
        for field in draft.fields:
            boxes = [
                PageBox(page=number, x=round(box[0] / sizes[number][0], 4),
                        y=round(box[1] / sizes[number][1], 4),
                        w=round((box[2] - box[0]) / sizes[number][0], 4),
                        h=round((box[3] - box[1]) / sizes[number][1], 4))
                for ev in field.evidence
                for number, box in view.boxes(ev.start, ev.end)
                if number in sizes
            ]
            if boxes:
                evidence[field.id] = boxes
    return CvOut(format=view.document.format, revealed=reveal, excluded=view.excluded,
                 pages=pages, evidence=evidence)


@router.get("/documents/{document_id}/pages/{number}.png", tags=["review"],
            response_class=Response,
            responses={200: {"content": {"image/png": {}},
                             "description": "the page, personal data covered"},
                       304: {"description": "unchanged since the ETag sent"},
                       404: {"description": "no such page, not a PDF, or not yours to read"}})
def page_image(document_id: str, request: Request, svc: Svc, user: Caller,
               number: Annotated[int, Path(ge=1, le=1000)], reveal: Reveal = False
               ) -> Response:
    """One PDF page as a PNG, rendered once and cached. Personal data and pictures are
    covered on the server; `reveal=true` sends the page as it is, written to the audit log.
    Neither is kept by the browser (`no-store`): even masked, a page shows a person's CV, and
    a shared computer's disk cache must not hold it (issue #18). The masked image keeps its
    ETag: a client that sends it back gets a 304 without a new rendering."""
    doc, _draft, view = _view(svc, user, document_id)
    page = view.page(number)
    if not view.has_images or page is None:
        raise ApiError(404, "not_found",
                       f"Document {document_id} has no page image {number} (only the pages "
                       "of a PDF are drawn; read the text of the others).")
    if reveal:
        svc.stores.audit.record(user, "document.reveal", "document", doc.id,
                                after={"what": "page", "page": number})
        png = _png(svc, doc, view, number, reveal=True)
        return Response(png, media_type="image/png",
                        headers={"Cache-Control": "private, no-store"})
    svc.stores.audit.record(user, "document.page", "document", doc.id,
                            after={"page": number})
    etag = f'"{image_key(doc, view, page)}"'
    headers = {"Cache-Control": "private, no-store", "ETag": etag}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(_png(svc, doc, view, number, reveal=False), media_type="image/png",
                    headers=headers)


def _view(svc: Services, user: User, document_id: str
          ) -> tuple[DocumentRecord, DraftProfile, CvView]:
    try:
        doc = document_for(svc, user, document_id)
    except ApiError as exc:
        if exc.status != 403:
            raise
        raise ApiError(404, "not_found", f"No document {document_id}.") from None
    draft, _state = draft_and_state(svc, doc)
    try:
        return doc, draft, cv_view(svc.stores, doc, draft)
    except (StoredFileMissingError, StoredFileCorruptError):
        raise _gone(document_id) from None


def _png(svc: Services, doc: DocumentRecord, view: CvView, number: int, *, reveal: bool
         ) -> bytes:
    page = view.page(number)
    assert page is not None
    try:
        return page_png(svc.stores, doc, view, page, reveal=reveal)
    except (StoredFileMissingError, StoredFileCorruptError):
        raise _gone(doc.id) from None


def _gone(document_id: str) -> ApiError:
    return ApiError(404, "not_found", f"The original file of document {document_id} is no "
                    "longer stored (retention period over, or erased).",
                    "Le fichier d'origine de ce document n'est plus conservé (durée de "
                    "conservation écoulée, ou effacement).")
