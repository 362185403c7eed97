import { Webhook } from 'standardwebhooks';
import { openWebhookSecret } from '@e-contract/platform/auth';
import { sleep } from '@e-contract/platform/consumers';
import { threadMetrics } from '@e-contract/platform/metrics';
import type { Logger } from 'pino';
import { afterAttempt, type AttemptResult, type DeliverySchedule } from './delivery-schedule.js';
import type { Waker } from './waker.js';
import type { DeliveryRecord, WebhookRecord, WebhookStore } from './webhook-store.js';

/** Sends one request (OutboundPoster in production: timeouts, no redirects, SSRF guard). */
export interface WebhookTransport {
  post(url: string, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<AttemptResult>;
}

export interface WebhookSenderDeps {
  store: WebhookStore;
  transport: WebhookTransport;
  sealKey: Buffer;
  schedule: DeliverySchedule;
  clock: () => Date;
  logger: Logger;
  /** How long an idle sender waits before looking again without being woken (default 1 s). */
  idlePollMs?: number;
}

const STORE_RETRY_MS = 1_000;

/** The headers of an attempt (Standard Webhooks 1.0): the same id on every retry, a new timestamp and signature. */
export function signedHeaders(signer: Webhook, delivery: Pick<DeliveryRecord, 'deliveryId' | 'body'>, at: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'E-contract-Webhooks/1.0',
    'webhook-id': delivery.deliveryId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(delivery.deliveryId, at, delivery.body),
  };
}

/**
 * One webhook's sender: takes its pending deliveries one at a time in order, waits until the next
 * is due, sends it, and records the attempt (delivery-schedule.ts decides what follows); the next
 * delivery goes only once this one succeeded or failed for good. Nothing is written before a
 * request: a process killed while one is in flight sends it again, with the same `webhook-id`, when
 * it starts (at least once). Stopping aborts the request in flight and records nothing of it.
 */
export async function runWebhookSender(webhook: WebhookRecord, deps: WebhookSenderDeps, signal: AbortSignal, waker: Waker): Promise<void> {
  const log = deps.logger.child({ webhookId: webhook.webhookId });
  const counter = threadMetrics().webhookDeliveries;
  let signer: Webhook | null = null;
  while (!signal.aborted) {
    try {
      signer ??= new Webhook(openWebhookSecret(webhook.secretSealed, deps.sealKey, webhook.webhookId));
      const delivery = await deps.store.nextPending(webhook.webhookId);
      if (delivery === null) {
        await waker.wait(deps.idlePollMs ?? 1_000, signal);
        continue;
      }
      const dueInMs = Date.parse(delivery.nextAttemptAt ?? delivery.createdAt) - deps.clock().getTime();
      if (dueInMs > 0) {
        await sleep(dueInMs, signal);
        continue;
      }
      const result = await deps.transport.post(webhook.url, signedHeaders(signer, delivery, deps.clock()), delivery.body, signal);
      if (signal.aborted) break;
      const outcome = afterAttempt(delivery, result, deps.clock(), deps.schedule);
      await deps.store.recordAttempt(delivery.deliveryId, outcome);
      counter.inc({ result: outcome.status === 'pending' ? 'retrying' : outcome.status });
      const fields = { deliveryId: delivery.deliveryId, position: delivery.position, attempts: outcome.attempts, status: outcome.status };
      if (outcome.status === 'failed')
        log.warn({ ...fields, lastError: outcome.lastError }, 'webhook delivery failed for good; the next one goes');
      else if (outcome.status === 'pending')
        log.info({ ...fields, lastError: outcome.lastError, nextAttemptAt: outcome.nextAttemptAt }, 'webhook delivery failed; retrying');
      else log.debug(fields, 'webhook delivered');
    } catch (error) {
      if (signal.aborted) break;
      log.error({ err: error }, 'webhook sender failed; trying again');
      await sleep(STORE_RETRY_MS * (signer === null ? 60 : 1), signal);
    }
  }
}
