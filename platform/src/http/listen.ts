import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthReport } from '@e-contract/contracts';
import type { Config } from '../config/config.js';
import { PROBLEM_BASE } from './problem.js';

/**
 * How long a stopping service waits for the requests it is answering (SIGTERM: the whole stop must
 * fit in 10 s; the stores close after this).
 */
export const DRAIN_GRACE_MS = 6_000;

export interface Listening {
  server: Server;
  port: number;
  internalUrl: string;
  publicUrl: string;
  /** Hands the requests over to the app; until then every request is answered 503 (starting). */
  attach: (app: RequestListener) => void;
}

/**
 * A service's life on its port: starting (503, Retry-After), serving, stopping. Stopping answers
 * the requests already in flight, ends the live streams (a browser's EventSource reconnects, through
 * the gateway to another replica), answers every new request 503 with `Connection: close` and
 * Retry-After (`/api/health` with status `stopping`, so that a balancer takes the replica out;
 * nothing of a refused request was done, so a retry is safe), and closes the port once the answers
 * in flight are out (or the grace period is over).
 */
class ServiceLifecycle {
  private phase: 'starting' | 'serving' | 'stopping' = 'starting';
  private app: RequestListener | null = null;
  private readonly inFlight = new Set<ServerResponse>();
  private readonly idle: Array<() => void> = [];

  constructor(private readonly server: Server) {}

  readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.phase === 'serving' && this.app) {
      this.track(res);
      this.app(req, res);
      return;
    }
    refuse(req, res, this.phase === 'starting' ? 'starting' : 'stopping');
  };

  attach(app: RequestListener): void {
    this.app = app;
    if (this.phase === 'starting') this.phase = 'serving';
  }

  /** From now on new requests are refused (health: stopping) and live streams end; the port stays open. */
  beginStopping(): void {
    this.phase = 'stopping';
    for (const res of this.inFlight) {
      if (isEventStream(res)) res.end(); // a live stream never ends by itself: the client reconnects elsewhere
    }
  }

  /** Stops taking work and waits (at most `graceMs`) for the answers in flight; then every connection is closed. */
  async stop(graceMs: number): Promise<void> {
    this.beginStopping();
    // The port stays open meanwhile: a new request is answered 503 at once (nothing done, Retry-After)
    // rather than left to a refused connection, and health checks see `stopping`.
    await this.settled(graceMs);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private track(res: ServerResponse): void {
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) for (const wake of this.idle.splice(0)) wake();
    });
  }

  private settled(graceMs: number): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const lifecycles = new WeakMap<Server, ServiceLifecycle>();

/**
 * Binds the port first, so that the sandbox knows the callback address even when the system chose
 * it (PORT=0). Until `attach` hands over the app, every request is answered 503 with Retry-After
 * (start-up seeds users and opens stores): none waits unanswered. `closeServer` then stops it
 * gracefully.
 */
export async function listen(config: Pick<Config, 'port' | 'host' | 'publicUrl'>): Promise<Listening> {
  const server = createServer();
  const lifecycle = new ServiceLifecycle(server);
  lifecycles.set(server, lifecycle);
  server.on('request', lifecycle.onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    internalUrl: `http://127.0.0.1:${port}`,
    publicUrl: config.publicUrl.replace(/:0$/, `:${port}`),
    attach: (app) => lifecycle.attach(app),
  };
}

/**
 * Begins a graceful stop without closing the port: new requests are answered 503 (health:
 * `stopping`) while the caller finishes its own work (a background process commits its batches and
 * saves its checkpoints); `closeServer` ends it.
 */
export function beginStopping(server: Server): void {
  lifecycles.get(server)?.beginStopping();
}

/**
 * Closes a server. One made by `listen` stops gracefully: in-flight requests are answered (at most
 * `graceMs`), live streams ended, new requests refused with 503; any other server drops its
 * connections at once.
 */
export async function closeServer(server: Server, graceMs: number = DRAIN_GRACE_MS): Promise<void> {
  const lifecycle = lifecycles.get(server);
  if (lifecycle) return lifecycle.stop(graceMs);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, phase: 'starting' | 'stopping'): void {
  const headers = { 'Retry-After': '1', 'Cache-Control': 'no-store', ...(phase === 'stopping' ? { Connection: 'close' } : {}) };
  if (new URL(req.url ?? '/', 'http://service').pathname === '/api/health') {
    // The health shape (API.md, "Health"): nothing is served until the service is up, and after it began to stop.
    const report: HealthReport = { status: phase, eventStore: 'down', readStore: null, projections: null };
    res.writeHead(503, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(report));
    return;
  }
  res.writeHead(503, { ...headers, 'Content-Type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: `${PROBLEM_BASE}${phase}`,
      title: phase === 'starting' ? 'Starting' : 'Stopping',
      status: 503,
      detail: phase === 'starting' ? 'The service is starting; try again in a moment' : 'The service is stopping; try again in a moment',
    }),
  );
}

const isEventStream = (res: ServerResponse): boolean => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
