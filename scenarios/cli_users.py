"""`finsam-plan users …`: the operator's commands on the password file of hosted mode.

    finsam-plan users add anna --name "Anna Andersson" --role sydnarke=förbundschef
    finsam-plan users grant anna jamtland läsare
    finsam-plan users revoke anna jamtland
    finsam-plan users passwd anna
    finsam-plan users admin anna on
    finsam-plan users list
    finsam-plan users remove anna

The file is --users-file, or users_file of $FINSAM_CONFIG (scenarios/hosting.py). A
password is asked for twice on the terminal, or read as one line with --password-stdin.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from . import users
from .roles import ROLES
from .hosting import ConfigError, load_config


class UsersCliError(Exception):
    """One line for stderr; exit code 2."""


def add_parser(commands) -> None:
    parser = commands.add_parser("users", help="manage the users of hosted mode (the password file)")
    parser.add_argument("--users-file", type=Path, metavar="PATH",
                        help="the password file (default: users_file of $FINSAM_CONFIG)")
    verbs = parser.add_subparsers(dest="verb", required=True, parser_class=commands._parser_class)
    add = verbs.add_parser("add", help="a new user (asks for the password)")
    add.add_argument("username")
    add.add_argument("--name", default="", help="the name shown and recorded in the history")
    add.add_argument("--role", action="append", default=[], metavar="FEDERATION=ROLE",
                     help=f"a role in a federation, one of {', '.join(ROLES)} (repeatable)")
    add.add_argument("--admin", action="store_true", help="a site administrator: every federation")
    add.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    grant = verbs.add_parser("grant", help="give a user a role in a federation")
    grant.add_argument("username")
    grant.add_argument("federation")
    grant.add_argument("role", choices=ROLES)
    revoke = verbs.add_parser("revoke", help="take a user's role in a federation away")
    revoke.add_argument("username")
    revoke.add_argument("federation")
    passwd = verbs.add_parser("passwd", help="set a user's password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    admin = verbs.add_parser("admin", help="make a user a site administrator (on) or not (off)")
    admin.add_argument("username")
    admin.add_argument("switch", choices=("on", "off"))
    verbs.add_parser("list", help="the users and their roles")
    remove = verbs.add_parser("remove", help="remove a user")
    remove.add_argument("username")


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Lösenord: ")
    if getpass.getpass("Samma lösenord igen: ") != first:
        raise UsersCliError("the two passwords differ; nothing was changed")
    return first


def _users_file(args) -> Path:
    if args.users_file:
        return args.users_file
    try:
        configured = load_config().users_file
    except ConfigError as exc:
        raise UsersCliError(str(exc)) from None
    if configured is None:
        raise UsersCliError("give --users-file, or set users_file in the file $FINSAM_CONFIG names")
    return configured


def run(args) -> tuple[str, int]:
    path = _users_file(args)
    try:
        if args.verb == "add":
            roles = {}
            for text in args.role:
                federation, _, role = text.partition("=")
                if not federation or not role:
                    raise UsersCliError(f"--role {text}: must be FEDERATION=ROLE, e.g. sydnarke=redigerare")
                roles[federation.strip()] = users.check_role(role.strip())
            username = users.check_username(args.username)
            record = users.add_user(path, username, args.name, _password(args), admin=args.admin, roles=roles)
            return f"added {record.username}" + (" (administrator)" if record.admin else "") + f" to {path}\n", 0
        if args.verb == "grant":
            users.set_role(path, args.username, args.federation, args.role)
            return f"{args.username} is {args.role} in {args.federation}\n", 0
        if args.verb == "revoke":
            users.set_role(path, args.username, args.federation, None)
            return f"{args.username} has no role in {args.federation}\n", 0
        if args.verb == "passwd":
            users.set_password(path, args.username, _password(args))
            return f"password of {args.username} set\n", 0
        if args.verb == "admin":
            users.set_admin(path, args.username, args.switch == "on")
            return f"{args.username} is {'now' if args.switch == 'on' else 'no longer'} an administrator\n", 0
        if args.verb == "remove":
            users.remove_user(path, args.username)
            return f"removed {args.username}\n", 0
        lines = []
        for name, record in sorted(users.load_users(path).items()):
            roles = ", ".join(f"{fid}={role}" for fid, role in sorted(record.roles.items())) or "–"
            lines.append(f"{name}\t{record.name}\t{'admin' if record.admin else ''}\t{roles}\n")
        return "".join(lines), 0
    except users.UsersError as exc:
        raise UsersCliError(str(exc)) from None
    except OSError as exc:
        raise UsersCliError(f"{path}: {exc.strerror}") from None
