import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DealFollower } from './deal-follower.js';
import { renderLocalGateway } from './gateway-config.js';
import { eventually } from '@e-contract/platform/testing';
import { apiClient } from './http-client.js';
import { startNginx, type NginxProcess } from './nginx-process.js';
import { localScrapeConfig, startPrometheus, type PrometheusProcess } from './prometheus-process.js';
import { PROJECT_ROOT } from './project-root.js';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process.js';
import { PDF, loginAs, signingWalk } from './signing-walk.js';
import { randomUUID } from 'node:crypto';
import { integrationStreamName, systemActor } from '@e-contract/contracts';
import { loadConfig } from '@e-contract/platform/config';
import { appendChained } from '@e-contract/platform/event-store';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { WebhookReceiver } from '../integration/webhook-receiver.js';

const DEMO_PASSWORD = 'split-topology-password';
const METRICS_TOKEN = 'split-topology-metrics-token';

/**
 * Issue 9, point 4: the production form on one machine, for real. The command side, the background
 * (projections and reactors) and two query sides run as processes of their own over one DATA_DIR
 * (or over EVENTSTORE_URL / MONGODB_URL when they are set: `npm run test:engines`), Debian's nginx
 * in front with the project's gateway configuration, Debian's Prometheus scraping them with the
 * project's scrape configuration. The whole signing goes through the gateway only; one query side
 * is killed mid-walk.
 */
describe('the services apart behind the gateway', () => {
  let dir: string;
  let gatewayUrl: string;
  let commandSide: ServiceProcess;
  let background: ServiceProcess;
  let querySides: ServiceProcess[];
  let gateway: NginxProcess;
  let prometheus: PrometheusProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e-contract-split-'));
    const gatewayPort = await freePort();
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    // Prometheus scrapes with the token, as in compose (loopback alone would also be let in).
    writeFileSync(join(dir, 'metrics-token'), METRICS_TOKEN);
    const env: Record<string, string> = {
      DATA_DIR: join(dir, 'data'),
      METRICS_TOKEN,
      DEMO_PASSWORD,
      PUBLIC_URL: gatewayUrl,
      TRUST_PROXY: 'loopback',
      ...passThrough('EVENTSTORE_URL', 'MONGODB_URL'),
    };
    // The command side first: it creates the secrets and seeds the users the others read.
    commandSide = await startServiceProcess('command-side', env);
    background = await startServiceProcess('background', env);
    querySides = await Promise.all([startServiceProcess('query-side', env), startServiceProcess('query-side', env)]);
    mkdirSync(join(dir, 'nginx'));
    gateway = await startNginx(
      await renderLocalGateway({
        port: gatewayPort,
        commandSide: [commandSide.port],
        querySide: querySides.map((q) => q.port),
        sandbox: true,
        runDir: join(dir, 'nginx'),
      }),
      join(dir, 'nginx'),
      `${gatewayUrl}/api/health`,
    );
    mkdirSync(join(dir, 'prometheus'));
    prometheus = await startPrometheus(
      localScrapeConfig(
        join(PROJECT_ROOT, 'docker/prometheus/prometheus.yml'),
        {
          'command-side': [`127.0.0.1:${commandSide.port}`],
          'query-side': querySides.map((q) => `127.0.0.1:${q.port}`),
          background: [`127.0.0.1:${background.port}`],
        },
        join(dir, 'metrics-token'),
      ),
      join(dir, 'prometheus'),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([gateway?.stop(), prometheus?.stop()]);
    await Promise.all([commandSide, background, ...(querySides ?? [])].filter(Boolean).map((service) => service.stop()));
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('signs through the gateway alone, balanced over two query sides, goes on when one is killed, and Prometheus sees it', async () => {
    const call = apiClient(gatewayUrl);
    const managerToken = await loginAs(call, 'manager', DEMO_PASSWORD);
    // A webhook made through the gateway (the command side), delivered by the background, read back
    // through the gateway (the query side).
    const receiver = new WebhookReceiver();
    await receiver.start();
    const adminToken = await loginAs(call, 'admin', DEMO_PASSWORD);
    const hook = await call('POST', '/api/webhooks', {
      token: adminToken,
      json: { integrationId: await recordIntegration('msk'), url: receiver.url, events: ['*'] },
    });
    expect(hook.status).withContext(JSON.stringify(hook.body)).toBe(201);
    receiver.secret = hook.body.secret;
    const listed = await call('GET', '/api/webhooks', { token: adminToken, headers: { 'x-min-position': hook.body.position } });
    expect(listed.body.map((w: { webhookId: string }) => w.webhookId)).toContain(hook.body.webhookId);
    const board = new DealFollower(`${gatewayUrl}/api/deals/stream?access_token=${encodeURIComponent(managerToken)}`);
    const signedBefore = await signedFactsIn(prometheus);
    let killed: ServiceProcess | null = null;
    try {
      const { processId } = await signingWalk(call, { managerToken }, async (step, id, position) => {
        if (step === 'created') {
          // Reads through the gateway reach both query sides (round robin).
          for (let i = 0; i < 6; i++) {
            const read = await call('GET', `/api/deals/${id}`, { token: managerToken, headers: { 'x-min-position': position } });
            expect(read.status).withContext(JSON.stringify(read.body)).toBe(200);
          }
          for (const querySide of querySides) {
            await eventually(() => servedPaths(querySide).includes(`/api/deals/${id}`), 5_000).catch(() => undefined);
            expect(servedPaths(querySide)).withContext(`${querySide.url} served no deal`).toContain(`/api/deals/${id}`);
          }
        }
        if (step === 'identified') {
          killed = querySides[0]!;
          const exit = await killed.stop('SIGKILL');
          expect(exit.signal).toBe('SIGKILL');
          // The gateway goes on through the other query side, for every read of the walk from here.
          for (let i = 0; i < 4; i++) {
            const read = await call('GET', `/api/deals/${id}`, { token: managerToken, headers: { 'x-min-position': position } });
            expect(read.status).withContext(JSON.stringify(read.body)).toBe(200);
          }
        }
      });

      const archived = await board.until((deal) => deal['processId'] === processId && deal['status'] === 'archived', 20_000);
      expect(archived['status']).toBe('archived');

      const auditorToken = await loginAs(call, 'auditor', DEMO_PASSWORD);
      const verification = await call('GET', `/api/deals/${processId}/trail/verification`, { token: auditorToken });
      expect(verification.status).toBe(200);
      expect(verification.body.valid).toBeTrue();
      expect(verification.body.events).toBeGreaterThanOrEqual(8);
      // (Its log line may trail the answer by a moment.)
      const verificationPath = `/api/deals/${processId}/trail/verification`;
      await eventually(() => servedPaths(querySides[1]!).includes(verificationPath), 5_000).catch(() => undefined);
      expect(servedPaths(querySides[1]!)).toContain(verificationPath);

      // Every status change of the walk reached the receiver, signed, in order, chained.
      const delivered = () => receiver.delivered().filter((r) => r.payload.data.deal.processId === processId);
      await eventually(() => delivered().some((r) => r.payload.type === 'deal.archived'), 20_000, 'the webhook deliveries');
      expect(receiver.badSignatures).toEqual([]);
      expect(delivered()[0]!.payload.type).toBe('deal.created');
      expect(delivered().map((r) => r.payload.type)).toContain('deal.signed');
      for (const [index, one] of receiver.delivered().entries()) {
        expect(one.payload.data.previousPosition).toBe(index === 0 ? null : receiver.delivered()[index - 1]!.payload.data.position);
      }
      const log = await call('GET', `/api/webhooks/${hook.body.webhookId}/deliveries?pageSize=100`, { token: adminToken });
      expect(log.status).toBe(200);
      expect(log.body.items.every((item: { status: string }) => item.status === 'succeeded')).toBeTrue();

      // The gateway never routes /metrics (Prometheus scrapes the services directly).
      expect((await call('GET', '/metrics')).status).toBe(404);

      // Back to full strength: every target up, and the signature counted once.
      querySides[0] = await startServiceProcess(
        'query-side',
        { ...envOf(querySides[1]!), DATA_DIR: join(dir, 'data') },
        { port: killed!.port },
      );
      const allUp = async () => {
        const targets = await prometheus.targets();
        return targets.length === 4 && targets.every((target) => target.health === 'up');
      };
      await eventually(allUp, 20_000, 'every target up').catch(() => undefined);
      const targets = await prometheus.targets();
      expect(targets.map((t) => t.job).sort()).toEqual(['background', 'command-side', 'query-side', 'query-side']);
      for (const target of targets) expect(target.health).withContext(`${target.job} ${target.instance}: ${target.lastError}`).toBe('up');
      await eventually(async () => (await signedFactsIn(prometheus)) === signedBefore + 1, 20_000, 'the signature counted').catch(
        () => undefined,
      );
      expect(await signedFactsIn(prometheus)).toBe(signedBefore + 1);
    } finally {
      board.close();
      await receiver.stop();
    }
  }, 120_000);

  it("authenticates an integration's key on each side from the event store alone, and refuses it everywhere once revoked", async () => {
    const call = apiClient(gatewayUrl);
    const adminToken = await loginAs(call, 'admin', DEMO_PASSWORD);
    // The gateway sends /api/admin/integrations to the command side, the rest of /api/admin to the query sides.
    const created = await call('POST', '/api/admin/integrations', { token: adminToken, json: { name: 'CRM', branchId: 'msk' } });
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const { integrationId, apiKey } = created.body as { integrationId: string; apiKey: string };
    expect((await call('GET', '/api/admin/integrations', { token: adminToken })).body).toContain(
      jasmine.objectContaining({ integrationId }),
    );

    const upload = await call('POST', '/api/documents', { token: apiKey, body: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(upload.status).withContext(JSON.stringify(upload.body)).toBe(201);
    const process = await call('POST', '/api/signing-processes', {
      token: apiKey,
      json: {
        kind: 'contract',
        title: 'Договор из CRM',
        documents: [{ documentId: upload.body.documentId, title: 'Договор' }],
        signer: { type: 'individual', fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+79001234567' },
        externalId: 'CRM-SPLIT-1',
      },
    });
    expect(process.status).withContext(JSON.stringify(process.body)).toBe(201);
    // Each query side, on its own, knows the key and finds the deal by its externalId.
    // (The other spec kills one query side for a while: ask the ones that answer.)
    const sides: ServiceProcess[] = [];
    for (const side of querySides)
      if (
        await fetch(`${side.url}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        sides.push(side);
    expect(sides.length).toBeGreaterThan(0);
    for (const side of sides) {
      const found = await apiClient(side.url)('GET', '/api/deals?externalId=CRM-SPLIT-1', {
        token: apiKey,
        headers: { 'x-min-position': process.body.position },
      });
      expect(found.status)
        .withContext(`${side.url}: ${JSON.stringify(found.body)}`)
        .toBe(200);
      expect(found.body.items.map((deal: { processId: string }) => deal.processId)).toEqual([process.body.processId]);
    }

    expect((await call('DELETE', `/api/admin/integrations/${integrationId}`, { token: adminToken })).status).toBe(204);
    // At once: no cache to expire anywhere.
    expect((await apiClient(commandSide.url)('POST', '/api/documents', { token: apiKey })).status).toBe(401);
    for (const side of sides)
      expect((await apiClient(side.url)('GET', '/api/deals', { token: apiKey })).status)
        .withContext(side.url)
        .toBe(401);
    expect((await call('GET', `/api/deals/${process.body.processId}`, { token: apiKey })).status).toBe(401);
  }, 60_000);

  /** An integration as the keys work records it, straight into the log the services share. */
  async function recordIntegration(branchId: string): Promise<string> {
    const store = openEventStore(
      loadConfig({ PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', ...passThrough('EVENTSTORE_URL') }),
    );
    const integrationId = randomUUID();
    try {
      await appendChained(store, integrationStreamName(integrationId), {
        decide: () => ({
          append: [
            {
              type: 'IntegrationCreated',
              data: {
                integrationId,
                name: 'CRM',
                branchId,
                allowedOrigins: [],
                keySha256: '0'.repeat(64),
                keyPrefix: 'ec_split',
                expiresAt: null,
              },
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
    } finally {
      await store.close();
    }
    return integrationId;
  }

  /** The environment the services were started with (the restarted query side gets the same). */
  function envOf(_service: ServiceProcess): Record<string, string> {
    return {
      DEMO_PASSWORD,
      METRICS_TOKEN,
      PUBLIC_URL: gatewayUrl,
      TRUST_PROXY: 'loopback',
      ...passThrough('EVENTSTORE_URL', 'MONGODB_URL'),
    };
  }
});

/** `sum(econtract_signing_facts_total{type="DocumentsSigned"})` as Prometheus has it now (0 when absent). */
async function signedFactsIn(prometheus: PrometheusProcess): Promise<number> {
  const [sample] = await prometheus.query('sum(econtract_signing_facts_total{type="DocumentsSigned"})');
  return sample?.value ?? 0;
}

/** The paths a service logged as answered (its JSON request log). */
function servedPaths(service: ServiceProcess): string[] {
  return service
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"request"'))
    .map((line) => (JSON.parse(line) as { path: string }).path);
}

function passThrough(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}
