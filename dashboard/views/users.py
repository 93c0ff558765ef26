"""Användare (hosted mode, the federation's chief): who has which role in the federation.

The chief gives a role to a user (a new user gets a first password, shown once) or
takes it away. Only this federation's roles change; the password file is written
under its lock (scenarios/users.py), so other app processes see it at their next run.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import signin, state, tables
from dashboard.i18n import TEXT, t
from scenarios.roles import ROLES
from scenarios.users import UsersError, add_user, new_password, set_role

ss = st.session_state
ctx = state.context()
fid = ss["fed"]
cfg = signin.config()
me = signin.access()

st.title(t("users_title", fed=ctx.plan.name))
st.markdown(t("users_intro"))

if not me.may("manage_users", fid):  # the page is not offered then; a stale link lands here
    st.error(t("not_allowed", role=t(f"role:{me.role(fid)}") if me.role(fid) else "–", what=t("what:manage_users")))
    st.stop()


def _error(exc: UsersError) -> str:
    key = f"users_error:{exc.code}"
    return t(key, message=str(exc), **exc.params) if key in TEXT else str(exc)


def _change(username: str, change) -> None:
    """`change()` (which returns the success text) for another user than oneself, if the
    signed-in user still manages the federation; the outcome is left in msg_users."""
    if username == me.username:  # a chief cannot lock themself out (or raise themself)
        ss["msg_users"] = ("error", t("users_not_self"))
        return
    try:
        signin.require("manage_users", fid)
        ss["msg_users"] = ("success", change())
    except signin.NotAllowed as exc:
        ss["msg_users"] = ("error", str(exc))
    except UsersError as exc:
        ss["msg_users"] = ("error", _error(exc))


def _grant() -> None:
    username = (ss.get("users_username") or "").strip().lower()
    role = ss.get("users_role")

    def grant() -> str:
        if username in signin.users(cfg.users_file):
            set_role(cfg.users_file, username, fid, role)
            return t("users_granted", user=username, role=t(f"role:{role}"))
        password = new_password()
        add_user(cfg.users_file, username, ss.get("users_name") or username, password, roles={fid: role})
        # a code span: set apart, and I, l and 0 in a font where they differ
        return t("users_created", user=username, role=t(f"role:{role}"), password=f"`{password}`")

    _change(username, grant)
    if ss["msg_users"][0] == "success":
        ss["users_username"] = ""
        ss["users_name"] = ""


def _revoke() -> None:
    username = ss.get("users_revoke_pick")

    def revoke() -> str:
        set_role(cfg.users_file, username, fid, None)
        return t("users_revoked", user=username)

    if username:
        _change(username, revoke)


message = ss.pop("msg_users", None)
if message:
    getattr(st, message[0])(message[1])

members = {name: record for name, record in sorted(signin.users(cfg.users_file).items()) if fid in record.roles}
if members:
    tables.show(pd.DataFrame(
        [[name, record.name, t(f"role:{record.roles[fid]}")] for name, record in members.items()],
        columns=[t("users_col_user"), t("users_col_name"), t("users_col_role")]), key="users_table",
        first_width="medium", text_columns=(t("users_col_name"), t("users_col_role")))
else:
    st.info(t("users_none"))

left, right = st.columns(2)
with left.form("users_grant_form"):
    st.subheader(t("users_grant"))
    st.text_input(t("users_col_user"), key="users_username", max_chars=64)
    st.text_input(t("users_new_name"), key="users_name", max_chars=80)
    st.selectbox(t("users_col_role"), ROLES, format_func=lambda r: t(f"role:{r}"), key="users_role")
    st.form_submit_button(t("users_grant_button"), on_click=_grant, type="primary")
with right.form("users_revoke_form"):
    st.subheader(t("users_revoke_button"))
    others = [name for name in members if name != me.username]
    st.selectbox(t("users_revoke"), others, key="users_revoke_pick", index=None,
                 placeholder=t("users_pick_placeholder"))
    st.form_submit_button(t("users_revoke_button"), on_click=_revoke, disabled=not others)
