import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { addressRefusal, type OutboundPolicy } from './forbidden-addresses.js';
import { ForbiddenTarget, guardedLookup, type LookupFunction } from './guarded-lookup.js';
import { hostOf } from './webhook-url.js';

/** What an outbound POST came to: an answer (any status), or no answer and why. */
export type PostResult = { answered: true; status: number } | { answered: false; error: string };

export interface OutboundPosterOptions {
  policy: OutboundPolicy;
  /** The whole exchange — connecting, sending, the answer's headers and body — within this (default 10 s). */
  timeoutMs?: number;
  /** Connecting within this (default the smaller of 5 s and `timeoutMs`). */
  connectTimeoutMs?: number;
  /** Instead of `dns.lookup` (specs). */
  lookup?: LookupFunction;
}

/** At most this much of an answer's body is read (and thrown away): receivers answer with a status. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs for the system to other systems (webhooks): a timeout on the whole exchange, redirects not
 * followed (a 3xx is an answer like any other), the target's addresses checked against the policy
 * when connecting (`guardedLookup`; an IP literal before connecting), one connection pool per poster.
 */
export class OutboundPoster {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(private readonly options: OutboundPosterOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.agent = new Agent({
      connect: {
        lookup: guardedLookup(options.policy, options.lookup),
        timeout: options.connectTimeoutMs ?? Math.min(5_000, this.timeoutMs),
      },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
      connections: 4,
    });
  }

  async post(target: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<PostResult> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { answered: false, error: 'not a URL' };
    }
    const host = hostOf(url);
    if (isIP(host) !== 0) {
      const refusal = addressRefusal(host, this.options.policy);
      if (refusal !== null) return { answered: false, error: `refused: ${refusal}` };
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const answer = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await answer.body.dump({ limit: MAX_ANSWER_BYTES }).catch(() => undefined);
      return { answered: true, status: answer.statusCode };
    } catch (error) {
      return { answered: false, error: describe(error, timeout.aborted) };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function describe(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout';
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof ForbiddenTarget) return `refused: ${cause.reason}`;
  if (error instanceof ForbiddenTarget) return `refused: ${error.reason}`;
  const code = (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : 'failed';
}
