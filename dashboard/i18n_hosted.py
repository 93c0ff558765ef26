"""Texts of sign-in, roles and the Användare page (hosted mode), and of local mode."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "local_mode": {
        "sv": "Lokalt läge: ingen inloggning. Planerna sparas i {where} på den här datorn.",
        "en": "Local mode: no sign-in. The plans are kept in {where} on this computer.",
    },
    "local_mode_server": {
        "sv": "Lokalt läge: ingen inloggning. Planerna sparas i databasen {where}.",
        "en": "Local mode: no sign-in. The plans are kept in the database {where}.",
    },
    "signin_title": {"sv": "Logga in", "en": "Sign in"},
    "signin_intro": {
        "sv": "Finsam-planeraren för flera samordningsförbund. Logga in med ditt användarnamn och lösenord.",
        "en": "The Finsam planner for several federations. Sign in with your user name and password.",
    },
    "signin_user": {"sv": "Användarnamn", "en": "User name"},
    "signin_password": {"sv": "Lösenord", "en": "Password"},
    "signin_button": {"sv": "Logga in", "en": "Sign in"},
    "signin_failed": {"sv": "Fel användarnamn eller lösenord.", "en": "Wrong user name or password."},
    "signin_locked": {
        "sv": "För många misslyckade inloggningar. Vänta {minutes} min och försök igen.",
        "en": "Too many failed sign-ins. Wait {minutes} min and try again.",
    },
    "signin_expired": {"sv": "Din inloggning har gått ut. Logga in igen.",
                       "en": "Your sign-in has expired. Sign in again."},
    "signin_config_error": {"sv": "Inställningarna kunde inte läsas: {message}",
                            "en": "The configuration could not be read: {message}"},
    "signed_in_as": {"sv": "Inloggad som **{name}** · {role}", "en": "Signed in as **{name}** · {role}"},
    "sign_out": {"sv": "Logga ut", "en": "Sign out"},
    "role:läsare": {"sv": "läsare", "en": "reader"},
    "role:redigerare": {"sv": "redigerare", "en": "editor"},
    "role:förbundschef": {"sv": "förbundschef", "en": "federation chief"},
    "role:admin": {"sv": "administratör", "en": "administrator"},
    "no_federations": {
        "sv": "Ditt konto har inte tillgång till något förbund ännu. Be förbundschefen ge dig en roll.",
        "en": "Your account has no federation yet. Ask the federation chief to give you a role.",
    },
    "read_only": {
        "sv": "Du är läsare i {fed}: du kan bygga scenarier och ladda ned handlingar, men inte spara något.",
        "en": "You are a reader in {fed}: you can build scenarios and download papers, but not save anything.",
    },
    "not_allowed": {
        "sv": "Din roll i förbundet ({role}) får inte {what}. Inget har sparats.",
        "en": "Your role in the federation ({role}) may not {what}. Nothing was saved.",
    },
    "what:keep": {"sv": "spara eller ändra scenarier", "en": "keep or change scenarios"},
    "what:edit_baseline": {"sv": "ändra förbundets plan", "en": "change the federation's plan"},
    "what:adopt": {"sv": "anta en budget", "en": "adopt a budget"},
    "what:manage_users": {"sv": "hantera användare", "en": "manage users"},
    "what:create_federation": {"sv": "lägga till ett förbund", "en": "add a federation"},
    "saved_as": {"sv": "Sparas i historiken som {name}.", "en": "Saved in the history as {name}."},
    # Användare
    "page_users": {"sv": "Användare", "en": "Users"},
    "users_title": {"sv": "Användare i {fed}", "en": "Users of {fed}"},
    "users_intro": {
        "sv": "Vem som får se och ändra förbundets planer. Läsare ser och bygger scenarier; redigerare "
              "sparar scenarier och ändrar planen; förbundschefen antar budget och hanterar användare.",
        "en": "Who may see and change the federation's plans. Readers view and build scenarios; editors "
              "keep scenarios and change the plan; the chief adopts budgets and manages users.",
    },
    "users_none": {"sv": "Ingen har en roll i förbundet ännu.", "en": "Nobody has a role in the federation yet."},
    "users_col_user": {"sv": "Användarnamn", "en": "User name"},
    "users_col_name": {"sv": "Namn", "en": "Name"},
    "users_col_role": {"sv": "Roll", "en": "Role"},
    "users_grant": {"sv": "Ge en roll", "en": "Give a role"},
    "users_new_name": {"sv": "Namn (för ny användare)", "en": "Name (for a new user)"},
    "users_grant_button": {"sv": "Spara rollen", "en": "Save the role"},
    "users_revoke": {"sv": "Ta bort rollen för", "en": "Remove the role of"},
    "users_pick_placeholder": {"sv": "Välj en användare", "en": "Choose a user"},
    "users_revoke_button": {"sv": "Ta bort rollen", "en": "Remove the role"},
    "users_granted": {"sv": "{user} är nu {role} i förbundet.", "en": "{user} is now {role} in the federation."},
    "users_created": {
        "sv": "Ny användare {user} är {role} i förbundet. Första lösenord (visas bara nu, lämna det "
              "personligen): {password}",
        "en": "New user {user} is {role} in the federation. First password (shown only now, hand it "
              "over in person): {password}",
    },
    "users_revoked": {"sv": "{user} har inte längre någon roll i förbundet.",
                      "en": "{user} no longer has a role in the federation."},
    "users_not_self": {"sv": "Du kan inte ändra din egen roll.", "en": "You cannot change your own role."},
    "users_error:bad_username": {
        "sv": "Ett användarnamn har 2–64 tecken: a–z, 0–9 och . _ @ -.",
        "en": "A user name has 2–64 characters: a–z, 0–9 and . _ @ -.",
    },
    "users_error:unknown_user": {"sv": "Det finns ingen användare {user}.", "en": "There is no user {user}."},
    "users_error:bad_file": {"sv": "Användarfilen kunde inte läsas: {message}",
                             "en": "The users file could not be read: {message}"},
}
