import type { OutboxMessage } from '@e-contract/contracts/wire';

/**
 * Waits for the newest message of `kind` to `to` that was sent after `since` (invitations are sent
 * by a reactor a moment after the request is created, so they are polled for).
 */
export async function waitForMessage(
  baseUrl: string,
  to: string,
  kind: OutboxMessage['kind'],
  since: Date,
  timeoutMs = 15_000,
): Promise<OutboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(to)}`);
    if (res.ok) {
      const messages = (await res.json()) as OutboxMessage[];
      const found = messages.find((m) => m.kind === kind && m.channel === 'sms' && Date.parse(m.sentAt) >= since.getTime());
      if (found) return found;
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} to ${to} in the dev outbox after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
