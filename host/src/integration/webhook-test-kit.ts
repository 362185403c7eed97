import { randomUUID } from 'node:crypto';
import { integrationStreamName, systemActor, type IntegrationCreatedData } from '@e-contract/contracts';
import { appendChained } from '@e-contract/platform/event-store';
import type { TestSystem } from './api-test-kit.js';

/**
 * An integration as the keys work records it (`IntegrationCreated` in `integration-<id>`), appended
 * straight to the log: the webhook specs need one to exist, not its API key.
 */
export async function createIntegration(system: Pick<TestSystem, 'running'>, branchId: string, name = 'CRM'): Promise<string> {
  const integrationId = randomUUID();
  const data: IntegrationCreatedData = {
    integrationId,
    name,
    branchId,
    allowedOrigins: [],
    keySha256: '0'.repeat(64),
    keyPrefix: 'ec_test',
    expiresAt: null,
  };
  await appendChained(system.running.eventStore, integrationStreamName(integrationId), {
    decide: () => ({
      append: [
        {
          type: 'IntegrationCreated',
          data,
          context: {
            actor: systemActor('spec'),
            occurredAt: new Date().toISOString(),
            ip: null,
            userAgent: null,
            correlationId: null,
            causationId: null,
          },
        },
      ],
      outcome: () => undefined,
    }),
  });
  return integrationId;
}

/** Polls `check` every 25 ms until it holds (or throws after `timeoutMs`, naming `what`). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
