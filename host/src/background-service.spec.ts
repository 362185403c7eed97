import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { eventually, metricFamilies, sampleValue } from '@e-contract/platform/testing';
import { seedSigningLog } from '@e-contract/projections/testing';

const MAIN = fileURLToPath(new URL('./background-main.js', import.meta.url));

/** The background process alone (`npm run start:background -w host`), as production runs it. */
describe('background process: /api/health and /metrics on PORT', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-background-'));
  });
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts it on a free port and resolves with the address it logged. */
  const start = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const started = spawn(process.execPath, [MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATA_DIR: dataDir,
          PORT: '0',
          LOG_LEVEL: 'info',
          EVENTSTORE_URL: '',
          MONGODB_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        for (const line of output.split('\n')) {
          const url = /"msg":"E-contract background is running"/.test(line) ? (JSON.parse(line) as { url: string }).url : null;
          if (url) resolve(url);
        }
      });
      started.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[background] ${chunk.toString('utf8')}`));
      started.once('exit', (code) => reject(new Error(`the background process exited (${code}) before listening:\n${output}`)));
    });

  it('answers its health and metrics, nothing else, and stops on SIGTERM', async () => {
    const events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    await seedSigningLog(events, { processes: 3 });
    const head = Number(await events.headPosition());
    await events.close();

    const url = await start();
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      eventStore: 'ok',
      readStore: 'ok',
      projections: { position: jasmine.stringMatching(/^\d+$/), lag: jasmine.any(Number) },
    });

    const scrape = async () => (await fetch(`${url}/metrics`)).text();
    await eventually(
      async () => (sampleValue(await scrape(), 'econtract_projection_position', { name: 'deals' }) ?? 0) >= head,
      10_000,
      'deals at the seeded head',
    );
    const text = await scrape();
    expect(metricFamilies(text).get('process_cpu_user_seconds_total')).toBe('counter');
    expect(sampleValue(text, 'econtract_build_info', { service: 'background' })).toBe(1);
    expect(sampleValue(text, 'econtract_projection_lag_events', { name: 'deals' })).toBe(0);
    expect(sampleValue(text, 'econtract_projection_events_applied_total', { name: 'stats' })).toBeGreaterThan(0);
    expect(sampleValue(text, 'econtract_projection_position', { name: 'invitations' })).toBeGreaterThan(0);
    expect(sampleValue(text, 'http_request_duration_seconds_count', { route: '/api/health', status: '200' })).toBe(1);

    const other = await fetch(`${url}/api/deals`);
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
