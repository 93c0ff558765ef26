-- finsam-planner: the baseline data seeded from data/seeds/*.toml.
-- Amounts are whole kronor. Every figure points at its provenance: the seed file
-- and section it was typed from, or an assumption with its reason.

CREATE TABLE provenance (
    id            INTEGER PRIMARY KEY,
    federation_id TEXT NOT NULL,
    seed_file     TEXT,
    section       TEXT,
    assumption    TEXT,
    CHECK ((section IS NULL) <> (assumption IS NULL))
);

CREATE TABLE federation (
    id                      TEXT PRIMARY KEY,
    name                    TEXT NOT NULL,
    source_file             TEXT,
    source_title            TEXT,
    opening_equity          BIGINT NOT NULL,
    opening_provenance_id   INTEGER NOT NULL
);

CREATE TABLE plan_year (
    federation_id TEXT NOT NULL,
    year          INTEGER NOT NULL,
    basis         TEXT NOT NULL CHECK (basis IN ('outcome', 'budget', 'plan')),
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, year)
);

CREATE TABLE member (
    federation_id TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('state', 'region', 'municipality')),
    municipal_key DOUBLE,
    population    INTEGER,
    pays          BOOLEAN NOT NULL,
    position      INTEGER NOT NULL,
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, member_id)
);

-- member_id NULL: the source gives only the total, not per member.
CREATE TABLE contribution (
    federation_id TEXT NOT NULL,
    member_id     TEXT,
    year          INTEGER NOT NULL,
    amount        BIGINT NOT NULL CHECK (amount >= 0),
    provenance_id INTEGER NOT NULL,
    UNIQUE (federation_id, member_id, year)
);

CREATE TABLE income_line (
    federation_id TEXT NOT NULL,
    line_id       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('esf', 'other')),
    name          TEXT NOT NULL,
    project_id    TEXT,
    position      INTEGER NOT NULL,
    PRIMARY KEY (federation_id, line_id)
);

CREATE TABLE income_amount (
    federation_id TEXT NOT NULL,
    line_id       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    amount        BIGINT NOT NULL,
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, line_id, year)
);

CREATE TABLE cost_line (
    federation_id TEXT NOT NULL,
    line_id       TEXT NOT NULL,
    cost_group    TEXT NOT NULL CHECK (cost_group IN
                  ('board', 'office_staff', 'premises', 'other_admin', 'projects', 'unspecified')),
    name          TEXT NOT NULL,
    start_date    DATE,
    end_date      DATE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (federation_id, line_id)
);

CREATE TABLE cost_amount (
    federation_id TEXT NOT NULL,
    line_id       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    amount        BIGINT NOT NULL,
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, line_id, year)
);

CREATE TABLE project (
    federation_id TEXT NOT NULL,
    project_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    start_date    DATE,
    end_date      DATE,
    funding       TEXT,
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, project_id)
);

-- Decided multi-year funding: a promise of future costs.
CREATE TABLE commitment (
    federation_id TEXT NOT NULL,
    intervention  TEXT NOT NULL,
    as_of         DATE,
    start_date    DATE,
    end_date      DATE,
    amount        BIGINT,
    provenance_id INTEGER NOT NULL
);

CREATE TABLE budget_vs_outcome (
    federation_id TEXT NOT NULL,
    year          INTEGER NOT NULL,
    line          TEXT NOT NULL,
    outcome       BIGINT,
    budget        BIGINT,
    provenance_id INTEGER NOT NULL
);

-- Totals the source prints: the projection must reproduce them.
CREATE TABLE reported_figure (
    federation_id TEXT NOT NULL,
    measure       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    amount        BIGINT NOT NULL,
    unit          INTEGER NOT NULL,  -- the unit the source prints it in: 1 kr or 1000 (tkr)
    provenance_id INTEGER NOT NULL,
    PRIMARY KEY (federation_id, measure, year)
);

-- Where a source contradicts itself: what was stored, what was not, and why.
CREATE TABLE contradiction (
    federation_id  TEXT NOT NULL,
    year           INTEGER,
    measure        TEXT,            -- the reported figure this explains, if any
    subject        TEXT NOT NULL,
    description    TEXT NOT NULL,
    stored_value   BIGINT,
    rejected_value BIGINT,
    provenance_id  INTEGER NOT NULL
);

CREATE TABLE finsam_rule (
    name       TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    value      TEXT NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (name, valid_from)
);

CREATE TABLE seed_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
