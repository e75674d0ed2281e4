"""The API's routes, one module per resource, all under `/api/v1`.

Every read or write of personal data writes an audit entry (who, what, when, before → after).
"""

from fastapi import APIRouter

from cvparse.api.routes import (
    admin,
    break_glass,
    documents,
    ops,
    page_images,
    profiles,
    referential,
    review,
    users,
)

router = APIRouter(prefix="/api/v1")
for module in (review, documents, page_images, profiles, referential, ops, users,
               break_glass, admin):
    router.include_router(module.router)

__all__ = ["router"]
