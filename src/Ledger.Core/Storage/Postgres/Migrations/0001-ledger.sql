-- Ledger's tables on a PostgreSQL server, schema version 1. Every table is append-only: rows are inserted, never
-- updated or deleted (the trigger at the end refuses both). A record that supersedes another (a snapshot's newer fit
-- of a recipe) is a new row; the current one is the row with the highest sequence. Doubles are float8, which keeps
-- every bit a fit or a point has; payloads are text, kept byte for byte.
-- IF NOT EXISTS: the schema and its version table may have been made by hand, empty, by an administrator who
-- grants Ledger's user its rights there first.
CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE IF NOT EXISTS ledger.schema_versions (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- Content-addressed: digest is the SHA-256 of recipe, compute mapping, metric column and points (RunDigest).
-- points is the frozen binary encoding the digest covers (PointEncoding).
CREATE TABLE ledger.runs (
    digest text PRIMARY KEY,
    recipe text NOT NULL,
    run_name text NOT NULL,
    source_path text NOT NULL,
    format text NOT NULL,
    compute_source text NOT NULL,
    compute_column text NOT NULL,
    compute_scale float8 NOT NULL,
    reward_column text NOT NULL,
    point_count integer NOT NULL,
    points bytea NOT NULL,
    tags text[] NOT NULL,
    first_seen_commit text NOT NULL,
    first_seen_utc_ticks bigint NOT NULL,
    first_seen_offset_minutes integer NOT NULL
);

-- id orders snapshots by their first append: the next one is the highest so far plus one, taken under a lock.
CREATE TABLE ledger.snapshots (
    id bigint PRIMARY KEY,
    commit text NOT NULL,
    branch text NOT NULL,
    utc_ticks bigint NOT NULL,
    offset_minutes integer NOT NULL,
    UNIQUE (commit, branch)
);
CREATE INDEX snapshots_branch ON ledger.snapshots (branch);

-- A snapshot's runs, a row per run, in the order they joined it: a snapshot grows and never loses a run.
CREATE TABLE ledger.snapshot_runs (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES ledger.snapshots (id),
    recipe text NOT NULL,
    digest text NOT NULL REFERENCES ledger.runs (digest),
    UNIQUE (snapshot_id, digest)
);

CREATE TABLE ledger.fits (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES ledger.snapshots (id),
    recipe text NOT NULL,
    model text NOT NULL,
    options_digest text NOT NULL,
    fitter_version text NOT NULL,
    input_digest text NOT NULL,
    parameter_names text[] NOT NULL,
    parameter_values float8[] NOT NULL,
    parameter_standard_errors float8[] NOT NULL,
    parameter_lowers float8[] NOT NULL,
    parameter_uppers float8[] NOT NULL,
    status text NOT NULL,
    reason text,
    r_squared float8 NOT NULL,
    rmse float8 NOT NULL,
    sse float8 NOT NULL,
    n integer NOT NULL,
    payload_json text NOT NULL
);
CREATE INDEX fits_snapshot ON ledger.fits (snapshot_id, recipe, model, sequence);
CREATE INDEX fits_input ON ledger.fits (input_digest, sequence);

-- verdict is the gate's word (pass, regressed, allowed, ...): text, so a new kind needs no migration.
CREATE TABLE ledger.verdicts (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES ledger.snapshots (id),
    recipe text NOT NULL,
    verdict text NOT NULL,
    baseline_snapshot_id bigint REFERENCES ledger.snapshots (id),
    delta_a float8,
    lower float8,
    upper float8,
    regime_change boolean NOT NULL,
    reason text
);
CREATE INDEX verdicts_snapshot ON ledger.verdicts (snapshot_id, recipe, sequence);

CREATE TABLE ledger.gate_summaries (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES ledger.snapshots (id),
    markdown text NOT NULL
);
CREATE INDEX gate_summaries_snapshot ON ledger.gate_summaries (snapshot_id, sequence);

-- Caches that spare a rerun work; each maps immutable inputs to what they gave, so an entry is never wrong.
CREATE TABLE ledger.gate_facts (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id bigint NOT NULL REFERENCES ledger.snapshots (id),
    facts bytea NOT NULL
);
CREATE INDEX gate_facts_snapshot ON ledger.gate_facts (snapshot_id, sequence);

-- key holds a full path, longer than a btree entry may be: a hash index finds it.
CREATE TABLE ledger.read_files (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL,
    runs bytea NOT NULL
);
CREATE INDEX read_files_key ON ledger.read_files USING hash (key);

CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % of ledger.% is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['schema_versions', 'runs', 'snapshots', 'snapshot_runs', 'fits', 'verdicts', 'gate_summaries', 'gate_facts', 'read_files']
    LOOP
        EXECUTE format('CREATE TRIGGER append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger.%I FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change()', name);
    END LOOP;
END
$$;
