"""Who may do what in a federation: the roles of hosted mode, as one table.

A user has a role per federation. *läsare* views, builds scenarios in the session
and downloads papers; *redigerare* also keeps scenarios, edits the baseline and
records outcomes; *förbundschef* also adopts a budget and manages the federation's
users. A site administrator (`admin`) may do everything everywhere, bringing in a new
federation included. In local mode (one chief's laptop) nobody signs in and every
action is allowed: `Access.local()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

ROLES = ("läsare", "redigerare", "förbundschef")

# What each action needs at least (an action not named here needs a site administrator).
NEEDS: dict[str, str] = {
    "view": "läsare",
    "keep": "redigerare",           # keep, change, rename, delete, restore scenarios
    "edit_baseline": "redigerare",  # edit the plan, record an outcome, make next year's plan, restore
    "adopt": "förbundschef",        # adopt a kept scenario as the new budget
    "manage_users": "förbundschef",
}
SITE_ACTIONS = ("create_federation",)


def role_rank(role: str | None) -> int:
    return ROLES.index(role) + 1 if role in ROLES else 0


@dataclass(frozen=True)
class Access:
    """What one signed-in user (or the local user) may do."""

    username: str | None
    display_name: str = ""
    roles: Mapping[str, str] = field(default_factory=dict)
    admin: bool = False
    local: bool = False

    @classmethod
    def local_user(cls) -> "Access":
        return cls(username=None, local=True)

    def role(self, federation_id: str) -> str | None:
        if self.local or self.admin:
            return "förbundschef"
        return self.roles.get(federation_id)

    def may(self, action: str, federation_id: str | None = None) -> bool:
        if self.local or self.admin:
            return True
        if action in SITE_ACTIONS or action not in NEEDS or federation_id is None:
            return False
        return role_rank(self.role(federation_id)) >= role_rank(NEEDS[action])

    def federations(self, federation_ids: Iterable[str]) -> list[str]:
        """The federations this user may see, in the order given."""
        return [fid for fid in federation_ids if self.may("view", fid)]

    @property
    def history_name(self) -> str | None:
        """The name the history records for this user's changes (None: typed by the user)."""
        if self.local:
            return None
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name} ({self.username})"  # the user name: unique, the name: readable
        return self.username
