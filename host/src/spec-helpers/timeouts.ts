/**
 * Host specs start whole systems (threads, processes, nginx, Prometheus): on a loaded two-core
 * machine a start or a graceful stop can outlast Jasmine's 5 s default, and a spec cut short keeps
 * running behind the next one. Specs that need longer still say so themselves.
 */
jasmine.DEFAULT_TIMEOUT_INTERVAL = 30_000;
