-- The traceability registry (docs/decisions/018-traceability.md, 019-traces-scale.md).
-- Kept in its own schema "traces", outside prisma/schema.prisma: Prisma does not model declarative
-- partitioning, and it introspects only "public", so these tables never show as drift. The portal
-- reads and writes them with SQL (lib/traces).

CREATE SCHEMA IF NOT EXISTS traces;

-- One row per exchange as one node reported it: the consumer's and the provider's nodes each report
-- the same exchange (same trace id). Append-only; partitioned by month of the exchange's time.
CREATE TABLE traces.record (
  -- batch id * 10000 + position in the batch: unique, and orders a batch's records for the verifier.
  id                      bigint      NOT NULL,
  time                    timestamptz NOT NULL,
  trace_id                text        NOT NULL,
  reporter_node_id        text        NOT NULL,
  reporter_institution_id text        NOT NULL,
  environment             text        NOT NULL,
  consumer_id             text        NOT NULL,
  provider_id             text        NOT NULL,
  service_code            text        NOT NULL,
  operation               text        NOT NULL,
  procedure               text        NOT NULL,
  case_file_id            text,
  result                  text        NOT NULL,
  latency_ms              integer     NOT NULL,
  message_sha256          bytea       NOT NULL,
  consent_id              text,
  -- HMAC-SHA256 of the person's normalized RUN with the server's TRACE_RUN_KEY; never the RUN.
  subject_hmac            bytea,
  -- False when no access grant was in force for the consumer's node at the exchange's time.
  grant_in_force          boolean     NOT NULL,
  received_at             timestamptz NOT NULL
) PARTITION BY RANGE (time);

-- Idempotency: a node re-sending a trace id for the same exchange time stores nothing new.
-- Leading with trace_id, it also finds both reports of one exchange.
CREATE UNIQUE INDEX record_trace_key ON traces.record (trace_id, reporter_node_id, time);
-- The search's access paths: an institution as consumer, as provider; everything (auditors).
CREATE INDEX record_consumer_time ON traces.record (consumer_id, time DESC, id DESC);
CREATE INDEX record_provider_time ON traces.record (provider_id, time DESC, id DESC);
CREATE INDEX record_time ON traces.record (time DESC, id DESC);
-- A record's page and the verifier (records of a batch, in order).
CREATE INDEX record_id ON traces.record (id);
CREATE INDEX record_case_file ON traces.record (case_file_id) WHERE case_file_id IS NOT NULL;
-- A citizen's records.
CREATE INDEX record_subject ON traces.record (subject_hmac) WHERE subject_hmac IS NOT NULL;

-- One row per stored batch: the Merkle root of its records, chained to the previous batch's.
CREATE SEQUENCE traces.batch_id_seq;
CREATE TABLE traces.batch (
  id                      bigint      PRIMARY KEY,
  chain_seq               bigint      NOT NULL UNIQUE,
  node_id                 text        NOT NULL,
  institution_id          text        NOT NULL,
  received_at             timestamptz NOT NULL,
  record_count            integer     NOT NULL,
  merkle_root             bytea       NOT NULL,
  prev_chain              bytea       NOT NULL,
  chain                   bytea       NOT NULL
);

-- The chain's head: one row, locked FOR UPDATE by each batch so batches are chained one at a time.
CREATE TABLE traces.chain_head (
  id        integer     PRIMARY KEY CHECK (id = 1),
  chain_seq bigint      NOT NULL,
  chain     bytea       NOT NULL,
  updated_at timestamptz NOT NULL
);
INSERT INTO traces.chain_head VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000', now());

-- Days on which exchanges without a grant in force were reported and DGD was told (one notice a day).
CREATE TABLE traces.ungranted_notice (
  day         date        PRIMARY KEY,
  notified_at timestamptz NOT NULL
);

-- Service-level breaches already notified: one notice per agreement and month.
CREATE TABLE traces.sla_breach (
  agreement_id text        NOT NULL,
  month        date        NOT NULL,
  measured     jsonb       NOT NULL,
  notified_at  timestamptz NOT NULL,
  PRIMARY KEY (agreement_id, month)
);

-- Append-only: no role, the owner included, may change or remove a record or a batch. Retention
-- detaches and drops whole month partitions (no row trigger fires).
CREATE FUNCTION traces.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'traces.% is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER record_append_only BEFORE UPDATE OR DELETE ON traces.record
  FOR EACH ROW EXECUTE FUNCTION traces.refuse_change();
CREATE TRIGGER record_no_truncate BEFORE TRUNCATE ON traces.record
  FOR EACH STATEMENT EXECUTE FUNCTION traces.refuse_change();
CREATE TRIGGER batch_append_only BEFORE UPDATE OR DELETE ON traces.batch
  FOR EACH ROW EXECUTE FUNCTION traces.refuse_change();
CREATE TRIGGER batch_no_truncate BEFORE TRUNCATE ON traces.batch
  FOR EACH STATEMENT EXECUTE FUNCTION traces.refuse_change();

-- The month partition holding `day`, created if missing (idempotent, safe when two callers race).
CREATE FUNCTION traces.ensure_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  first_day date := date_trunc('month', day)::date;
  name text := format('record_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
  IF to_regclass(format('traces.%I', name)) IS NULL THEN
    BEGIN
      EXECUTE format(
        'CREATE TABLE traces.%I PARTITION OF traces.record FOR VALUES FROM (%L) TO (%L)',
        name, first_day::timestamp AT TIME ZONE 'UTC', (first_day + interval '1 month')::timestamp AT TIME ZONE 'UTC');
      EXECUTE format(
        'CREATE TRIGGER %I BEFORE TRUNCATE ON traces.%I FOR EACH STATEMENT EXECUTE FUNCTION traces.refuse_change()',
        name || '_no_truncate', name);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- created meanwhile by another caller
    END;
  END IF;
  RETURN name;
END
$$;

-- Partitions from `from_day`'s month through `months` months after it.
CREATE FUNCTION traces.ensure_partitions(from_day date, months integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  i integer;
BEGIN
  FOR i IN 0..months LOOP
    PERFORM traces.ensure_partition((date_trunc('month', from_day) + make_interval(months => i))::date);
  END LOOP;
  RETURN months + 1;
END
$$;

-- Retention: detaches and drops each month partition wholly before `before_day`'s month. No DELETE.
CREATE FUNCTION traces.drop_partitions_before(before_day date) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE i.inhparent = 'traces.record'::regclass AND c.relname ~ '^record_\d{4}_\d{2}$'
      AND to_date(substr(c.relname, 8), 'YYYY_MM') < date_trunc('month', before_day)::date
  LOOP
    EXECUTE format('ALTER TABLE traces.record DETACH PARTITION traces.%I', part.relname);
    EXECUTE format('DROP TABLE traces.%I', part.relname);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END
$$;

-- From the previous month through three months ahead; the daily job keeps three months ahead.
SELECT traces.ensure_partitions((now() - interval '1 month')::date, 4);
