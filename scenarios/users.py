"""The users of hosted mode: a password file (TOML), passwords kept only as argon2 hashes.

    [users.anna]
    name = "Anna Andersson"
    password = "$argon2id$v=19$m=65536,t=3,p=4$…"
    admin = false                # a site administrator: every federation, new federations

    [users.anna.roles]
    sydnarke = "förbundschef"    # läsare, redigerare or förbundschef (scenarios/roles.py)

The operator manages it with `finsam-plan users …`; a federation's chief manages the
roles of that federation on the Användare page. Every change is a read-modify-write
under a lock file and lands by an atomic rename, so two app processes and the CLI
never lose each other's changes and a reader never sees half a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .roles import ROLES, Access

MIN_PASSWORD = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_HASHER = PasswordHasher()  # argon2id with the library's (RFC 9106 low-memory) defaults
# Verified when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))


class UsersError(ValueError):
    """A change to the users file that is refused; the message is for the operator/user.
    `code` and `params` let the dashboard say it in Swedish."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class UserRecord:
    username: str
    name: str
    password_hash: str
    admin: bool = False
    roles: dict[str, str] = field(default_factory=dict)

    def access(self) -> Access:
        return Access(username=self.username, display_name=self.name, roles=dict(self.roles), admin=self.admin)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsersError("short_password", f"a password needs at least {MIN_PASSWORD} characters",
                         n=MIN_PASSWORD)
    return _HASHER.hash(password)


def check_username(username: str) -> str:
    username = (username or "").strip().lower()
    if not USERNAME.match(username):
        raise UsersError("bad_username", "a user name is 2–64 characters: a–z, 0–9, and . _ @ -")
    return username


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UsersError("bad_role", f"unknown role '{role}' (one of {', '.join(ROLES)})", role=role)
    return role


# --- Reading -----------------------------------------------------------------------------------

def load_users(path: Path) -> dict[str, UserRecord]:
    """Every user in the file (an absent file: nobody)."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsersError("bad_file", f"{path}: not a users file: {exc}") from None
    users = {}
    for username, entry in (data.get("users") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("password"), str):
            raise UsersError("bad_file", f"{path}: user '{username}' has no password hash")
        roles = {str(fid): str(role) for fid, role in (entry.get("roles") or {}).items() if role in ROLES}
        users[username] = UserRecord(username, str(entry.get("name") or username), entry["password"],
                                     bool(entry.get("admin", False)), roles)
    return users


def authenticate(users: dict[str, UserRecord], username: str, password: str) -> UserRecord | None:
    """The user if the password is theirs, else None (same work either way)."""
    record = users.get((username or "").strip().lower())
    try:
        _HASHER.verify(record.password_hash if record else _DUMMY_HASH, password or "")
    except (VerificationError, InvalidHashError):
        return None
    return record


# --- Writing -----------------------------------------------------------------------------------

def _dump(users: dict[str, UserRecord]) -> str:
    q = json.dumps  # a JSON string is a TOML basic string (same escapes)
    lines = ["# finsam-planner users (hosted mode): passwords only as argon2 hashes.",
             "# Managed with `finsam-plan users …` and on the dashboard's Användare page.", ""]
    for username in sorted(users):
        user = users[username]
        lines += [f"[users.{q(username)}]", f"name = {q(user.name, ensure_ascii=False)}",
                  f"password = {q(user.password_hash)}", f"admin = {'true' if user.admin else 'false'}", ""]
        if user.roles:
            lines.append(f"[users.{q(username)}.roles]")
            lines += [f"{q(fid)} = {q(role, ensure_ascii=False)}" for fid, role in sorted(user.roles.items())]
            lines.append("")
    return "\n".join(lines)


@contextmanager
def editing(path: Path):
    """The users as a dict to change in place; written back atomically when the block ends
    without an error, under a lock so concurrent editors take turns."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        users = load_users(path)
        yield users
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(_dump(users))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def add_user(path: Path, username: str, name: str, password: str, *, admin: bool = False,
             roles: dict[str, str] | None = None) -> UserRecord:
    username = check_username(username)
    record = UserRecord(username, (name or "").strip() or username, hash_password(password), admin,
                        {fid: check_role(role) for fid, role in (roles or {}).items()})
    with editing(path) as users:
        if username in users:
            raise UsersError("user_exists", f"there is already a user '{username}'", user=username)
        users[username] = record
    return record


def set_password(path: Path, username: str, password: str) -> None:
    hashed = hash_password(password)
    with editing(path) as users:
        key = _known(users, username)
        users[key] = replace(users[key], password_hash=hashed)


def set_role(path: Path, username: str, federation_id: str, role: str | None) -> UserRecord:
    """Give the user `role` in the federation (None: take their role there away)."""
    if role is not None:
        check_role(role)
    with editing(path) as users:
        key = _known(users, username)
        roles = dict(users[key].roles)
        if role is None:
            roles.pop(federation_id, None)
        else:
            roles[federation_id] = role
        users[key] = replace(users[key], roles=roles)
        return users[key]


def set_admin(path: Path, username: str, admin: bool) -> None:
    with editing(path) as users:
        key = _known(users, username)
        users[key] = replace(users[key], admin=admin)


def remove_user(path: Path, username: str) -> None:
    with editing(path) as users:
        del users[_known(users, username)]


def _known(users: dict[str, UserRecord], username: str) -> str:
    key = (username or "").strip().lower()
    if key not in users:
        raise UsersError("unknown_user", f"no user '{username}'", user=username)
    return key


def new_password() -> str:
    """A first password to hand over (16 characters from a URL-safe alphabet)."""
    return secrets.token_urlsafe(12)
