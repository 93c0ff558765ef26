"""Local or hosted: the one setting that decides sign-in, and where it is read.

Local mode (the default, `make run`): nobody signs in, the plans live in one DuckDB
file on this computer. Hosted mode: users sign in (scenarios/users.py) and see only
their federations with their role's rights (scenarios/roles.py); the plans live in
PostgreSQL when a database URL is given (scenarios/plans_pg.py), else in the DuckDB
file (one app process).

The settings come from the TOML file named by $FINSAM_CONFIG (deploy/finsam.toml is
an example); an environment variable of the same name in capitals with the prefix
FINSAM_ wins over the file (FINSAM_MODE, FINSAM_USERS_FILE, FINSAM_DATABASE_URL,
FINSAM_SESSION_HOURS), so a secret such as the database password can stay out of it.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

MODES = ("local", "hosted")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class HostingConfig:
    mode: str = "local"
    users_file: Path | None = None
    database_url: str | None = None
    session_hours: float = 8.0       # a sign-in lasts this long, then the user signs in again
    max_failures: int = 5            # failed sign-ins per user name ...
    failure_window_minutes: float = 15.0  # ... within this long, then a wait

    @property
    def hosted(self) -> bool:
        return self.mode == "hosted"


_ENV_NAMES = ("FINSAM_CONFIG", "FINSAM_MODE", "FINSAM_USERS_FILE", "FINSAM_DATABASE_URL", "FINSAM_SESSION_HOURS")


def load_config(environ=None) -> HostingConfig:
    """The settings. Read from the process's environment (the default) they are cached
    until a variable or the file changes: every store and role check asks for them."""
    if environ is not None:
        return _read_config(environ)
    env = tuple(os.environ.get(name, "") for name in _ENV_NAMES)
    try:
        stamp = os.stat(env[0].strip()).st_mtime_ns if env[0].strip() else None
    except OSError:
        stamp = None  # _read_config says why
    return _cached_config(env, stamp)


@functools.lru_cache(maxsize=8)
def _cached_config(env: tuple[str, ...], stamp) -> HostingConfig:
    return _read_config(dict(zip(_ENV_NAMES, env)))


def _read_config(environ) -> HostingConfig:
    values: dict = {}
    config_file = environ.get("FINSAM_CONFIG", "").strip()
    if config_file:
        path = Path(config_file)
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read the configuration {path}: {exc}") from None
        if values.get("users_file") and not Path(values["users_file"]).is_absolute():
            values["users_file"] = str(path.parent / values["users_file"])  # beside the config file
    for key in ("mode", "users_file", "database_url", "session_hours"):
        if environ.get(f"FINSAM_{key.upper()}", "").strip():
            values[key] = environ[f"FINSAM_{key.upper()}"].strip()
    mode = str(values.get("mode", "local"))
    if mode not in MODES:
        raise ConfigError(f"mode must be 'local' or 'hosted', not '{mode}'")
    users_file = Path(values["users_file"]) if values.get("users_file") else None
    if mode == "hosted" and users_file is None:
        raise ConfigError("hosted mode needs users_file (the password file, see deploy/README.md)")
    try:
        return HostingConfig(
            mode=mode, users_file=users_file, database_url=values.get("database_url") or None,
            session_hours=float(values.get("session_hours", 8.0)),
            max_failures=int(values.get("max_failures", 5)),
            failure_window_minutes=float(values.get("failure_window_minutes", 15.0)))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"a setting is not a number: {exc}") from None
