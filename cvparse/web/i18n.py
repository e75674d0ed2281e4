"""Page strings in French (default) and English (`?lang=en`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "cvparse — profil de compétences",
        "login": "Connexion",
        "token": "Jeton d'accès",
        "token_help": "Le jeton vous a été remis par votre administrateur (il commence par cvp_).",
        "sign_in": "Se connecter",
        "sign_out": "Se déconnecter",
        "bad_token": "Jeton inconnu ou révoqué : vérifiez-le ou demandez-en un nouveau.",
        "upload_title": "Déposer votre CV",
        "choose": "Choisissez votre CV (PDF, DOCX, ODT ou texte, 10 Mo au plus) "
                  "ou déposez-le ici",
        "send": "Envoyer",
        "uploading": "Envoi en cours…",
        "status": "État",
        "queued": "En attente de traitement",
        "processing": "Lecture du CV en cours…",
        "draft_ready": "Votre CV a été lu. Votre conseiller va maintenant vérifier chaque "
                       "élément avec vous.",
        "needs_ocr": "Votre CV est une image (scan) que nous n'avons pas pu lire : "
                     "envoyez-le en PDF texte ou en DOCX.",
        "failed": "Le traitement a échoué",
        "notice_title": "Ce que nous faisons de votre CV",
        "notice": "Votre CV sert uniquement à préparer votre profil de compétences. Un "
                  "logiciel propose des métiers et des compétences ; c'est votre conseiller "
                  "qui décide, élément par élément, de ce qui est enregistré. Les données "
                  "personnelles (identité, coordonnées, âge, santé, origine, religion…) ne "
                  "sont jamais reprises dans le profil. Le fichier et le brouillon sont "
                  "supprimés {days} jours après la validation de votre profil. Vous pouvez "
                  "demander leur effacement à tout moment à votre conseiller ou au délégué à "
                  "la protection des données.",
        "my_documents": "Mes documents",
        "advisor_title": "CV à relire",
        "review_title": "Relecture du profil",
        "cv": "CV",
        "draft": "Brouillon proposé",
        "confirm": "Confirmer",
        "reject": "Rejeter",
        "edit": "Modifier",
        "add": "Ajouter",
        "add_title": "Ajouter un élément du référentiel",
        "search": "Rechercher dans le référentiel",
        "kind": "Type",
        "comment": "Commentaire (facultatif)",
        "confidence": "confiance",
        "finalize": "Enregistrer le profil…",
        "summary": "Récapitulatif avant enregistrement",
        "confirmed": "confirmés",
        "edited": "modifiés",
        "rejected": "rejetés",
        "added": "ajoutés",
        "left_out": "non relus (ne seront pas enregistrés)",
        "save": "Enregistrer",
        "cancel": "Annuler",
        "saved": "Profil enregistré.",
        "shortcuts": "Raccourcis : j / k élément suivant / précédent, c confirmer, "
                     "r rejeter, e modifier, a ajouter, f enregistrer.",
        "metier": "Métiers",
        "appellation": "Appellations",
        "savoir-faire": "Savoir-faire",
        "savoir-etre": "Savoir-être professionnels",
        "savoir": "Savoirs",
        "macro": "Macro-compétences",
        "language": "Langues",
        "diploma": "Diplômes",
        "licence": "Permis et certifications",
        "experience": "Expériences",
        "competence": "Compétence",
        "open": "Relire",
        "decided": "Décision",
        "lang_switch": "English",
    },
    "en": {
        "title": "cvparse — skills profile",
        "login": "Sign in",
        "token": "Access token",
        "token_help": "Your administrator gave you this token (it starts with cvp_).",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "bad_token": "Unknown or revoked token: check it or ask for a new one.",
        "upload_title": "Upload your CV",
        "choose": "Choose your CV (PDF, DOCX, ODT or text, 10 MB at most) or drop it here",
        "send": "Send",
        "uploading": "Uploading…",
        "status": "Status",
        "queued": "Waiting to be processed",
        "processing": "Reading your CV…",
        "draft_ready": "Your CV has been read. Your advisor will now check each item with you.",
        "needs_ocr": "Your CV is an image (scan) we could not read: send it as a text PDF or "
                     "DOCX.",
        "failed": "Processing failed",
        "notice_title": "What we do with your CV",
        "notice": "Your CV is only used to prepare your skills profile. Software proposes "
                  "jobs and skills; your advisor decides, item by item, what is saved. "
                  "Personal data (identity, contact details, age, health, origin, religion…) "
                  "never enters the profile. The file and the draft are deleted {days} days "
                  "after your profile is validated. You can ask for their erasure at any time "
                  "from your advisor or the data protection officer.",
        "my_documents": "My documents",
        "advisor_title": "CVs to review",
        "review_title": "Profile review",
        "cv": "CV",
        "draft": "Proposed draft",
        "confirm": "Confirm",
        "reject": "Reject",
        "edit": "Edit",
        "add": "Add",
        "add_title": "Add an item from the referential",
        "search": "Search the referential",
        "kind": "Kind",
        "comment": "Comment (optional)",
        "confidence": "confidence",
        "finalize": "Save the profile…",
        "summary": "Summary before saving",
        "confirmed": "confirmed",
        "edited": "edited",
        "rejected": "rejected",
        "added": "added",
        "left_out": "not reviewed (will not be saved)",
        "save": "Save",
        "cancel": "Cancel",
        "saved": "Profile saved.",
        "shortcuts": "Shortcuts: j / k next / previous item, c confirm, r reject, e edit, "
                     "a add, f save.",
        "metier": "Occupations",
        "appellation": "Job titles",
        "savoir-faire": "Skills (savoir-faire)",
        "savoir-etre": "Soft skills (savoir-être)",
        "savoir": "Knowledge (savoirs)",
        "macro": "Macro-skills",
        "language": "Languages",
        "diploma": "Diplomas",
        "licence": "Licences and certifications",
        "experience": "Experience",
        "competence": "Skill",
        "open": "Review",
        "decided": "Decision",
        "lang_switch": "Français",
    },
}


def strings(lang: str | None) -> dict[str, str]:
    return STRINGS["en" if lang == "en" else "fr"]
