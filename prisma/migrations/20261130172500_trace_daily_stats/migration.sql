-- Daily figures of the trace registry (docs/decisions/025-trace-charts-and-service-levels.md): the
-- charts and the agreements' monthly service levels read this rollup, never millions of records.
-- One row per Chilean day, pair of institutions, service, environment, reporting side and latency
-- bucket (lib/traces/stats.ts LATENCY_BOUNDS_MS), with the exchanges counted by result. Kept by the
-- trace-stats job, which recomputes whole days: the days of the batches chained since its last run.
CREATE TABLE traces.daily_stat (
  day            date     NOT NULL,
  consumer_id    text     NOT NULL,
  provider_id    text     NOT NULL,
  service_code   text     NOT NULL,
  environment    text     NOT NULL,
  -- 'PROVIDER' when the provider's node reported the exchange, 'CONSUMER' otherwise.
  reported_by    text     NOT NULL,
  latency_bucket smallint NOT NULL,
  total          integer  NOT NULL,
  ok             integer  NOT NULL,
  client_errors  integer  NOT NULL,
  server_errors  integer  NOT NULL,
  timeouts       integer  NOT NULL,
  PRIMARY KEY (day, consumer_id, provider_id, service_code, environment, reported_by, latency_bucket)
);
CREATE INDEX daily_stat_consumer ON traces.daily_stat (consumer_id, day);
CREATE INDEX daily_stat_provider ON traces.daily_stat (provider_id, day);

-- How far the rollup has read: the chain sequence of the last batch whose days it recomputed.
CREATE TABLE traces.daily_stat_state (
  id           integer     PRIMARY KEY CHECK (id = 1),
  chain_seq    bigint      NOT NULL,
  refreshed_at timestamptz NOT NULL
);
INSERT INTO traces.daily_stat_state VALUES (1, 0, now());

-- The production network's day as its providers reported it, summed over every pair: what the
-- network's charts read (a month is ~600 rows, whatever the number of institutions).
CREATE TABLE traces.daily_network_stat (
  day            date     NOT NULL,
  latency_bucket smallint NOT NULL,
  total          integer  NOT NULL,
  ok             integer  NOT NULL,
  client_errors  integer  NOT NULL,
  server_errors  integer  NOT NULL,
  timeouts       integer  NOT NULL,
  PRIMARY KEY (day, latency_bucket)
);
