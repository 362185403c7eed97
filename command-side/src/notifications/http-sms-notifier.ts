import { maskPhone, normalizeRussianMobile } from '@e-contract/contracts';
import type { Notifier, OutgoingMessage } from './notifier.js';

/** The part of `fetch` the adapter uses; the global one fits, and specs pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The part of a pino logger the adapter uses. */
export interface NotifierLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface HttpSmsNotifierOptions {
  /** The gateway's send endpoint; it takes `{to, text}` JSON. */
  url: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: FetchLike;
  log?: NotifierLog;
  /** How many recent dedup keys are remembered in memory (the gateway's `Idempotency-Key` is the durable guard). */
  rememberedKeys?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_REMEMBERED_KEYS = 10_000;

/** Thrown when the gateway did not accept a message; carries no message text. */
export class SmsDeliveryFailed extends Error {
  override readonly name = 'SmsDeliveryFailed';
  constructor(
    detail: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(detail, options);
  }
}

/**
 * Production SMS adapter: POSTs `{to, text}` to an HTTP gateway with a bearer key.
 * Logs carry the masked phone and the message kind, never the text: a code message holds the
 * signer's key (63-FZ art. 9) and an invitation holds the token that opens the cabinet.
 */
export class HttpSmsNotifier implements Notifier {
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly capacity: number;
  // Insertion-ordered, so the oldest key is the first to forget.
  private readonly sentKeys = new Set<string>();

  constructor(private readonly options: HttpSmsNotifierOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.capacity = options.rememberedKeys ?? DEFAULT_REMEMBERED_KEYS;
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel !== 'sms') throw new TypeError(`HttpSmsNotifier sends SMS only, not ${message.channel}`);
    const to = normalizeRussianMobile(message.to);
    if (!to) throw new TypeError('HttpSmsNotifier needs a Russian mobile number');
    const key = message.dedupKey;
    if (key !== undefined && this.sentKeys.has(key)) return;

    const logFields = { channel: 'sms', to: maskPhone(to), kind: message.kind, dedupKey: key };
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: `Bearer ${this.options.apiKey}`,
    };
    // Lets the gateway drop a repeat that our in-memory set no longer remembers (e.g. after a restart).
    if (key !== undefined) headers['Idempotency-Key'] = key;

    let response: Response;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to, text: message.text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      this.options.log?.warn({ ...logFields, reason }, 'sms gateway failed');
      throw new SmsDeliveryFailed(`SMS gateway ${reason}`, undefined, { cause: error });
    }
    // The body is not read into logs or errors: a gateway may echo the text back.
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) {
      this.options.log?.warn({ ...logFields, status: response.status }, 'sms gateway refused');
      throw new SmsDeliveryFailed(`SMS gateway answered ${response.status}`, response.status);
    }
    this.remember(key);
    this.options.log?.info({ ...logFields, status: response.status }, 'sms sent');
  }

  private remember(key: string | undefined): void {
    if (key === undefined) return;
    this.sentKeys.add(key);
    if (this.sentKeys.size > this.capacity) {
      const oldest = this.sentKeys.values().next();
      if (!oldest.done) this.sentKeys.delete(oldest.value);
    }
  }
}
