/**
 * What the checks share: the repository's paths, running the Debian tools they hold the files
 * against, and free ports. A missing tool fails its check with the package that provides it (.ci/run
 * installs them); it is never skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCKER_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = path.resolve(DOCKER_DIR, '..');
export const dockerPath = (...parts) => path.join(DOCKER_DIR, ...parts);
export const repoPath = (...parts) => path.join(REPO_ROOT, ...parts);

/** The Debian package of each tool (what .ci/run installs). */
const PACKAGE_OF = {
  nginx: 'nginx-light',
  promtool: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'docker-compose': 'docker-compose',
  openssl: 'openssl',
};
const SEARCH_PATH = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The tool's absolute path; throws, naming the Debian package, when it is not installed. */
export function requireTool(name) {
  for (const dir of SEARCH_PATH) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${name} is not installed: this check needs it (apt-get install ${PACKAGE_OF[name] ?? name}; .ci/run installs it). ` +
      'It fails rather than skips, so that CI never passes without holding the file.',
  );
}

/** Runs a tool to completion; resolves {status, stdout, stderr, output}. */
export function runTool(name, args, options = {}) {
  const result = spawnSync(requireTool(name), args, { encoding: 'utf8', timeout: 60_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

/** A temporary folder, removed by the returned `cleanUp`. */
export function temporaryDir(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running process; `stop()` ends it (SIGTERM, then SIGKILL) and waits. */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Polls `probe` until it resolves truthy, or fails after `timeoutMs` with `what`. */
export async function waitFor(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}
