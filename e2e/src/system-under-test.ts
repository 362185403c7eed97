import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthReport } from '@e-contract/contracts/wire';

/** The repository root: e2e/dist/ → ../.. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

export interface RunningSystem {
  readonly baseUrl: string;
  readonly password: string;
  /** What the system printed so far (stdout and stderr), for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/health`);
    if (!res.ok) return false;
    const body = (await res.json()) as HealthReport;
    return body.readStore === 'ok' && body.eventStore === 'ok';
  } catch {
    return false;
  }
}

/**
 * Starts the whole system with the README's start command (`npm start`, embedded defaults) on a
 * free port over a fresh data directory (and `env` over the defaults), and waits for `/api/health`. The process runs in its own
 * group (npm starts node as a child) so that `stop()` ends both.
 */
export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-e2e-'));
  const password = 'e2e-demo-password';
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: password, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not become healthy on ${baseUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, password, output: () => output, stop };
}
