-- finsam-planner, hosted mode: the database role and the database.
--
-- Run once as PostgreSQL's superuser:
--     sudo -u postgres psql -v ON_ERROR_STOP=1 -f deploy/postgres-setup.sql
--
-- The app creates its tables itself on its first connection and migrates them on a
-- later version (scenarios/plans_db.py, scenarios/plans_pg.py), keeping every row.
-- So the role needs CREATE on its schema: as the database's owner it has it (on
-- PostgreSQL 15, Debian 12's version, the schema public belongs to the database owner).

-- No password: the app connects over the local Unix socket with peer authentication
-- (Debian's default pg_hba.conf line `local all all peer`), which admits the OS user
-- `finsam` as the role `finsam` and nobody else.
-- A database on another host instead: give the role a password
--     ALTER ROLE finsam PASSWORD '...';
-- and put it in FINSAM_DATABASE_URL, not in finsam.toml (deploy/README.md).
CREATE ROLE finsam LOGIN;

-- UTF-8 whatever the server's default locale (template0 allows any encoding).
CREATE DATABASE finsam OWNER finsam ENCODING 'UTF8' TEMPLATE template0;

-- Other roles may not connect to it (the owner and superusers still can).
REVOKE ALL ON DATABASE finsam FROM PUBLIC;

\connect finsam
-- On PostgreSQL 14 and older every role could create tables in public and the schema
-- belonged to postgres: take that from everyone, give it to finsam (on 15: no change).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO finsam;
