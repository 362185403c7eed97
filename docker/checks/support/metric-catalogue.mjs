/**
 * The metric families the services expose on GET /metrics (issue 9's shared list of names; the
 * services define them in platform's metrics module). The dashboard and the alert rules may name
 * these and nothing else of the services'; docker/checks/metrics-exposure.spec.mjs holds the list
 * against a running system.
 */
export const SERVICE_METRICS = {
  http_request_duration_seconds: 'histogram',
  econtract_event_store_appends_total: 'counter',
  econtract_event_store_append_duration_seconds: 'histogram',
  econtract_event_store_commit_batch_size: 'histogram',
  econtract_event_store_concurrency_retries_total: 'counter',
  econtract_signing_facts_total: 'counter',
  econtract_projection_position: 'gauge',
  econtract_projection_lag_events: 'gauge',
  econtract_projection_lag_seconds: 'gauge',
  econtract_projection_events_applied_total: 'counter',
  econtract_projection_errors_total: 'counter',
  econtract_projection_rebuilds_total: 'counter',
  econtract_sse_connections: 'gauge',
  econtract_notifications_total: 'counter',
  econtract_rate_limit_refusals_total: 'counter',
  econtract_webhook_deliveries_total: 'counter',
  econtract_webhook_oldest_pending_seconds: 'gauge',
  econtract_data_dir_free_bytes: 'gauge',
  econtract_data_dir_size_bytes: 'gauge',
  econtract_build_info: 'gauge',
};

/** prom-client's default process and Node metrics (collectDefaultMetrics) that the dashboard reads. */
export const DEFAULT_METRICS = {
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  nodejs_eventloop_lag_p99_seconds: 'gauge',
};

/** Series Prometheus makes itself for every target. */
export const PROMETHEUS_SERIES = ['up'];

/** EventStoreDB's own metrics (docs: "Metrics"), scraped by the eventstore job. */
export const EVENTSTORE_METRICS = ['eventstore_sys_disk_bytes'];

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

/** The family a series name belongs to (`x_bucket` → `x` for a histogram), or null if unknown. */
export function familyOf(series, catalogue = { ...SERVICE_METRICS, ...DEFAULT_METRICS }) {
  if (catalogue[series]) return series;
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!series.endsWith(suffix)) continue;
    const base = series.slice(0, -suffix.length);
    if (catalogue[base] === 'histogram') return base;
  }
  return null;
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers outside strings, label matchers,
 * durations and grouping clauses that are neither functions, aggregations nor keywords. Grafana's
 * variables (`$job`, `$__rate_interval`) are left out.
 */
export function metricNamesIn(expr) {
  const names = new Set();
  // Strings, label matchers ({…}), range/subquery brackets ([…]) and grouping lists ((…) after
  // by/without/on/ignoring/group_left/group_right) name no metric.
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$[A-Za-z_][A-Za-z0-9_]*/g, ' ');
  const identifier = /[A-Za-z_:][A-Za-z0-9_:]*/g;
  let match;
  while ((match = identifier.exec(stripped)) !== null) {
    const name = match[0];
    const after = stripped.slice(identifier.lastIndex).trimStart();
    if (after.startsWith('(')) continue; // a function or an aggregation
    if (KEYWORDS.has(name.toLowerCase())) continue;
    if (/^\d/.test(name)) continue;
    const before = stripped.slice(0, match.index);
    if (/[0-9.]$/.test(before) && /^(e|E)/.test(name)) continue; // the exponent of 1e9
    names.add(name);
  }
  return [...names];
}
