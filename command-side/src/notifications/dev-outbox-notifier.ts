import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  normalizeRussianMobile,
  type MessageChannel,
  type MessageKind,
  type OutboxAttachment,
  type OutboxMessage,
} from '@e-contract/contracts';
import type { Notifier, OutgoingMessage } from './notifier.js';

/** A message as the dev outbox shows it (`GET /api/dev/outbox`): the wire type in contracts. */
export type { OutboxMessage } from '@e-contract/contracts';

/** One line of the file: the message plus its dedup key, so dedup survives a restart. */
interface OutboxLine extends OutboxMessage {
  dedupKey?: string;
}

interface IndexedMessage {
  message: OutboxMessage;
  /** `to` in the form queries are compared with (see `outboxAddress`). */
  address: string;
}

export interface DevOutboxOptions {
  now?: () => Date;
}

export const DEV_OUTBOX_FILE = 'dev-outbox.jsonl';

/**
 * The comparable form of an address: e-mails lower-cased, phones in E.164 whatever way they were
 * typed (`+7 900 …`, `8 (900) …`). Text that is neither stays as typed, and so matches nothing.
 */
export function outboxAddress(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  return normalizeRussianMobile(trimmed) ?? trimmed;
}

/**
 * The embedded notifier: nothing leaves the machine; every message is appended to
 * `<directory>/dev-outbox.jsonl` so that a developer (or an end-to-end test) can read the
 * invitation link and the one-time code, also after a restart. Never used in production mode.
 */
export class DevOutboxNotifier implements Notifier {
  readonly file: string;
  private readonly entries: IndexedMessage[] = [];
  private readonly sentKeys = new Set<string>();
  private readonly now: () => Date;
  // Appends run one after another, so file order = memory order = the order `send` was called in.
  private writes: Promise<void> = Promise.resolve();
  // Lines waiting for the next append: every `send` made while one append runs goes in the next,
  // one write for many messages (the invitation reactor sends hundreds at once under load).
  private pending: { line: OutboxLine; done: { resolve: () => void; reject: (error: unknown) => void } }[] = [];
  // A crash mid-append can leave a last line without its newline; the next line must not glue onto it.
  private startWithNewline = false;
  // Size of the file when it was last read: when the services run as separate processes, the
  // projections service appends invitations too, so a listing re-reads a file that has changed.
  private readSize = -1;

  constructor(directory: string, options: DevOutboxOptions = {}) {
    mkdirSync(directory, { recursive: true });
    this.file = join(directory, DEV_OUTBOX_FILE);
    this.now = options.now ?? (() => new Date());
    this.load();
  }

  async send(message: OutgoingMessage): Promise<void> {
    const key = message.dedupKey;
    if (key !== undefined) {
      // Claimed before the write so that two concurrent deliveries of one fact send one message.
      if (this.sentKeys.has(key)) return;
      this.sentKeys.add(key);
    }
    const line = toLine(message, this.now());
    const written = new Promise<void>((resolve, reject) => {
      this.pending.push({ line, done: { resolve, reject } });
      if (this.pending.length === 1) this.writes = this.writes.then(() => this.appendPending());
    });
    try {
      await written;
    } catch (error) {
      // Not sent, so a redelivery must be able to try again.
      if (key !== undefined) this.sentKeys.delete(key);
      throw error;
    }
  }

  /** Appends every line waiting, in `send` order, with one write; settles each one's `send`. */
  private async appendPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const prefix = this.startWithNewline ? '\n' : '';
    try {
      await appendFile(this.file, prefix + batch.map(({ line }) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
    } catch (error) {
      for (const { done } of batch) done.reject(error);
      return;
    }
    this.startWithNewline = false;
    for (const { line, done } of batch) {
      this.index(line);
      done.resolve();
    }
  }

  /** Newest first; `to` (a phone in any usual form or an e-mail) narrows to one recipient. */
  list(to?: string): OutboxMessage[] {
    this.reloadIfChanged();
    const address = to === undefined ? undefined : outboxAddress(to);
    const found: OutboxMessage[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry && (address === undefined || entry.address === address)) found.push({ ...entry.message });
    }
    return found;
  }

  /** Resolves once every `send` called so far has been written (for an orderly shutdown). */
  async flush(): Promise<void> {
    await this.writes;
  }

  private reloadIfChanged(): void {
    const size = existsSync(this.file) ? statSync(this.file).size : 0;
    if (size === this.readSize) return;
    this.entries.length = 0;
    this.load();
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    const content = readFileSync(this.file, 'utf8');
    this.readSize = Buffer.byteLength(content, 'utf8');
    this.startWithNewline = content.length > 0 && !content.endsWith('\n');
    for (const raw of content.split('\n')) {
      if (raw.trim() === '') continue;
      const line = parseLine(raw);
      // A torn or hand-edited line is skipped rather than making the whole outbox unreadable.
      if (line) this.index(line);
    }
  }

  private index(line: OutboxLine): void {
    const { dedupKey, ...message } = line;
    if (dedupKey !== undefined) this.sentKeys.add(dedupKey);
    this.entries.push({ message, address: outboxAddress(message.to) });
  }
}

function toLine(message: OutgoingMessage, sentAt: Date): OutboxLine {
  const to = message.channel === 'sms' ? (normalizeRussianMobile(message.to) ?? message.to) : message.to.trim();
  const line: OutboxLine = { channel: message.channel, to, kind: message.kind, text: message.text, sentAt: sentAt.toISOString() };
  if (message.subject !== undefined) line.subject = message.subject;
  if (message.link !== undefined) line.link = message.link;
  if (message.inviteToken !== undefined) line.inviteToken = message.inviteToken;
  if (message.code !== undefined) line.code = message.code;
  if (message.attachments?.length)
    line.attachments = message.attachments.map(({ fileName, contentType, content }) => ({
      fileName,
      contentType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    }));
  if (message.dedupKey !== undefined) line.dedupKey = message.dedupKey;
  return line;
}

const CHANNELS: readonly string[] = ['sms', 'email'] satisfies MessageChannel[];
const KINDS: readonly string[] = ['invitation', 'signature_code', 'reminder', 'signed_notice'] satisfies MessageKind[];

function parseLine(raw: string): OutboxLine | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { channel, to, kind, text, sentAt } = record;
  if (typeof channel !== 'string' || !CHANNELS.includes(channel)) return null;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) return null;
  if (typeof to !== 'string' || typeof text !== 'string' || typeof sentAt !== 'string') return null;
  const line: OutboxLine = { channel: channel as MessageChannel, to, kind: kind as MessageKind, text, sentAt };
  for (const optional of ['subject', 'link', 'inviteToken', 'code', 'dedupKey'] as const) {
    const field = record[optional];
    if (typeof field === 'string') line[optional] = field;
  }
  if (Array.isArray(record['attachments'])) line.attachments = record['attachments'] as OutboxAttachment[];
  return line;
}
