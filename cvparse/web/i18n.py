"""Page strings in French (default) and English (`?lang=en`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "cvparse — profil de compétences",
        "login": "Connexion",
        "sign_in": "Se connecter",
        "sign_out": "Se déconnecter",
        "upload_title": "Déposer votre CV",
        "choose": "Choisissez votre CV (PDF, DOCX, ODT ou texte, {max} au plus) "
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
        # Advisor list (state in advisor words, never the job seeker's sentence).
        "col_name": "Demandeur d'emploi",
        "col_date": "Déposé le",
        "col_state": "État",
        "col_file": "Fichier",
        "col_action": "Action",
        "state_to_review": "À relire",
        "state_in_progress": "En cours",
        "state_in_progress_n": "En cours {done}/{total}",
        "state_processing": "Lecture en cours",
        "state_saved_on": "Enregistré le {when}",
        "state_saved_by": " par {who}",
        "state_failed": "Échec : {why}",
        "why_corrupt_file": "fichier endommagé",
        "why_empty_file": "fichier vide",
        "why_encrypted": "fichier protégé par mot de passe",
        "why_unsafe_file": "structure dangereuse, fichier refusé",
        "why_unsupported_format": "format non pris en charge",
        "why_wrong_extension": "contenu différent de l'extension",
        "why_too_many_pages": "trop de pages pour un CV",
        "why_macro_document": "document à macros",
        "why_file_missing": "fichier absent du stockage",
        "why_file_corrupt": "copie stockée endommagée",
        "why_timeout": "lecture trop longue, arrêtée",
        "why_service_unavailable": "service momentanément indisponible",
        "why_internal_error": "erreur interne",
        "why_needs_ocr": "CV scanné, illisible sans reconnaissance de texte",
        "why_extraction_error": "fichier illisible",
        "why_unknown": "raison inconnue",
        "filter_state": "État",
        "filter_all": "Tous",
        "filter_to_review": "À relire",
        "filter_in_progress": "En cours",
        "filter_processing": "Lecture en cours",
        "filter_saved": "Enregistrés",
        "filter_failed": "En échec",
        "search_name": "Demandeur d'emploi (nom)",
        "search_go": "Afficher",
        "search_clear": "Tout afficher",
        "sort_by": "Trier par",
        "sort_-date": "Date, plus récents d'abord",
        "sort_date": "Date, plus anciens d'abord",
        "sort_state": "État, à relire d'abord",
        "sort_-state": "État, enregistrés d'abord",
        "list_range": "{first}–{last} sur {total} documents",
        "list_one": "1 document",
        "list_empty": "Aucun document ne correspond à ces critères.",
        "pages": "Pages",
        "page_prev": "Page précédente",
        "page_next": "Page suivante",
        "page_of": "Page {page} sur {pages}",
        "view": "Voir",
        "file_purged": "fichier effacé (durée de conservation écoulée)",
        # Job seeker: "Mes documents".
        "my_documents_intro": "Vos CV et où ils en sont. Votre conseiller vérifie chaque "
                              "élément avec vous avant d'enregistrer votre profil.",
        "upload_new": "Déposer un CV",
        "uploaded_on": "Déposé le {when}",
        "no_documents": "Vous n'avez pas encore déposé de CV.",
        "see_my_documents": "Voir mes documents",
        "seeker_processing": "Votre CV est en cours de lecture. Cette page se met à jour "
                             "toute seule.",
        "seeker_to_review": "Votre CV a été lu. Votre conseiller va vérifier chaque élément "
                            "avec vous avant d'enregistrer votre profil.",
        "seeker_in_progress": "Votre conseiller est en train de vérifier votre profil.",
        "seeker_saved": "Votre conseiller a enregistré votre profil le {when}.",
        "seeker_saved_plain": "Votre conseiller a enregistré votre profil.",
        "seeker_failed_corrupt_file": "Nous n'avons pas pu lire ce CV : le fichier est "
                                      "endommagé ou incomplet. Exportez-le à nouveau (en PDF "
                                      "de préférence), puis remplacez-le.",
        "seeker_failed_empty_file": "Ce CV est vide : il n'a pas été enregistré correctement. "
                                    "Enregistrez-le à nouveau, puis remplacez-le.",
        "seeker_failed_encrypted": "Ce CV est protégé par un mot de passe : retirez la "
                                   "protection (ou exportez-le en PDF sans mot de passe), puis "
                                   "remplacez-le.",
        "seeker_failed_unsafe_file": "Ce fichier a une structure inhabituelle que nous "
                                     "refusons par sécurité. Enregistrez votre CV à nouveau en "
                                     "PDF, puis remplacez-le.",
        "seeker_failed_unsupported_format": "Ce fichier n'est pas dans un format accepté. "
                                            "Enregistrez votre CV en PDF, DOCX, ODT ou texte, "
                                            "puis remplacez-le.",
        "seeker_failed_wrong_extension": "Le contenu de ce fichier ne correspond pas à son "
                                         "extension. Enregistrez votre CV en PDF, DOCX, ODT ou "
                                         "texte, puis remplacez-le.",
        "seeker_failed_too_many_pages": "Ce document a trop de pages pour un CV : remplacez-le "
                                        "par votre CV seul.",
        "seeker_failed_macro_document": "Les documents à macros ne sont pas acceptés : "
                                        "enregistrez votre CV en DOCX ou en PDF, puis "
                                        "remplacez-le.",
        "seeker_failed_file_missing": "Le fichier reçu a été perdu de notre côté ; vous n'y "
                                      "êtes pour rien. Remplacez-le par le même CV.",
        "seeker_failed_file_corrupt": "Le fichier reçu a été abîmé de notre côté ; vous n'y "
                                      "êtes pour rien. Remplacez-le par le même CV.",
        "seeker_failed_timeout": "La lecture de ce CV a pris trop de temps et a été arrêtée. "
                                 "Exportez-le en PDF simple (moins de pages, sans grandes "
                                 "images), puis remplacez-le.",
        "seeker_failed_service_unavailable": "Le service était momentanément indisponible et "
                                             "n'a pas pu lire ce CV. Réessayez plus tard en le "
                                             "remplaçant par le même fichier.",
        "seeker_failed_internal_error": "Une erreur de notre côté a empêché la lecture de ce "
                                        "CV ; l'équipe a été prévenue. Remplacez-le par le même "
                                        "fichier pour réessayer, ou prévenez votre conseiller.",
        "seeker_failed_needs_ocr": "Votre CV est une image (un scan ou une photo) que nous "
                                   "n'avons pas pu lire. Remplacez-le par un PDF créé depuis "
                                   "un traitement de texte, ou par un DOCX.",
        "seeker_failed_other": "Nous n'avons pas pu lire ce CV. Exportez-le à nouveau en PDF "
                               "ou en DOCX, puis remplacez-le ; si cela se reproduit, "
                               "prévenez votre conseiller.",
        "profile_title": "Votre profil enregistré",
        "profile_note": "Ce que votre conseiller a validé avec vous. Pour le faire évoluer, "
                        "adressez-vous à votre conseiller.",
        "profile_empty": "Aucun élément n'a été retenu dans ce profil.",
        "profile_metier": "Métiers",
        "profile_savoir-faire": "Savoir-faire",
        "profile_savoir-etre": "Savoir-être professionnels",
        "profile_savoir": "Savoirs",
        "profile_language": "Langues",
        "profile_diploma": "Diplômes",
        "profile_licence": "Permis et certifications",
        "profile_experience": "Expériences",
        "driving_licence": "Permis {code}",
        "until_now": "aujourd'hui",
        "one_year": "1 an",
        "years": "{n} ans",
        "one_month": "1 mois",
        "months": "{n} mois",
        "replace": "Remplacer ce CV",
        "replace_title": "Remplacer « {name} »",
        "replace_text": "Choisissez le nouveau CV. Dès qu'il est reçu, l'ancien est effacé "
                        "définitivement avec sa lecture et son brouillon de profil.",
        "replace_send": "Remplacer",
        "delete": "Supprimer",
        "delete_title": "Supprimer « {name} » ?",
        "delete_text": "Le fichier, sa lecture et son brouillon de profil seront effacés "
                       "définitivement, comme pour une demande d'effacement. Cette action ne "
                       "peut pas être annulée.",
        "delete_profile_too": "Le profil enregistré à partir de ce CV sera aussi effacé.",
        "delete_yes": "Supprimer définitivement",
        "deleted": "« {name} » a été supprimé.",
        # Errors the browser explains before sending, and an expired session.
        "limit": "Formats acceptés : PDF, DOCX, ODT ou texte (.txt). Taille maximale : {max}.",
        "too_large": "« {name} » fait {size} : c'est plus que la limite de {max}. Compressez "
                     "les images du CV ou exportez-le à nouveau en PDF, puis réessayez.",
        "wrong_type": "« {name} » n'est pas dans un format accepté : envoyez votre CV en PDF, "
                      "DOCX, ODT ou texte (.txt). Pour une photo ou un scan, enregistrez-le "
                      "d'abord en PDF.",
        "empty_file": "« {name} » est vide : enregistrez à nouveau votre CV, puis "
                      "renvoyez-le.",
        "no_file": "Choisissez d'abord le fichier de votre CV.",
        "session_expired": "Votre session a expiré : reconnectez-vous pour continuer.",
        "session_expired_polling": "Votre session a expiré : reconnectez-vous pour suivre la "
                                   "lecture de votre CV. Le CV a bien été reçu.",
        "sign_in_again": "Se reconnecter",
        "network_error": "La connexion au service a été interrompue : vérifiez votre "
                         "connexion Internet, puis réessayez.",
        "failed_generic": "L'opération a échoué : rechargez la page, puis réessayez.",
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
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "upload_title": "Upload your CV",
        "choose": "Choose your CV (PDF, DOCX, ODT or text, {max} at most) or drop it here",
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
        # Advisor list (state in advisor words, never the job seeker's sentence).
        "col_name": "Job seeker",
        "col_date": "Uploaded",
        "col_state": "Status",
        "col_file": "File",
        "col_action": "Action",
        "state_to_review": "To review",
        "state_in_progress": "In progress",
        "state_in_progress_n": "In progress {done}/{total}",
        "state_processing": "Being read",
        "state_saved_on": "Saved on {when}",
        "state_saved_by": " by {who}",
        "state_failed": "Failed: {why}",
        "why_corrupt_file": "damaged file",
        "why_empty_file": "empty file",
        "why_encrypted": "password-protected file",
        "why_unsafe_file": "unsafe structure, file refused",
        "why_unsupported_format": "unsupported format",
        "why_wrong_extension": "content does not match the extension",
        "why_too_many_pages": "too many pages for a CV",
        "why_macro_document": "document with macros",
        "why_file_missing": "file missing from storage",
        "why_file_corrupt": "stored copy damaged",
        "why_timeout": "reading took too long and was stopped",
        "why_service_unavailable": "service temporarily unavailable",
        "why_internal_error": "internal error",
        "why_needs_ocr": "scanned CV, unreadable without text recognition",
        "why_extraction_error": "unreadable file",
        "why_unknown": "unknown reason",
        "filter_state": "Status",
        "filter_all": "All",
        "filter_to_review": "To review",
        "filter_in_progress": "In progress",
        "filter_processing": "Being read",
        "filter_saved": "Saved",
        "filter_failed": "Failed",
        "search_name": "Job seeker (name)",
        "search_go": "Show",
        "search_clear": "Show all",
        "sort_by": "Sort by",
        "sort_-date": "Date, newest first",
        "sort_date": "Date, oldest first",
        "sort_state": "Status, to review first",
        "sort_-state": "Status, saved first",
        "list_range": "{first}–{last} of {total} documents",
        "list_one": "1 document",
        "list_empty": "No document matches these criteria.",
        "pages": "Pages",
        "page_prev": "Previous page",
        "page_next": "Next page",
        "page_of": "Page {page} of {pages}",
        "view": "View",
        "file_purged": "file erased (retention period over)",
        # Job seeker: "My documents".
        "my_documents_intro": "Your CVs and where they stand. Your advisor checks each item "
                              "with you before saving your profile.",
        "upload_new": "Upload a CV",
        "uploaded_on": "Uploaded on {when}",
        "no_documents": "You have not uploaded a CV yet.",
        "see_my_documents": "See my documents",
        "seeker_processing": "Your CV is being read. This page updates by itself.",
        "seeker_to_review": "Your CV has been read. Your advisor will check each item with you "
                            "before saving your profile.",
        "seeker_in_progress": "Your advisor is checking your profile.",
        "seeker_saved": "Your advisor saved your profile on {when}.",
        "seeker_saved_plain": "Your advisor saved your profile.",
        "seeker_failed_corrupt_file": "We could not read this CV: the file is damaged or "
                                      "incomplete. Export it again (preferably as PDF), then "
                                      "replace it.",
        "seeker_failed_empty_file": "This CV is empty: it was not saved properly. Save it "
                                    "again, then replace it.",
        "seeker_failed_encrypted": "This CV is password-protected: remove the protection (or "
                                   "export it as a PDF without password), then replace it.",
        "seeker_failed_unsafe_file": "This file has an unusual structure we refuse for "
                                     "safety. Save your CV again as PDF, then replace it.",
        "seeker_failed_unsupported_format": "This file is not in an accepted format. Save "
                                            "your CV as PDF, DOCX, ODT or text, then replace "
                                            "it.",
        "seeker_failed_wrong_extension": "This file's content does not match its extension. "
                                         "Save your CV as PDF, DOCX, ODT or text, then "
                                         "replace it.",
        "seeker_failed_too_many_pages": "This document has too many pages for a CV: replace "
                                        "it with your CV alone.",
        "seeker_failed_macro_document": "Documents with macros are not accepted: save your CV "
                                        "as DOCX or PDF, then replace it.",
        "seeker_failed_file_missing": "The file we received was lost on our side; it is not "
                                      "your doing. Replace it with the same CV.",
        "seeker_failed_file_corrupt": "The file we received was damaged on our side; it is "
                                      "not your doing. Replace it with the same CV.",
        "seeker_failed_timeout": "Reading this CV took too long and was stopped. Export it as "
                                 "a simple PDF (fewer pages, no large images), then replace "
                                 "it.",
        "seeker_failed_service_unavailable": "The service was temporarily unavailable and "
                                             "could not read this CV. Try again later by "
                                             "replacing it with the same file.",
        "seeker_failed_internal_error": "An error on our side stopped this CV from being "
                                        "read; the team has been alerted. Replace it with the "
                                        "same file to try again, or tell your advisor.",
        "seeker_failed_needs_ocr": "Your CV is an image (a scan or a photo) we could not "
                                   "read. Replace it with a PDF made from a word processor, "
                                   "or a DOCX.",
        "seeker_failed_other": "We could not read this CV. Export it again as PDF or DOCX, "
                               "then replace it; if this happens again, tell your advisor.",
        "profile_title": "Your saved profile",
        "profile_note": "What your advisor validated with you. To change it, ask your "
                        "advisor.",
        "profile_empty": "No item was kept in this profile.",
        "profile_metier": "Occupations",
        "profile_savoir-faire": "Skills",
        "profile_savoir-etre": "Soft skills",
        "profile_savoir": "Knowledge",
        "profile_language": "Languages",
        "profile_diploma": "Diplomas",
        "profile_licence": "Licences and certifications",
        "profile_experience": "Experience",
        "driving_licence": "Driving licence {code}",
        "until_now": "present",
        "one_year": "1 year",
        "years": "{n} years",
        "one_month": "1 month",
        "months": "{n} months",
        "replace": "Replace this CV",
        "replace_title": "Replace “{name}”",
        "replace_text": "Choose the new CV. As soon as it is received, the old one is erased "
                        "for good with its reading and its draft profile.",
        "replace_send": "Replace",
        "delete": "Delete",
        "delete_title": "Delete “{name}”?",
        "delete_text": "The file, its reading and its draft profile will be erased for good, "
                       "as for an erasure request. This cannot be undone.",
        "delete_profile_too": "The profile saved from this CV will be erased too.",
        "delete_yes": "Delete for good",
        "deleted": "“{name}” was deleted.",
        # Errors the browser explains before sending, and an expired session.
        "limit": "Accepted formats: PDF, DOCX, ODT or text (.txt). Maximum size: {max}.",
        "too_large": "“{name}” is {size}: more than the {max} limit. Compress the CV's images "
                     "or export it again as PDF, then try again.",
        "wrong_type": "“{name}” is not in an accepted format: send your CV as PDF, DOCX, ODT "
                      "or text (.txt). For a photo or a scan, save it as PDF first.",
        "empty_file": "“{name}” is empty: save your CV again, then send it again.",
        "no_file": "First choose your CV's file.",
        "session_expired": "Your session has expired: sign in again to continue.",
        "session_expired_polling": "Your session has expired: sign in again to follow the "
                                   "reading of your CV. The CV was received.",
        "sign_in_again": "Sign in again",
        "network_error": "The connection to the service was interrupted: check your Internet "
                         "connection, then try again.",
        "failed_generic": "That did not work: reload the page, then try again.",
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


# The review page (issue #17): states as words ("Confirmé"), counts with their plural, every
# label of the forms. Kept in one block so that the page's strings read together.
REVIEW_STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "bar_label": "Progression et enregistrement",
        "reviewed_count": "{x} / {n} relus",
        "next_undecided": "Suivant à décider",
        "all_decided": "Tous les éléments ont une décision : vous pouvez enregistrer le profil.",
        "hidden_by_filter": "Il reste {n} élément(s) à décider, masqué(s) par le filtre.",
        "filter_kind": "Type",
        "all_kinds": "Tous les types",
        "sort": "Ordre",
        "sort_cv": "Ordre du CV",
        "sort_confidence": "Confiance faible d'abord",
        "only_undecided": "Seulement les éléments à décider",
        "sync_idle": "Toutes les décisions sont enregistrées.",
        "sync_busy": "Enregistrement en cours…",
        "sync_offline": "Connexion perdue : les décisions sont gardées et renvoyées dès que "
                        "possible.",
        "review_session_expired": "Session expirée : reconnectez-vous dans un autre onglet ; vos "
                           "décisions sont gardées et seront envoyées ensuite.",
        "state_none": "À décider",
        "state_confirm": "Confirmé",
        "state_reject": "Rejeté",
        "state_edit": "Modifié",
        "state_add": "Ajouté",
        "state_pending": "enregistrement…",
        "state_unreviewed": "Non relu (non enregistré)",
        "undo": "Annuler la décision",
        "remove_added": "Retirer",
        "save_edit": "Enregistrer la modification",
        "conf_high": "Confiance élevée",
        "conf_medium": "Confiance moyenne",
        "conf_low": "Confiance faible",
        "evidence": "Dans le CV",
        "no_evidence": "Ajouté par un conseiller",
        "two_readings": "Deux lectures du même passage",
        "reading_fact": "Lu comme diplôme, permis ou certification",
        "reading_item": "Lu comme savoir du référentiel",
        "level": "Niveau",
        "level_none": "Non précisé",
        "year": "Année d'obtention",
        "diploma_title": "Intitulé du diplôme",
        "diploma_type": "Type de diplôme",
        "diploma_level": "Niveau (nomenclature 2019)",
        "level_n": "niveau {n}",
        "language_name": "Langue",
        "cefr_level": "Niveau (CECRL)",
        "licence_code": "Permis ou certification",
        "job_title": "Intitulé de poste (référentiel)",
        "start": "Début",
        "end": "Fin",
        "ongoing": "En cours",
        "today": "aujourd'hui",
        "choose_option": "Choisir…",
        "search_help": "Tapez au moins deux lettres puis choisissez une entrée.",
        "err_pick": "Choisissez une entrée dans la liste proposée.",
        "err_required": "Ce champ est obligatoire.",
        "err_year": "Indiquez une année entre 1950 et {max}.",
        "err_date_range": "Indiquez un mois entre 01/1950 et {max}.",
        "err_dates": "La fin doit être après le début.",
        "err_label": "Indiquez l'intitulé (au moins deux caractères).",
        "err_nothing": "Modifiez au moins une valeur, ou annulez.",
        "group_licence_driving": "Permis de conduire",
        "group_licence_caces": "CACES",
        "group_licence_electrical": "Habilitations électriques",
        "group_licence_certification": "Certifications",
        "kind_metier": "Métier",
        "kind_appellation": "Appellation",
        "kind_competence": "Compétence ou savoir",
        "kind_language": "Langue",
        "kind_diploma": "Diplôme",
        "kind_licence": "Permis ou certification",
        "kind_experience": "Expérience",
        "add_any_title": "Ajouter un élément",
        "show_text": "Afficher le texte",
        "show_pages": "Afficher les pages",
        "reveal": "Afficher les données personnelles",
        "hide_personal": "Masquer les données personnelles",
        "reveal_title": "Afficher les données personnelles ?",
        "reveal_text": "Les données personnelles (adresse, date de naissance, nationalité, "
                       "situation familiale, santé, photo…) sont masquées parce qu'elles ne "
                       "servent pas au profil. Les afficher est enregistré dans le journal "
                       "d'audit : votre nom, ce document, l'heure.",
        "reveal_ok": "Afficher et enregistrer l'accès",
        "revealed_note": "Données personnelles affichées : cet accès a été enregistré.",
        "masked_note": "Données personnelles masquées : {list}.",
        "masked_none": "Aucune donnée personnelle n'a été trouvée dans ce CV.",
        "masked_span": "donnée personnelle masquée",
        "page_alt": "Page {n} du CV, données personnelles masquées",
        "page_alt_revealed": "Page {n} du CV, données personnelles affichées",
        "page_n": "Page {n}",
        "cat_birth_date": "date de naissance ou âge",
        "cat_contact": "adresse et coordonnées",
        "cat_identity": "identité",
        "cat_nationality": "nationalité",
        "cat_family_status": "situation familiale",
        "cat_gender": "civilité",
        "cat_health": "santé",
        "cat_religion": "religion",
        "cat_political_opinion": "opinions politiques",
        "cat_union_membership": "appartenance syndicale",
        "cat_photo": "photo",
        "conflict_title": "Décision modifiée par un collègue",
        "conflict_text": "{who} a décidé entre-temps pour « {label} » : {theirs}. Votre "
                         "décision : {mine}.",
        "conflict_undecided": "aucune décision (annulée)",
        "conflict_keep": "Garder la décision de {who}",
        "conflict_mine": "Appliquer ma décision",
        "someone": "Un autre conseiller",
        "summary_confirm_one": "{n} confirmé",
        "summary_confirm_other": "{n} confirmés",
        "summary_edit_one": "{n} modifié",
        "summary_edit_other": "{n} modifiés",
        "summary_reject_one": "{n} rejeté",
        "summary_reject_other": "{n} rejetés",
        "summary_add_one": "{n} ajouté",
        "summary_add_other": "{n} ajoutés",
        "summary_left_one": "{n} non relu (ne sera pas enregistré)",
        "summary_left_other": "{n} non relus (ne seront pas enregistrés)",
        "waiting_saves": "Attente de l'enregistrement des dernières décisions…",
        "saved_banner": "Profil enregistré le {date} par {who}.",
        "saved_readonly": "Cette relecture est close : le profil enregistré est affiché en "
                          "lecture seule.",
        "saved_fields": "Enregistrés dans le profil",
        "rejected_fields": "Rejetés",
        "unreviewed_fields": "Non relus (non enregistrés)",
        "none": "aucun",
        "duration_years_one": "{n} an",
        "duration_years_other": "{n} ans",
        "duration_months_one": "{n} mois",
        "duration_months_other": "{n} mois",
        "review_shortcuts": "Raccourcis : j / k élément suivant / précédent, n suivant à "
                            "décider, c confirmer, r rejeter, e modifier, u annuler la "
                            "décision, a ajouter, v texte ou pages, f enregistrer le profil, "
                            "Échap fermer.",
    },
    "en": {
        "bar_label": "Progress and saving",
        "reviewed_count": "{x} / {n} reviewed",
        "next_undecided": "Next to decide",
        "all_decided": "Every item has a decision: you can save the profile.",
        "hidden_by_filter": "{n} item(s) still to decide are hidden by the filter.",
        "filter_kind": "Kind",
        "all_kinds": "All kinds",
        "sort": "Order",
        "sort_cv": "CV order",
        "sort_confidence": "Low confidence first",
        "only_undecided": "Only items still to decide",
        "sync_idle": "Every decision is saved.",
        "sync_busy": "Saving…",
        "sync_offline": "Connection lost: your decisions are kept and sent again as soon as "
                        "possible.",
        "review_session_expired": "Session expired: sign in again in another tab; your decisions "
                           "are kept and will be sent then.",
        "state_none": "To decide",
        "state_confirm": "Confirmed",
        "state_reject": "Rejected",
        "state_edit": "Edited",
        "state_add": "Added",
        "state_pending": "saving…",
        "state_unreviewed": "Not reviewed (not saved)",
        "undo": "Undo the decision",
        "remove_added": "Remove",
        "save_edit": "Save the change",
        "conf_high": "High confidence",
        "conf_medium": "Medium confidence",
        "conf_low": "Low confidence",
        "evidence": "In the CV",
        "no_evidence": "Added by an advisor",
        "two_readings": "Two readings of the same passage",
        "reading_fact": "Read as a diploma, licence or certification",
        "reading_item": "Read as a referential knowledge item",
        "level": "Level",
        "level_none": "Not stated",
        "year": "Year obtained",
        "diploma_title": "Diploma title",
        "diploma_type": "Diploma type",
        "diploma_level": "Level (French 2019 scale)",
        "level_n": "level {n}",
        "language_name": "Language",
        "cefr_level": "Level (CEFR)",
        "licence_code": "Licence or certification",
        "job_title": "Job title (referential)",
        "start": "Start",
        "end": "End",
        "ongoing": "Ongoing",
        "today": "present",
        "choose_option": "Choose…",
        "search_help": "Type at least two letters, then pick an entry.",
        "err_pick": "Pick an entry from the list.",
        "err_required": "This field is required.",
        "err_year": "Enter a year between 1950 and {max}.",
        "err_date_range": "Enter a month between 01/1950 and {max}.",
        "err_dates": "The end must come after the start.",
        "err_label": "Enter the title (two characters at least).",
        "err_nothing": "Change at least one value, or cancel.",
        "group_licence_driving": "Driving licences",
        "group_licence_caces": "CACES",
        "group_licence_electrical": "Electrical clearances",
        "group_licence_certification": "Certifications",
        "kind_metier": "Occupation",
        "kind_appellation": "Job title",
        "kind_competence": "Skill or knowledge",
        "kind_language": "Language",
        "kind_diploma": "Diploma",
        "kind_licence": "Licence or certification",
        "kind_experience": "Experience",
        "add_any_title": "Add an item",
        "show_text": "Show the text",
        "show_pages": "Show the pages",
        "reveal": "Show personal data",
        "hide_personal": "Hide personal data",
        "reveal_title": "Show personal data?",
        "reveal_text": "Personal data (address, birth date, nationality, family status, "
                       "health, photo…) is hidden because the profile does not use it. "
                       "Showing it is written to the audit log: your name, this document, "
                       "the time.",
        "reveal_ok": "Show it and log the access",
        "revealed_note": "Personal data shown: this access was logged.",
        "masked_note": "Personal data hidden: {list}.",
        "masked_none": "No personal data was found in this CV.",
        "masked_span": "hidden personal data",
        "page_alt": "CV page {n}, personal data hidden",
        "page_alt_revealed": "CV page {n}, personal data shown",
        "page_n": "Page {n}",
        "cat_birth_date": "birth date or age",
        "cat_contact": "address and contact details",
        "cat_identity": "identity",
        "cat_nationality": "nationality",
        "cat_family_status": "family status",
        "cat_gender": "title (Mr, Mrs)",
        "cat_health": "health",
        "cat_religion": "religion",
        "cat_political_opinion": "political opinions",
        "cat_union_membership": "union membership",
        "cat_photo": "photo",
        "conflict_title": "Decision changed by a colleague",
        "conflict_text": "{who} decided on “{label}” in the meantime: {theirs}. Your "
                         "decision: {mine}.",
        "conflict_undecided": "no decision (undone)",
        "conflict_keep": "Keep {who}'s decision",
        "conflict_mine": "Apply my decision",
        "someone": "Another advisor",
        "summary_confirm_one": "{n} confirmed",
        "summary_confirm_other": "{n} confirmed",
        "summary_edit_one": "{n} edited",
        "summary_edit_other": "{n} edited",
        "summary_reject_one": "{n} rejected",
        "summary_reject_other": "{n} rejected",
        "summary_add_one": "{n} added",
        "summary_add_other": "{n} added",
        "summary_left_one": "{n} not reviewed (will not be saved)",
        "summary_left_other": "{n} not reviewed (will not be saved)",
        "waiting_saves": "Waiting for the last decisions to be saved…",
        "saved_banner": "Profile saved on {date} by {who}.",
        "saved_readonly": "This review is closed: the saved profile is shown read-only.",
        "saved_fields": "Saved in the profile",
        "rejected_fields": "Rejected",
        "unreviewed_fields": "Not reviewed (not saved)",
        "none": "none",
        "duration_years_one": "{n} year",
        "duration_years_other": "{n} years",
        "duration_months_one": "{n} month",
        "duration_months_other": "{n} months",
        "review_shortcuts": "Shortcuts: j / k next / previous item, n next to decide, "
                            "c confirm, r reject, e edit, u undo the decision, a add, v text or "
                            "pages, f save the profile, Esc close.",
    },
}
# Signing in, passwords and their reset links, the session's end (issue #18).
ACCESS_STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "login_label": "Identifiant",
        "login_help": "L'identifiant que votre administrateur vous a donné (souvent votre "
                      "adresse e-mail professionnelle).",
        "password": "Mot de passe",
        "bad_login": "Identifiant ou mot de passe incorrect.",
        "too_many_attempts": "Trop de tentatives depuis cette adresse ou pour ce compte : "
                             "réessayez dans {minutes} min.",
        "form_expired": "Le formulaire a expiré ou ne vient pas de ce site : réessayez.",
        "session_ended": "Votre session a pris fin : reconnectez-vous.",
        "password_changed": "Mot de passe enregistré : connectez-vous avec le nouveau.",
        "or_sign_in_with": "Ou connectez-vous avec",
        "account": "Mon compte",
        "change_password": "Changer de mot de passe",
        "choose_password": "Choisir un mot de passe",
        "current_password": "Mot de passe actuel",
        "new_password": "Nouveau mot de passe",
        "confirm_password": "Confirmez le nouveau mot de passe",
        "password_rules": "Au moins 12 caractères ; une phrase facile à retenir convient "
                          "très bien. Les mots de passe courants sont refusés.",
        "password_change_note": "Toutes vos sessions prendront fin, celle-ci comprise : vous "
                                "vous reconnecterez avec le nouveau mot de passe.",
        "passwords_differ": "Les deux mots de passe saisis sont différents.",
        "bad_current_password": "Le mot de passe actuel est incorrect.",
        "no_password": "Ce compte se connecte par son fournisseur d'identité : il n'a pas de "
                       "mot de passe ici.",
        "reset_invalid": "Ce lien est inconnu, déjà utilisé ou expiré : demandez-en un nouveau "
                         "à votre administrateur.",
        "save_password": "Enregistrer le mot de passe",
        "forbidden_title": "Action refusée",
        "forbidden_form": "Ce formulaire ne vient pas de ce site ou a expiré : rechargez la "
                          "page et réessayez.",
        "back_home": "Retour à l'accueil",
    },
    "en": {
        "login_label": "Login",
        "login_help": "The login your administrator gave you (often your work e-mail).",
        "password": "Password",
        "bad_login": "Wrong login or password.",
        "too_many_attempts": "Too many attempts from this address or on this account: try "
                             "again in {minutes} min.",
        "form_expired": "The form expired or did not come from this site: try again.",
        "session_ended": "Your session has ended: sign in again.",
        "password_changed": "Password saved: sign in with the new one.",
        "or_sign_in_with": "Or sign in with",
        "account": "My account",
        "change_password": "Change password",
        "choose_password": "Choose a password",
        "current_password": "Current password",
        "new_password": "New password",
        "confirm_password": "Confirm the new password",
        "password_rules": "At least 12 characters; an easy-to-remember phrase is fine. "
                          "Common passwords are refused.",
        "password_change_note": "All your sessions will end, this one included: you will sign "
                                "in again with the new password.",
        "passwords_differ": "The two passwords differ.",
        "bad_current_password": "The current password is wrong.",
        "no_password": "This account signs in through its identity provider: it has no "
                       "password here.",
        "reset_invalid": "This link is unknown, used or expired: ask your administrator for a "
                         "new one.",
        "save_password": "Save the password",
        "forbidden_title": "Action refused",
        "forbidden_form": "This form did not come from this site or has expired: reload the "
                          "page and try again.",
        "back_home": "Back to the start page",
    },
}

for _table in (REVIEW_STRINGS, ACCESS_STRINGS):
    for _lang, _strings in _table.items():
        # One table per page would shadow silently: the review's "choose" once replaced the
        # upload page's sentence. A clash is an error at import, not a wrong word on a page.
        _clash = set(STRINGS[_lang]) & set(_strings)
        if _clash:
            raise RuntimeError(f"page strings defined twice ({_lang}): {sorted(_clash)}")
        STRINGS[_lang].update(_strings)
