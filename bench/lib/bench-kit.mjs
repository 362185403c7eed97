// Helpers shared by the benchmarks that drive a server over HTTP (commands.mjs, system.mjs).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const round1 = (n) => Math.round(n * 10) / 10;
export const round2 = (n) => Math.round(n * 100) / 100;
export const BASELINE_SERVER = new URL('./baseline-server.mjs', import.meta.url);

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** The body the integration specs send (host/src/integration/api-test-kit.ts). */
export function requestBody(documentId) {
  return {
    kind: 'contract',
    title: 'Договор ГПХ № 42',
    documents: [{ documentId, title: 'Договор' }],
    signer: { type: 'individual', fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+7 900 123-45-67' },
  };
}

export async function fetchJson(url, init) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), ...init });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** p50 / p99 / max in ms, one decimal (nearest-rank on the sorted values). */
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (q) => (sorted.length ? round1(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : NaN);
  return { p50: at(0.5), p99: at(0.99), max: sorted.length ? round1(sorted[sorted.length - 1]) : NaN };
}

/** CPU seconds (user + system, all threads) that a process used so far, from /proc (0 where there is none). */
export function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every live process of a process group (its leader's threads included). */
export function groupCpuSeconds(pgid) {
  let sum = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(fields[2]) === pgid) sum += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

/** Busy CPU seconds of the whole machine so far (all but idle and iowait), from /proc/stat. */
export function machineBusySeconds() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

export function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts a server (`node <args>`) on a free port in a process group of its own, and waits until its
 * `/api/health` answers 200 with the read store ok. `children` collects the live ones (to kill at
 * exit); the answer tells its url and pid, what it printed (`output.text`, warnings and errors of
 * pino in `output.logs`) and how to stop it.
 */
export async function startServerChild({ root, children, name, args, env }) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, stopped as a group
  });
  children.add(child);
  // What it prints: the demo banner, and (LOG_LEVEL=warn) pino's warnings and errors, kept to report.
  const output = { text: '', logs: [] };
  const collect = (chunk) => {
    output.text = (output.text + chunk).slice(-20_000);
    for (const line of String(chunk).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line);
        if (entry.level >= 40) output.logs.push(entry);
      } catch {
        // a line cut in two chunks; the tail is in output.text
      }
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => (children.delete(child), resolve({ code, signal }))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000; // the first start seeds the demo users (argon2)
  let last = '';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited at start: ${output.text.trim()}`);
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (error) => ({ status: 0, body: String(error) }),
    );
    last = `${health.status} ${health.body.slice(0, 200)}`;
    if (health.status === 200 && /"readStore"\s*:\s*"ok"/.test(health.body)) break;
    if (Date.now() > deadline)
      throw new Error(`${name} did not answer /api/health 200 with readStore ok in 90 s (last: ${last}): ${output.text.trim()}`);
    await sleep(200);
  }
  return {
    name,
    url,
    pid: child.pid,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
}
