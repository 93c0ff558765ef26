"""Try hosted mode on this computer: `make hosted`.

Starts a throwaway PostgreSQL (tests/postgres_server.py), writes a demo password file
with four users (their passwords are printed once), and starts two app processes on
ports 8501 and 8502 against the one database, as deploy/README.md describes for a
server (there behind nginx with TLS). Everything is in var/hosted/ and the
database is gone when you press Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenarios.users import add_user, new_password  # noqa: E402
from tests.postgres_server import ThrowawayPostgres  # noqa: E402

SEEDED = ("sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland")
PORTS = (8501, 8502)


def main() -> int:
    folder = ROOT / "var" / "hosted"
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users.toml"
    users.unlink(missing_ok=True)
    accounts = {
        "admin": ("Administratör", {"admin": True}),
        "chef": ("Cecilia Chef", {"roles": {fid: "förbundschef" for fid in SEEDED}}),
        "redaktor": ("Rut Redigerare", {"roles": {"sodra-lappland": "redigerare"}}),
        "lasare": ("Lars Läsare", {"roles": {"sodra-lappland": "läsare", "jamtland": "läsare"}}),
    }
    lines = []
    for username, (name, options) in accounts.items():
        password = new_password()
        add_user(users, username, name, password, **options)
        lines.append(f"  {username:<9} {password}   {name}")
    server = ThrowawayPostgres().start()
    url = server.new_database()
    (folder / "finsam.toml").write_text(
        f'mode = "hosted"\nusers_file = "users.toml"\ndatabase_url = "{url}"\nsession_hours = 8\n', encoding="utf-8")
    apps = []
    try:
        for port in PORTS:
            env = {**os.environ, "FINSAM_CONFIG": str(folder / "finsam.toml"),
                   "FINSAM_DB": str(folder / f"seed-{port}.duckdb")}  # each process its own seed file
            apps.append(subprocess.Popen(
                [str(Path(sys.executable).with_name("streamlit")), "run", str(ROOT / "dashboard" / "app.py"),
                 "--server.headless", "true", "--server.port", str(port), "--browser.gatherUsageStats", "false",
                 "--server.maxUploadSize", "5"], env=env, cwd=ROOT))
        print("\nHosted mode on one PostgreSQL, two app processes:", flush=True)
        for port in PORTS:
            print(f"  http://localhost:{port}")
        print("Users (user name, password, name):\n" + "\n".join(lines))
        print(f"Database: {url}\nPress Ctrl-C to stop (the database is thrown away).\n", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        while all(app.poll() is None for app in apps):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for app in apps:
            app.terminate()
        for app in apps:
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
