// Throughput of `POST /api/signing-processes` on the real command side over HTTP, beside a baseline
// Express 5 handler that does one raw better-sqlite3 insert per request, in one run.
//
// Both servers run in child processes (so autocannon, here, does not share their event loop) over
// temp data directories; both stores are WAL with synchronous=FULL. After a warm-up of each, the
// measured time is split into segments that alternate between the two servers, so that a burst of
// other load on the machine hits both figures rather than one. The real system is
// `command-side/dist/main.js` in its embedded mode: the bench logs in as `manager`, uploads one small
// PDF and then creates a new signing process per request (no processId, no Idempotency-Key). The
// baseline is bench/lib/baseline-server.mjs.
//
// Fails (exit 1) when any answer is not 2xx, on connection errors or timeouts, when fewer processes
// were stored than 2xx answers were counted, or when e-contract < FLOOR × baseline.
//
//   npm run build && npm run bench:commands
//   node bench/commands.mjs [seconds per server=10] [connections=20] [warmupSeconds=3] [segments=2]
//   BENCH_CPU_PROF=/tmp/prof node bench/commands.mjs   # writes a .cpuprofile of the real server
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASELINE_SERVER,
  MINIMAL_PDF,
  cpuSecondsOf,
  fetchJson,
  freePort,
  killGroup,
  machineBusySeconds,
  requestBody,
  sleep,
} from './lib/bench-kit.mjs';

const FLOOR = 0.5; // the issue's floor: e-contract ≥ 0.5 × baseline
const PATH = '/api/signing-processes';

// ---------------------------------------------------------------------------------------------
// The bench (parent).
// ---------------------------------------------------------------------------------------------

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 20);
  const warmupSeconds = Number(process.argv[4] ?? 3);
  const rounds = Number(process.argv[5] ?? 2);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { default: autocannon } = await import('autocannon');
  const { default: Database } = await import('better-sqlite3');

  const folders = [];
  const children = new Set();
  const tempDir = (prefix) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
  const cleanUp = () => {
    for (const child of children) killGroup(child, 'SIGKILL');
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  };
  process.on('exit', cleanUp); // last resort: children first, then the temp folders
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping`);
      process.exit(130);
    });
  }
  // Whatever hangs (a server that stops answering), the run ends; the exit handler cleans up.
  const limitSeconds = 2 * (seconds + warmupSeconds) + 60;
  const watchdog = setTimeout(() => {
    console.error(`commands: no result after ${limitSeconds} s, giving up`);
    process.exit(1);
  }, limitSeconds * 1000);
  watchdog.unref();

  const startChild = async (name, args, env) => {
    const port = await freePort();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'], // stdout: the demo banner
      detached: true, // its own process group, stopped as a group
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => (children.delete(child), resolve({ code, signal }))));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited at start: ${stderr.trim()}`);
      // With a timeout: a server that listens before its app is attached leaves early requests unanswered.
      const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${name} did not answer /api/health in 20 s: ${stderr.trim()}`);
      await sleep(100);
    }
    return {
      name,
      url,
      pid: child.pid,
      stderr: () => stderr,
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
  };

  /** What one target collects over its segments (warm-up counted in answers, not in figures). */
  const tally = (name) => ({
    name,
    requests: 0,
    seconds: 0,
    segments: [],
    latencies: [],
    ok: 0,
    non2xx: 0,
    errors: 0,
    statuses: new Map(),
    samples: [],
  });

  // One autocannon segment against one target; non-2xx answers are counted by status, with the first bodies kept.
  const load = (target, into, duration, measured) =>
    new Promise((resolve, reject) => {
      const onResponse = (status, responseBody) => {
        if (status >= 200 && status < 300) return;
        into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
        if (into.samples.length < 3) into.samples.push(`${status} ${String(responseBody).slice(0, 300)}`);
      };
      const instance = autocannon(
        {
          url: target.url,
          connections,
          duration,
          requests: [{ method: 'POST', path: PATH, headers: target.headers, body: target.body, onResponse }],
        },
        (error, result) => {
          if (error) return reject(error);
          into.ok += result['2xx'];
          into.non2xx += result.non2xx;
          into.errors += result.errors + result.timeouts;
          if (measured) {
            into.requests += result.requests.total;
            into.seconds += result.duration;
            into.segments.push(Math.round(result.requests.total / result.duration));
          }
          resolve();
        },
      );
      if (measured) instance.on('response', (_client, _status, _bytes, ms) => into.latencies.push(ms));
    });

  let failed = false;
  const stopping = [];
  try {
    // --- both servers, each in its own process ---
    const dataDir = tempDir('e-contract-bench-commands-');
    const baseDir = tempDir('e-contract-bench-baseline-');
    const password = `bench-${randomUUID()}`;
    const profDir = process.env.BENCH_CPU_PROF;
    const [real, baseline] = await Promise.all([
      startChild('e-contract', [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), 'command-side/dist/main.js'], {
        DATA_DIR: dataDir,
        DEMO_PASSWORD: password,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'development',
        EVENTSTORE_URL: '', // the embedded SQLite store, whatever the shell has
      }).then((server) => (stopping.push(server), server)),
      startChild('baseline', [fileURLToPath(BASELINE_SERVER)], { BASELINE_DB: join(baseDir, 'baseline.db') }).then(
        (server) => (stopping.push(server), server),
      ),
    ]);

    // --- the real system: a manager's token and one uploaded document ---
    const { token } = await fetchJson(`${real.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'manager', password }),
    });
    const { documentId } = await fetchJson(`${real.url}/api/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Договор.pdf') },
      body: MINIMAL_PDF,
    });
    real.headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    real.body = JSON.stringify(requestBody(documentId));
    baseline.headers = real.headers;
    baseline.body = real.body;
    // One request by hand first: a broken setup shows its answer instead of N identical failures.
    await fetchJson(`${real.url}${PATH}`, { method: 'POST', headers: real.headers, body: real.body });
    const realTally = tally('e-contract');
    realTally.ok = 1;
    const baseTally = tally('baseline');

    // --- warm-up, then measured segments, alternating so that a burst of other load hits both ---
    const loadBefore = loadavg()[0];
    const ours = () => cpuSecondsOf(process.pid) + cpuSecondsOf(real.pid) + cpuSecondsOf(baseline.pid);
    let cpuBefore = null;
    process.stderr.write(`warm-up ${warmupSeconds} s each, then ${rounds} × ${seconds / rounds} s each, ${connections} connections…\n`);
    await load(real, realTally, warmupSeconds, false);
    await load(baseline, baseTally, warmupSeconds, false);
    cpuBefore = { machine: machineBusySeconds(), ours: ours(), at: process.hrtime.bigint() };
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0
          ? [
              [real, realTally],
              [baseline, baseTally],
            ]
          : [
              [baseline, baseTally],
              [real, realTally],
            ];
      for (const [target, into] of order) await load(target, into, seconds / rounds, true);
    }
    const loadAfter = loadavg()[0];
    // CPU that other processes used while the segments ran, in CPUs (2 = both cores busy).
    const wall = Number(process.hrtime.bigint() - cpuBefore.at) / 1e9;
    const machineBusy = machineBusySeconds();
    const others =
      machineBusy === null || cpuBefore.machine === null
        ? null
        : Math.max(0, (machineBusy - cpuBefore.machine - (ours() - cpuBefore.ours)) / wall);

    for (const server of stopping.splice(0)) {
      const exit = await server.stop();
      if (exit.code !== 0 && exit.code !== null)
        process.stderr.write(`${server.name} stopped with ${exit.code}: ${server.stderr().trim()}\n`);
    }
    // Every 2xx must have created a process: count the signing streams the store holds.
    const store = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const stored = store.prepare("SELECT count(*) AS n FROM streams WHERE stream_id LIKE 'signing-%'").get().n;
    store.close();

    // --- report ---
    const figures = [realTally, baseTally].map((t) => {
      const sorted = Float64Array.from(t.latencies).sort();
      const at = (q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10 : NaN);
      return { ...t, rate: Math.round(t.requests / t.seconds), p50: at(0.5), p99: at(0.99) };
    });
    const [e, b] = figures;
    console.log(
      `POST ${PATH}: ${rounds} × ${seconds / rounds} s per server (alternating) after ${warmupSeconds} s warm-up, ${connections} connections; ` +
        `autocannon in this process, each server in its own; WAL + synchronous=FULL in ${tmpdir()}; ` +
        `${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}` +
        (others === null ? '' : `, other processes used ${others.toFixed(2)} CPUs meanwhile`),
    );
    console.table(
      Object.fromEntries(
        figures.map((f) => [
          f === e ? 'e-contract (command side)' : 'baseline (Express 5 + 1 insert)',
          {
            'req/s': f.rate,
            segments: f.segments.join(' / '),
            'p50 ms': f.p50,
            'p99 ms': f.p99,
            '2xx': f.ok,
            'non-2xx': f.non2xx,
            errors: f.errors,
          },
        ]),
      ),
    );
    if (others !== null && others > 0.15) {
      console.log(
        `note: other processes kept ${Math.round((100 * others) / cpus().length)}% of the machine busy during the run: figures are noisy`,
      );
    }
    for (const f of figures) {
      if (f.non2xx > 0)
        console.log(
          `${f.name}: non-2xx by status ${JSON.stringify(Object.fromEntries(f.statuses))}; first bodies:\n  ${f.samples.join('\n  ')}`,
        );
      if (f.errors > 0) console.log(`${f.name}: ${f.errors} connection errors or timeouts`);
    }
    if (stored < e.ok) {
      console.log(`e-contract: ${e.ok} answers were 2xx, but the store holds only ${stored} signing streams`);
      failed = true;
    }
    const ratio = e.rate / b.rate;
    const non2xx = e.non2xx + b.non2xx;
    const errors = e.errors + b.errors;
    failed ||= !(ratio >= FLOOR) || non2xx > 0 || errors > 0;
    console.log(
      `commands: e-contract ${e.rate} req/s, baseline ${b.rate} req/s, ratio ${ratio.toFixed(2)}x (floor ${FLOOR}x), ` +
        `non-2xx ${non2xx}${errors ? `, errors ${errors}` : ''}${failed ? '  FAILED' : ''}`,
    );
  } catch (error) {
    console.error(`commands: ${error instanceof Error ? error.message : String(error)}`);
    failed = true;
  } finally {
    await Promise.all(stopping.splice(0).map((server) => server.stop()));
    cleanUp();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
