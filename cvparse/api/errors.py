"""Every error is a JSON body with a stable code and a message in French and English:

    {"error": {"code": "file_too_large", "message": {"fr": "…", "en": "…"}}}
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from cvparse.api.security_headers import error_headers

# French messages by code; English ones come from the raising site when more specific.
FR: dict[str, str] = {
    "unauthenticated": "Authentification requise : envoyez un jeton valide "
                       "(en-tête Authorization: Bearer …).",
    "forbidden": "Votre rôle ne permet pas cette action sur cette ressource.",
    "not_found": "Ressource introuvable (ou vous n'y avez pas accès).",
    "file_too_large": "Le fichier dépasse la taille maximale autorisée ; un CV fait rarement "
                      "plus de 5 Mo : compressez ses images ou exportez-le à nouveau en PDF.",
    "too_many_pages": "Le document a trop de pages pour un CV : envoyez seulement votre CV.",
    "empty_file": "Le fichier est vide : enregistrez à nouveau votre CV et renvoyez-le.",
    "unsupported_format": "Format non pris en charge : envoyez votre CV en PDF, DOCX, ODT ou "
                          "texte.",
    "wrong_extension": "Le contenu du fichier ne correspond pas à son extension : enregistrez-le "
                       "en PDF, DOCX, ODT ou texte et renvoyez-le.",
    "encrypted": "Le fichier est protégé par un mot de passe : retirez la protection et "
                 "renvoyez-le.",
    "corrupt_file": "Le fichier est endommagé ou incomplet : exportez-le à nouveau et "
                    "renvoyez-le.",
    "unsafe_file": "Le fichier a une structure dangereuse (bombe ZIP, entités XML) et a été "
                   "refusé : enregistrez votre CV à nouveau (ou en PDF) et renvoyez-le.",
    "macro_document": "Les documents à macros ne sont pas acceptés : enregistrez le CV en DOCX "
                      "ou PDF.",
    "missing_file": "Aucun fichier reçu : joignez votre CV dans le champ « file ».",
    "invalid_request": "Requête invalide : vérifiez les champs envoyés.",
    "stale_version": "Ce brouillon a été modifié par quelqu'un d'autre depuis votre lecture : "
                     "rechargez-le, puis refaites votre modification.",
    "finalized": "Ce profil est déjà enregistré : la relecture est close.",
    "draft_not_ready": "Le brouillon n'est pas encore prêt : réessayez dans quelques instants.",
    "unknown_field": "Ce champ n'existe pas dans le brouillon.",
    "unknown_code": "Ce code n'existe pas dans le référentiel : choisissez une entrée via la "
                    "recherche.",
    "empty_edit": "Une modification doit changer le code, le niveau ou les dates.",
    "code_not_editable": "Ce type de champ n'a pas de code du référentiel.",
    "level_not_editable": "Ce type de champ n'a pas de niveau.",
    "year_not_editable": "Seul un diplôme a une année.",
    "dates_not_editable": "Seule une expérience a des dates.",
    "bad_level": "Niveau invalide (langue : A1 à C2 ; diplôme : 3 à 8).",
    "bad_dates": "La date de fin est antérieure à la date de début : corrigez l'une des deux "
                 "(pas de date de fin si l'emploi est en cours).",
    "method_not_allowed": "Méthode HTTP non autorisée sur cette adresse.",
    "sensitive_words": "Ce texte contient des informations sensibles qui ne doivent pas être "
                       "enregistrées : retirez-les.",
    "unknown_user": "Ce compte n'existe pas.",
    "unknown_token": "Ce jeton n'existe pas ou est déjà révoqué.",
    "login_taken": "Cet identifiant est déjà pris : choisissez-en un autre.",
    "missing_login": "Ce compte n'a pas d'identifiant : il se connecte par son fournisseur "
                     "d'identité.",
    "bad_role": "Rôle inconnu : job_seeker, advisor, ops ou admin.",
    "bad_name": "Indiquez le nom affiché du compte.",
    "not_an_advisor": "Ce compte n'est pas celui d'un conseiller.",
    "not_a_job_seeker": "Ce compte n'est pas celui d'un demandeur d'emploi.",
    "not_assigned": "Ce conseiller ne suit pas ce demandeur d'emploi.",
    "bad_reset_link": "Ce lien est inconnu, déjà utilisé ou expiré : demandez-en un nouveau à "
                      "votre administrateur.",
    "reason_required": "Indiquez le motif de l'accès exceptionnel (au moins 15 caractères : "
                       "numéro d'incident, demande de la personne…).",
    "rate_limited": "Trop de tentatives : patientez avant de réessayer.",
    "internal_error": "Erreur interne : l'équipe a été prévenue ; rien n'a été perdu.",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, en: str, fr: str | None = None,
                 **extra) -> None:
        super().__init__(en)
        self.status, self.code, self.en = status, code, en
        self.fr = fr or FR.get(code, en)
        self.extra = extra


def body(code: str, en: str, fr: str | None = None, **extra) -> dict:
    return {"error": {"code": code, "message": {"fr": fr or FR.get(code, en), "en": en},
                      **extra}}


ACCOUNT_STATUS = {"unknown_user": 404, "unknown_token": 404, "login_taken": 409,
                  "not_assigned": 404}


def install(app: FastAPI) -> None:
    from cvparse.service.ratelimit import RateLimited
    from cvparse.service.store.accounts import AccountError
    from cvparse.service.store.passwords import PasswordPolicyError

    @app.exception_handler(AccountError)
    async def _account(_request: Request, exc: AccountError) -> JSONResponse:
        return JSONResponse(body(exc.code, str(exc)), ACCOUNT_STATUS.get(exc.code, 422))

    @app.exception_handler(PasswordPolicyError)
    async def _policy(_request: Request, exc: PasswordPolicyError) -> JSONResponse:
        return JSONResponse(body(exc.code, exc.en, exc.fr), 422)

    @app.exception_handler(RateLimited)
    async def _rate_limited(_request: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse(body("rate_limited", "Too many failed attempts: wait "
                                 f"{exc.retry_after} s before trying again.",
                                 retry_after=exc.retry_after),
                            429, headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(body(exc.code, exc.en, exc.fr, **exc.extra), exc.status,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        en = "Invalid request: " + "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        return JSONResponse(body("invalid_request", en[:1000], details=details), 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthenticated",
                403: "forbidden", 413: "file_too_large"}.get(exc.status_code, "invalid_request")
        return JSONResponse(body(code, str(exc.detail)), exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
        # Starlette sends this one from outside the middleware: the headers are set here.
        return JSONResponse(body("internal_error", "Internal error: the team has been alerted; "
                                 "nothing was lost."), 500, headers=error_headers())
