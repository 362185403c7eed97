import { maskEmail } from '@e-contract/contracts';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { NotifierLog } from './http-sms-notifier.js';
import { FALLBACK_SUBJECTS } from './message-templates.js';
import type { Notifier, OutgoingMessage } from './notifier.js';

export interface SmtpEmailNotifierOptions {
  /**
   * `SMTP_URL`: `smtps://user:pass@smtp.example.ru:465` (TLS from the start) or
   * `smtp://user:pass@smtp.example.ru:587` (STARTTLS, required by default; `?requireTLS=false` in
   * the URL allows a plain connection, e.g. to a relay on the same host). Percent-encode a user or
   * password that holds `@`, `:` or `/`. Never logged: it holds the password.
   */
  url: string;
  /** `MAIL_FROM`: the sender, `noreply@example.ru` or `"E-contract" <noreply@example.ru>`. */
  from: string;
  /** Used instead of an SMTP connection to `url` (specs pass nodemailer's `jsonTransport`). */
  transport?: Transporter<unknown>;
  log?: NotifierLog;
  /** How many recent dedup keys are remembered in memory. */
  rememberedKeys?: number;
  /** Connection, greeting and inactivity timeouts of the SMTP connection; default 10 s / 10 s / 30 s. */
  timeouts?: { connectionMs?: number; greetingMs?: number; socketMs?: number };
}

/** Used when a message comes without a subject of its own (the texts are the catalogue's). */
export { FALLBACK_SUBJECTS } from './message-templates.js';

const DEFAULT_REMEMBERED_KEYS = 10_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
const DEFAULT_GREETING_TIMEOUT_MS = 10_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 30_000;

// One plain address: no display name, no list, no spaces, so `to` can never fan out to others.
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

/**
 * Thrown when the mail server did not take a message. Carries nodemailer's error code (`EAUTH`,
 * `ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`…) and the SMTP reply code, never the server's reply text
 * nor the original error: a server may echo the recipient's address back.
 */
export class EmailDeliveryFailed extends Error {
  override readonly name = 'EmailDeliveryFailed';
  constructor(
    detail: string,
    readonly code?: string,
    readonly responseCode?: number,
  ) {
    super(detail);
  }
}

/**
 * Production e-mail adapter: sends plain-text mail over SMTP with nodemailer. The subject is
 * `message.subject` (the text is then the body), else a generic one by kind. Logs carry the masked
 * address and the message kind, never the text: an invitation holds the token that opens the
 * signer's cabinet.
 */
export class SmtpEmailNotifier implements Notifier {
  private readonly transport: Transporter<unknown>;
  private readonly from: string;
  private readonly capacity: number;
  // Insertion-ordered, so the oldest key is the first to forget.
  private readonly sentKeys = new Set<string>();
  // A repeat that arrives while the first is still being sent waits for (and shares) its outcome.
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly options: SmtpEmailNotifierOptions) {
    this.from = options.from.trim();
    if (this.from === '') throw new TypeError('SmtpEmailNotifier needs a sender address (MAIL_FROM)');
    this.capacity = options.rememberedKeys ?? DEFAULT_REMEMBERED_KEYS;
    this.transport = options.transport ?? createSmtpTransport(options);
  }

  async send(message: OutgoingMessage): Promise<void> {
    if (message.channel !== 'email') throw new TypeError(`SmtpEmailNotifier sends e-mail only, not ${message.channel}`);
    const to = message.to.trim();
    if (!SINGLE_ADDRESS.test(to)) throw new TypeError('SmtpEmailNotifier needs a single e-mail address');

    const key = message.dedupKey;
    if (key === undefined) return this.deliver(message, to);
    if (this.sentKeys.has(key)) return;
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    const delivery = this.deliver(message, to).then(() => this.remember(key));
    this.inFlight.set(key, delivery);
    try {
      await delivery;
    } finally {
      // Whether sent (now remembered) or failed (so a redelivery may try again).
      this.inFlight.delete(key);
    }
  }

  /** Closes the SMTP connection(s); for an orderly shutdown. */
  close(): void {
    this.transport.close();
  }

  private async deliver(message: OutgoingMessage, to: string): Promise<void> {
    const logFields = { channel: 'email', to: maskEmail(to), kind: message.kind, dedupKey: message.dedupKey };
    const mail: SendMailOptions = {
      from: this.from,
      to,
      subject: subjectOf(message),
      text: message.text,
      // RFC 3834: tells auto-responders (vacation replies) not to answer.
      headers: { 'Auto-Submitted': 'auto-generated' },
      disableFileAccess: true,
      disableUrlAccess: true,
      ...(message.attachments?.length
        ? { attachments: message.attachments.map(({ fileName, contentType, content }) => ({ filename: fileName, contentType, content })) }
        : {}),
    };

    let info: unknown;
    try {
      info = await this.transport.sendMail(mail);
    } catch (error) {
      const code = stringField(error, 'code');
      const responseCode = numberField(error, 'responseCode');
      this.options.log?.warn({ ...logFields, code, responseCode }, 'email not sent');
      throw new EmailDeliveryFailed(
        `Mail server did not take the message${code ? ` (${code}${responseCode ? ` ${responseCode}` : ''})` : ''}`,
        code,
        responseCode,
      );
    }
    if (hasRejections(info)) {
      this.options.log?.warn(logFields, 'email rejected');
      throw new EmailDeliveryFailed('Mail server rejected the recipient', 'EENVELOPE');
    }
    this.options.log?.info({ ...logFields, messageId: stringField(info, 'messageId') }, 'email sent');
  }

  private remember(key: string): void {
    this.sentKeys.add(key);
    if (this.sentKeys.size > this.capacity) {
      const oldest = this.sentKeys.values().next();
      if (!oldest.done) this.sentKeys.delete(oldest.value);
    }
  }
}

function createSmtpTransport(options: SmtpEmailNotifierOptions): Transporter<unknown> {
  let protocol: string;
  try {
    protocol = new URL(options.url).protocol;
  } catch {
    // The URL is not quoted: it holds the password.
    throw new TypeError('SMTP_URL is not a valid URL');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new TypeError('SMTP_URL must start with smtp:// or smtps://');
  // Built directly rather than through `createTransport({ url, ... })`, which (nodemailer 7) drops
  // every option but the URL. Here the options below are defaults that the URL's query may override.
  const transport = new SMTPTransport({
    url: options.url,
    requireTLS: true,
    connectionTimeout: options.timeouts?.connectionMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    greetingTimeout: options.timeouts?.greetingMs ?? DEFAULT_GREETING_TIMEOUT_MS,
    socketTimeout: options.timeouts?.socketMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
    // nodemailer's own logger would print addresses; ours logs them masked.
    logger: false,
    debug: false,
  });
  return nodemailer.createTransport(transport);
}

/** The message's subject on one line, else the generic subject of its kind. */
function subjectOf(message: OutgoingMessage): string {
  const subject = message.subject?.replace(/\s+/g, ' ').trim();
  return subject ? subject : FALLBACK_SUBJECTS[message.kind];
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

function numberField(value: unknown, field: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = (value as Record<string, unknown>)[field];
  return typeof found === 'number' ? found : undefined;
}

function hasRejections(info: unknown): boolean {
  if (typeof info !== 'object' || info === null) return false;
  const rejected: unknown = (info as Record<string, unknown>)['rejected'];
  return Array.isArray(rejected) && rejected.length > 0;
}
