"""Named scenarios kept in DuckDB (scenarios.scenario_store), as the dashboard uses them.

Every call takes a cursor of the process's leased connection (scenarios/plans_db.py:
writes take turns, reads run side by side) and goes through `_call`, which turns a
store failure into `KeptError` with a message in the user's language.

Session-state keys (besides widget keys, see README_KEYS.md):
    scen_pick     the picked kept scenario's id ("" = none); a sidebar widget
    scen_loaded   (id, version) of the kept scenario whose levers were loaded
    _adopted_ok   federations whose adopted budget exists
    msg_scen      (kind, text) of the last scenario action, shown on the Scenarier page
    msg_import    (kind, text) of the last import
    imported      the ScenarioSpec read by the last successful import (offer to keep)
    _user_name    the user's name, kept while the Scenarier page is not shown
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone

import duckdb
import streamlit as st

from scenarios import store
from scenarios.levers import LeverError
from scenarios.plans_db import LEASE_SECONDS, cached_read
from scenarios.scenario_file import ScenarioFileError, ScenarioSpec, dump_scenario, parse_scenario
from scenarios.scenario_store import (
    ProtectedScenario,
    ScenarioStore,
    ScenarioStoreError,
    StoredScenario,
    scenario_db_path,
)

from . import signin
from .i18n import current_lang, error_text, t
from .urlstate import LeverState

MAX_IMPORT_BYTES = 512 * 1024


class KeptError(RuntimeError):
    """A store call that failed; the message is in the user's language."""


def scenario_store() -> ScenarioStore:
    """The kept scenarios, through the process's leased connection (scenarios/plans_db.py)."""
    return ScenarioStore(scenario_db_path(store.db_path()), linger=LEASE_SECONDS)


def _message(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, ProtectedScenario):
        return t("scen_protected")
    match = re.search(r"already a scenario named '(.*)'", text)
    if match:
        return t("scen_name_taken", name=match.group(1))
    if "needs a name" in text:
        return t("scen_need_name")
    match = re.search(r"'(.*)' was changed meanwhile \(version (\d+)", text)
    if match:
        return t("scen_changed_meanwhile", name=match.group(1), version=match.group(2))
    if "busy" in text:
        return t("scen_busy")
    return t("scen_store_error", message=text)


def _read(method: str, *args, **kwargs):
    """A read call, cached while this process holds the file and nobody wrote it
    (scenarios.plans_db.cached_read): a rerun reads nothing it read before."""
    return cached_read(scenario_store().db, ("kept", method, args, tuple(sorted(kwargs.items()))),
                       lambda: _call(method, *args, **kwargs))


# The store's writes, and where each finds the federation it writes in (for the role check).
# `ensure_adopted` is not here: it is the program filing the adopted budget, for any viewer.
_WRITES = {"create": "spec", "duplicate": "id", "save": "id", "rename": "id", "delete": "id", "restore": "id"}


def _call(method: str, *args, **kwargs):
    try:
        store_ = scenario_store()
        if method in _WRITES:
            fid = args[0].federation_id if _WRITES[method] == "spec" else store_.get(args[0]).federation_id
            signin.require("keep", fid)
        return getattr(store_, method)(*args, **kwargs)
    except signin.NotAllowed as exc:
        raise KeptError(str(exc)) from exc
    except (ScenarioStoreError, ScenarioFileError, duckdb.Error, OSError) as exc:
        raise KeptError(_message(exc)) from exc


def create(spec: ScenarioSpec) -> StoredScenario:
    """Keep `spec` as a new named scenario, recorded under the user's name."""
    return _call("create", spec, user_name())


# --- Conversions -------------------------------------------------------------------------


def spec_to_levers(spec: ScenarioSpec) -> LeverState:
    return LeverState(contrib=tuple(spec.contrib), levers=tuple(spec.levers),
                      cap_share=spec.equity_cap_share, floor=spec.equity_floor)


def levers_to_spec(federation_id: str, name: str, levers: LeverState, description: str = "") -> ScenarioSpec:
    return ScenarioSpec(federation_id=federation_id, name=name.strip(), description=description,
                        contrib=tuple(levers.contrib), levers=tuple(levers.levers),
                        equity_cap_share=levers.cap_share, equity_floor=levers.floor)


# --- Reading -----------------------------------------------------------------------------


def kept(federation_id: str, *, include_deleted: bool = False) -> list[StoredScenario]:
    """The federation's kept scenarios, the adopted budget first (created on first use)."""
    ss = st.session_state
    done = ss.setdefault("_adopted_ok", set())
    if federation_id not in done:
        _call("ensure_adopted", federation_id, user_name() if signin.may("keep", federation_id) else None)
        done.add(federation_id)
    return _read("list", federation_id, include_deleted=include_deleted)


def get(scenario_id: str) -> StoredScenario:
    return _call("get", scenario_id)


def history(federation_id: str):
    return _read("federation_history", federation_id)


def scenario_history(scenario_id: str):
    return _call("history", scenario_id)


def spec_at(scenario_id: str, version: int) -> ScenarioSpec | None:
    """The scenario as saved in `version` (None if it cannot be read)."""
    if version < 1:
        return None
    try:
        return _read("state_at", scenario_id, version)
    except KeptError:
        return None


def change_detail(event, describe) -> str:
    """What a history event changed, in words: the changes added and removed against
    the scenario's previous version (`describe(levers) -> list of texts`)."""
    if event.action in ("rename", "delete"):
        return t("detail_name", name=event.name) if event.action == "rename" else ""
    after = spec_at(event.scenario_id, event.version)
    before = spec_at(event.scenario_id, event.version - 1)
    if after is None:
        return ""
    if event.action == "update" and before is not None and before.proposed != after.proposed:
        return t("detail_proposed" if after.proposed else "detail_unproposed")
    now = describe(spec_to_levers(after))
    then = describe(spec_to_levers(before)) if before is not None else []
    added = [x for x in now if x not in then]
    removed = [x for x in then if x not in now]
    parts = []
    if added:
        parts.append(t("detail_added", changes="; ".join(added)))
    if removed:
        parts.append(t("detail_removed", changes="; ".join(removed)))
    if not parts and event.action in ("create", "duplicate"):
        parts.append(t("no_changes_short"))
    return " ".join(parts) or (t("detail_same") if event.action == "update" else "")


def user_name() -> str | None:
    """Who the history records: the signed-in user (hosted), else the typed name."""
    ss = st.session_state
    name = (ss.get("user_name") if "user_name" in ss else ss.get("_user_name")) or ""
    return signin.history_name(name.strip() or None)


def remember_user_name() -> None:
    st.session_state["_user_name"] = st.session_state.get("user_name") or ""


def picked() -> str:
    return st.session_state.get("scen_pick") or ""


def picked_scenario(listing: list[StoredScenario]) -> StoredScenario | None:
    pid = picked()
    return next((s for s in listing if s.id == pid), None)


def dirty(stored: StoredScenario | None, levers: LeverState) -> bool:
    """True if the levers differ from the kept scenario's."""
    return stored is not None and not spec_to_levers(stored.spec).same_as(levers)


def local_time(at: datetime) -> str:
    """The store's UTC time as local time, 'YYYY-MM-DD HH:MM'."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    try:
        from zoneinfo import ZoneInfo

        at = at.astimezone(ZoneInfo("Europe/Stockholm"))
    except Exception:  # no tz database: show UTC
        pass
    return at.strftime("%Y-%m-%d %H:%M")


def display_name(stored: StoredScenario) -> str:
    if stored.adopted:
        return t("adopted_name")
    return t("proposed_name", name=stored.name) if stored.spec.proposed else stored.name


# --- Actions (widget callbacks) ----------------------------------------------------------


def _say(kind: str, text: str, slot: str = "msg_scen") -> None:
    st.session_state[slot] = (kind, text)


def _load(stored: StoredScenario) -> None:
    ss = st.session_state
    ss["levers"] = spec_to_levers(stored.spec)
    ss["scen_loaded"] = (stored.id, stored.version)
    ss["scen_rename_name"] = stored.name
    ss["url_problems"] = []
    if ss.get("scen") == "base":
        ss["scen"] = "current"


def on_view() -> None:
    """Sidebar: what to show was picked: the baseline, the current changes, or a kept
    scenario (whose levers then become the lever state, unless it is the one picked)."""
    ss = st.session_state
    view = ss.get("view") or "current"
    if view == "base":
        ss["scen"] = "base"
        return
    ss["scen"] = "current"
    if view == "current" or view == picked():
        return
    ss["scen_pick"] = view
    on_pick()


def on_pick() -> None:
    """Sidebar: a kept scenario was picked; its levers become the lever state."""
    ss = st.session_state
    pid = picked()
    ss.pop("msg_scen", None)
    if not pid:
        ss["scen_loaded"] = None
        return
    try:
        _load(get(pid))
    except KeptError as exc:
        ss["scen_pick"] = ""
        ss["scen_loaded"] = None
        _say("error", str(exc))


def save_new() -> None:
    ss = st.session_state
    name = (ss.get("scen_new_name") or "").strip()
    if not name:
        _say("error", t("scen_need_name"))
        return
    spec = levers_to_spec(ss["fed"], name, _levers(), (ss.get("scen_new_desc") or "").strip())
    try:
        stored = _call("create", spec, user_name())
    except KeptError as exc:
        _say("error", str(exc))
        return
    ss["scen_pick"] = stored.id
    _load(stored)
    ss["scen_new_name"] = ""
    ss["scen_new_desc"] = ""
    _say("success", t("scen_saved_new", name=stored.name))


def _attempt(method: str, *args, **kwargs):
    """A store call whose failure becomes the inline error; None when it failed."""
    try:
        return _call(method, *args, **kwargs)
    except KeptError as exc:
        _say("error", str(exc))
        return None


def _picked_or_say() -> str | None:
    """The picked scenario's id, or None with the inline 'pick one first' message."""
    pid = picked()
    if not pid:
        _say("error", t("scen_none_picked"))
    return pid or None


def _save_picked(make_spec, *, use_loaded_version: bool) -> StoredScenario | None:
    """Save `make_spec(current)` over the picked scenario, refused if someone saved it
    meanwhile (against the version loaded, or the one just read); None with the inline
    message when it fails."""
    ss = st.session_state
    pid = _picked_or_say()
    if not pid:
        return None
    try:
        current = get(pid)
        loaded = ss.get("scen_loaded")
        if use_loaded_version:
            expected = loaded[1] if loaded and loaded[0] == pid else None
        else:
            expected = current.version
        return _call("save", pid, make_spec(current), user_name(), expected_version=expected)
    except KeptError as exc:
        _say("error", str(exc))
        return None


def save_changes() -> None:
    stored = _save_picked(lambda current: replace(
        levers_to_spec(current.federation_id, current.name, _levers(), current.spec.description),
        proposed=current.spec.proposed), use_loaded_version=True)
    if stored is None:
        return
    _load(stored)
    _say("success", t("scen_saved", name=stored.name, version=stored.version))


def toggle_proposed() -> None:
    """Put the picked scenario forward as the next adopted budget, or take that back
    (a save of its own: the history records it)."""
    ss = st.session_state
    stored = _save_picked(lambda current: replace(current.spec, proposed=not current.spec.proposed),
                          use_loaded_version=False)
    if stored is None:
        return
    loaded = ss.get("scen_loaded")
    if loaded and loaded[0] == stored.id:
        ss["scen_loaded"] = (stored.id, stored.version)
    _say("success", t("scen_proposed" if stored.spec.proposed else "scen_unproposed", name=stored.name))


def rename() -> None:
    ss = st.session_state
    pid = _picked_or_say()
    if not pid:
        return
    name = (ss.get("scen_rename_name") or "").strip()
    if not name:
        _say("error", t("scen_need_name"))
        return
    before = _attempt("get", pid)
    stored = before and _attempt("rename", pid, name, user_name())
    if not stored:
        return
    loaded = ss.get("scen_loaded")
    if loaded and loaded[0] == pid:
        ss["scen_loaded"] = (pid, stored.version)
    _say("success", t("scen_renamed", old=before.name, name=stored.name))


def duplicate() -> None:
    ss = st.session_state
    pid = _picked_or_say()
    if not pid:
        return
    try:
        source = get(pid)
        name = (ss.get("scen_dup_name") or "").strip() or t("scen_copy_of", name=display_name(source))
        stored = _call("duplicate", pid, name, user_name())
    except KeptError as exc:
        _say("error", str(exc))
        return
    ss["scen_dup_name"] = ""
    _say("success", t("scen_duplicated", source=display_name(source), name=stored.name))


def delete() -> None:
    ss = st.session_state
    pid = _picked_or_say()
    stored = pid and _attempt("delete", pid, user_name())
    if not stored:
        return
    ss["scen_pick"] = ""
    ss["scen_loaded"] = None
    _say("success", t("scen_deleted", name=stored.name))


def restore(scenario_id: str, version: int) -> None:
    try:
        stored = _call("restore", scenario_id, version, user_name())
    except KeptError as exc:
        _say("error", str(exc))
        return
    if picked() == scenario_id:
        _load(stored)
    _say("success", t("scen_restored", name=stored.name, version=version, new=stored.version))


def restore_picked_event() -> None:
    choice = st.session_state.get("restore_pick")
    if not choice:
        _say("error", t("restore_none"))
        return
    scenario_id, version = choice.rsplit(":", 1)
    restore(scenario_id, int(version))


def restore_deleted(scenario_id: str) -> None:
    """Bring a deleted scenario back as it was before it was deleted."""
    try:
        events = scenario_history(scenario_id)
    except KeptError as exc:
        _say("error", str(exc))
        return
    alive = [e for e in events if not e.deleted]
    if not alive:
        _say("error", t("restore_none"))
        return
    restore(scenario_id, alive[-1].version)


def _levers() -> LeverState:
    return st.session_state.get("levers") or LeverState()


# --- Import ------------------------------------------------------------------------------


def import_error_text(exc: ScenarioFileError, text: str = "") -> str:
    detail = exc.message(current_lang())
    line = exc.line
    where = t("import_line", line=line) if line else ""
    return t("import_failed", where=where, detail=detail)


def on_import(plan, rules) -> None:
    """File uploader callback: parse; on success load the levers, else say which line."""
    ss = st.session_state
    upload = ss.get("scenario_import")
    ss.pop("imported", None)
    ss.pop("msg_scen", None)
    if upload is None:
        ss.pop("msg_import", None)
        return
    data = upload.getvalue()
    if len(data) > MAX_IMPORT_BYTES:
        _say("error", t("import_too_big"), "msg_import")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _say("error", t("import_not_utf8"), "msg_import")
        return
    try:
        spec = parse_scenario(text, plan, rules)
    except ScenarioFileError as exc:
        _say("error", import_error_text(exc, text) + " " + t("import_nothing"), "msg_import")
        return
    except (LeverError, ValueError, TypeError) as exc:  # defensive: never a traceback
        _say("error", t("import_failed", where="", detail=error_text(exc)) + " " + t("import_nothing"),
             "msg_import")
        return
    ss["levers"] = spec_to_levers(spec)
    ss["scen_pick"] = ""
    ss["scen_loaded"] = None
    ss["url_problems"] = []
    if ss.get("scen") == "base":
        ss["scen"] = "current"
    ss["imported"] = spec
    ss["import_name"] = spec.name
    _say("success", t("import_ok", name=spec.name), "msg_import")


def keep_import() -> None:
    ss = st.session_state
    spec = ss.get("imported")
    if spec is None:
        return
    name = (ss.get("import_name") or "").strip()
    if not name:
        _say("error", t("scen_need_name"), "msg_import")
        return
    try:
        stored = _call("create", replace(spec, name=name), user_name())
    except KeptError as exc:
        _say("error", str(exc), "msg_import")
        return
    ss.pop("imported", None)
    ss["scen_pick"] = stored.id
    _load(stored)
    _say("success", t("scen_saved_new", name=stored.name), "msg_import")


def export_text(federation_id: str, name: str, levers: LeverState, description: str = "") -> str:
    return dump_scenario(levers_to_spec(federation_id, name, levers, description))


def scenario_choices(ctx, *, merge_clean_current: bool = False):
    """What a picker offers: the baseline, the current levers and every kept scenario,
    as (listing, labels by id, levers by id). With `merge_clean_current`, a picked
    scenario without unsaved changes appears once, under its own name."""
    try:
        listing = kept(ctx.fid)
    except KeptError as exc:
        st.warning(t("kept_error", message=str(exc)), icon=":material/warning:")
        listing = []
    current = picked_scenario(listing)
    clean = current is not None and not dirty(current, ctx.levers)
    labels: dict[str, str] = {"base": t("cmp_base")}
    if current is not None and not clean:
        labels["current"] = t("cmp_current_dirty", name=display_name(current))
    elif clean and merge_clean_current:
        labels["current"] = display_name(current)
    else:
        labels["current"] = t("cmp_current")
    levers_of: dict[str, LeverState] = {"base": LeverState(), "current": ctx.levers}
    for stored in listing:
        if merge_clean_current and clean and stored.id == current.id:
            continue  # the same as "current"
        name = display_name(stored)
        while name in labels.values():  # names must tell the scenarios apart
            name += " ʹ"
        labels[stored.id] = name
        levers_of[stored.id] = spec_to_levers(stored.spec)
    return listing, labels, levers_of
