"""Who is using the dashboard, and what they may do (scenarios/hosting.py decides the mode).

Local mode: nobody signs in, every action is allowed, and the sidebar says the plans
are on this computer. Hosted mode: `gate()` shows the sign-in form until a user of the
password file (scenarios/users.py) signs in; the sign-in lasts `session_hours`; failed
attempts are rate-limited per user name (scenarios/signin_limit.py). The user's roles
are read from the file on every run (cached on its modification time), so a role taken
away takes effect at the user's next click.

Every write goes through `require(action, federation_id)` (kept._call and
baselines.write call it), so a page that forgets to hide a button still cannot write.

Session-state keys:
    _auth         (user name, time signed in) of the signed-in user
    _auth_msg     (kind, text key, params) shown on the sign-in form
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import streamlit as st

from scenarios.hosting import ConfigError, HostingConfig, load_config
from scenarios.roles import Access
from scenarios.signin_limit import SignInLimiter
from scenarios.users import UserRecord, UsersError, authenticate, load_users

from .i18n import t
from .state import escape_markdown


# Failed and refused sign-ins go to the server's log (the journal when run by systemd), for
# the operator, or a tool such as fail2ban, to see attempts across user names.
LOG = logging.getLogger("finsam.signin")


class NotAllowed(RuntimeError):
    """The signed-in user's role does not allow the action; the message is for the user."""


def config() -> HostingConfig:
    return load_config()


@st.cache_resource(show_spinner=False)
def _limiter(max_failures: int, window_minutes: float) -> SignInLimiter:
    """One per process (and per setting), shared by every session."""
    return SignInLimiter(max_failures, window_minutes * 60)


_USERS: dict[str, tuple[tuple[int, int], dict[str, UserRecord]]] = {}


def users(path: Path) -> dict[str, UserRecord]:
    """The users file, read again only when it changed. A file broken by hand keeps the
    last good reading in force (and is logged); with none, UsersError."""
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        return {}
    hit = _USERS.get(str(path))
    if hit and hit[0] == stamp:
        return hit[1]
    try:
        records = load_users(path)
    except UsersError as exc:
        LOG.error("%s", exc)
        if hit:
            return hit[1]
        raise
    _USERS[str(path)] = (stamp, records)
    return records


def access() -> Access:
    """The current user's access: everything in local mode; in hosted mode the signed-in
    user's (nobody signed in: no rights at all, `gate()` has stopped the page by then)."""
    cfg = config()
    if not cfg.hosted:
        return Access.local_user()
    auth = st.session_state.get("_auth")
    if auth and time.time() - auth[1] < cfg.session_hours * 3600:
        record = users(cfg.users_file).get(auth[0])
        if record is not None:
            return record.access()
    return Access(username=None)


def may(action: str, federation_id: str | None = None) -> bool:
    fid = federation_id if federation_id is not None else st.session_state.get("fed")
    return access().may(action, fid)


def require(action: str, federation_id: str | None) -> None:
    """Raise NotAllowed (in the user's language) unless the current user may."""
    who = access()
    if not who.may(action, federation_id):
        role = who.role(federation_id) if federation_id else None
        raise NotAllowed(t("not_allowed", role=t(f"role:{role}") if role else "–", what=t(f"what:{action}")))


def history_name(typed: str | None) -> str | None:
    """The name the history records: the signed-in user, or in local mode what was typed."""
    who = access()
    return typed if who.local else who.history_name


# --- The sign-in form ---------------------------------------------------------------------


def gate(while_signing_in=None) -> Access:
    """In hosted mode, the sign-in form until someone has signed in (then `st.stop()`);
    `while_signing_in()` is called before the form (the app names its pages there)."""
    try:
        cfg = config()
    except ConfigError as exc:
        st.error(t("signin_config_error", message=str(exc)))
        st.stop()
    if not cfg.hosted:
        return Access.local_user()
    try:
        who = access()
    except UsersError as exc:
        st.error(t("signin_config_error", message=str(exc)))
        st.stop()
    if who.username is not None:
        return who
    if st.session_state.pop("_auth", None) is not None:  # there was a sign-in: it expired
        st.session_state["_auth_msg"] = ("info", "signin_expired", {})
    if while_signing_in is not None:
        while_signing_in()
    _sign_in_form()
    st.stop()


def _attempt() -> None:
    cfg = config()
    ss = st.session_state
    name = (ss.get("signin_user") or "").strip().lower()
    password = ss.get("signin_pw") or ""
    ss["signin_pw"] = ""  # never kept in the session
    limiter = _limiter(cfg.max_failures, cfg.failure_window_minutes)
    key = f"user:{name}"
    now = time.monotonic()
    wait = limiter.wait_seconds(key, now)
    if wait > 0:
        LOG.warning("sign-in refused for %r: too many failures (address %s)", name, _address())
        ss["_auth_msg"] = ("error", "signin_locked", {"minutes": max(1, round(wait / 60))})
        return
    try:
        record = authenticate(users(cfg.users_file), name, password)
    except UsersError as exc:
        ss["_auth_msg"] = ("error", "signin_config_error", {"message": str(exc)})
        return
    if record is None:
        LOG.warning("failed sign-in for %r (address %s)", name, _address())
        limiter.failed(key, now)
        ss["_auth_msg"] = ("error", "signin_failed", {})
        return
    limiter.succeeded(key)
    ss.pop("_auth_msg", None)
    ss["_auth"] = (record.username, time.time())


def _address() -> str:
    """The client's address as Streamlit sees it (behind nginx: the proxy's)."""
    try:
        return str(st.context.ip_address)
    except Exception:
        return "?"


def _sign_in_form() -> None:
    if st.query_params.get("lang") in ("sv", "en"):  # a link in English signs in in English
        st.session_state["lang"] = st.query_params["lang"]
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("app_title"))
        st.markdown(t("signin_intro"))
        message = st.session_state.get("_auth_msg")
        if message:
            kind, key, params = message
            (st.error if kind == "error" else st.info)(t(key, **params))
        with st.form("signin", enter_to_submit=True):
            st.text_input(t("signin_user"), key="signin_user", max_chars=64, autocomplete="username")
            st.text_input(t("signin_password"), key="signin_pw", type="password", max_chars=256,
                          autocomplete="current-password")
            st.form_submit_button(t("signin_button"), type="primary", on_click=_attempt, key="signin_submit")


def sign_out() -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]


# --- In the sidebar and on the pages ------------------------------------------------------------


def sidebar(federation_id: str, federation_name: str, db) -> None:
    """Who is signed in (and a sign-out button), or that this is local mode and where
    the plans are kept (`db`: the store's database; a server's URL without its password)."""
    who = access()
    # small markdown, not st.caption: the pages' own captions stay theirs to find
    if who.local:
        key = "local_mode_server" if db.cache_id.startswith("postgres") else "local_mode"
        st.markdown(f":small[{t(key, where=f'`{db.description()}`')}]")
        return
    role = "admin" if who.admin else who.role(federation_id)
    st.markdown(t("signed_in_as", name=who.display_name or who.username, role=t(f"role:{role}")))
    if not who.may("keep", federation_id):
        st.markdown(f":small[{escape_markdown(t('read_only', fed=federation_name))}]")
    st.button(t("sign_out"), key="sign_out", on_click=sign_out)


def user_name_input(container=None) -> None:
    """Local mode: the typed name the history records. Hosted: who it will record."""
    where = container or st
    who = access()
    if not who.local:
        where.caption(t("saved_as", name=who.history_name))
        return
    ss = st.session_state
    if "user_name" not in ss:
        ss["user_name"] = ss.get("_user_name", "")
    from . import kept  # the remembered name lives with the kept scenarios

    where.text_input(t("user_name"), key="user_name", on_change=kept.remember_user_name, max_chars=80)
