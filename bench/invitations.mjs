// Invitations keep up with creation (issue 12: "reactors keep up with the highest sustained create
// rate the system accepts: invitation lag p99 < 5 s at that rate"). The whole system as `npm start`
// runs it (host/dist/all-in-one.js, embedded stores, a temp DATA_DIR), in a child process group:
//
// 1. The rate it accepts: `POST /api/signing-processes` closed-loop (autocannon, --connections) for
//    --probe seconds; its req/s is the highest sustained create rate of this machine.
// 2. That rate, open-loop (each create scheduled by the clock, not by the previous answer) for
//    --seconds, over keep-alive connections.
// 3. Then waits (up to --drain seconds) until every created process has its `SignerInvited` and reads
//    the log: invitation lag = `SignerInvited.occurredAt` − `SigningProcessCreated.occurredAt` (both
//    recorded by the system, so no client clock is involved), over every process of both phases.
//
// Floor: lag p99 < 5 s at the accepted rate, and every created process invited. Exit 1 when missed.
//
//   npm run build && npm run bench:invitations
//   node bench/invitations.mjs [--probe=8] [--seconds=20] [--connections=32] [--drain=60]
//   BENCH_CPU_PROF=<dir> writes .cpuprofile files of the system (written when it stops)
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MINIMAL_PDF, fetchJson, killGroup, percentiles, requestBody, sleep, startServerChild } from './lib/bench-kit.mjs';

const LAG_FLOOR_MS = 5_000;
const PATH = '/api/signing-processes';

function options() {
  const named = Object.fromEntries(
    process.argv
      .slice(2)
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => arg.slice(2).split('=')),
  );
  const known = ['probe', 'seconds', 'connections', 'drain'];
  for (const key of Object.keys(named)) if (!known.includes(key)) throw new Error(`unknown option --${key} (known: ${known.join(', ')})`);
  const number = (key, fallback) => {
    const n = Number(named[key] ?? process.env[`BENCH_${key.toUpperCase()}`] ?? fallback);
    if (!(n > 0)) throw new Error(`--${key} must be a positive number`);
    return n;
  };
  return { probe: number('probe', 8), seconds: number('seconds', 20), connections: number('connections', 32), drain: number('drain', 60) };
}

/** Creates scheduled at `rate` per second for `seconds` over keep-alive sockets; answers the 2xx count and the refusals. */
async function openLoop({ url, token, body, rate, seconds, connections }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) };
  const tally = { ok: 0, refused: new Map(), errors: 0, answerMs: [], lastOkAt: 0, startedAt: 0 };
  const inFlight = new Set();
  const send = (due) => {
    const done = new Promise((resolve) => {
      const request = http.request(new URL(`${url}${PATH}`), { method: 'POST', agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode >= 200 && response.statusCode < 300) {
            tally.ok++;
            tally.lastOkAt = performance.now();
            tally.answerMs.push(tally.lastOkAt - due);
          } else tally.refused.set(response.statusCode, (tally.refused.get(response.statusCode) ?? 0) + 1);
          resolve();
        });
      });
      request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
      request.on('error', () => (tally.errors++, resolve()));
      request.end(body);
    });
    inFlight.add(done);
    done.then(() => inFlight.delete(done));
  };
  const total = Math.round(seconds * rate);
  const start = performance.now() + 20;
  tally.startedAt = start;
  await new Promise((resolve) => {
    let next = 0;
    const tick = () => {
      while (next < total && start + (next * 1000) / rate <= performance.now()) send(start + (next++ * 1000) / rate);
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    };
    setTimeout(tick, 20);
  });
  const deadline = Date.now() + 35_000;
  while (inFlight.size > 0 && Date.now() < deadline) await Promise.race([sleep(100), ...inFlight]);
  agent.destroy();
  return tally;
}

/** Per created process: the invitation's lag in ms, or null while it has none. */
function invitationLags(Database, dataDir) {
  const store = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    const rows = store
      .prepare(
        "SELECT stream_id, type, json_extract(metadata, '$.occurredAt') AS at FROM events " +
          "WHERE stream_id LIKE 'signing-%' AND type IN ('SigningProcessCreated', 'SignerInvited') ORDER BY position",
      )
      .all();
    const created = new Map();
    const lags = new Map();
    for (const row of rows) {
      if (row.type === 'SigningProcessCreated') created.set(row.stream_id, Date.parse(row.at));
      else if (!lags.has(row.stream_id) && created.has(row.stream_id))
        lags.set(row.stream_id, Date.parse(row.at) - created.get(row.stream_id));
    }
    return [...created.keys()].map((stream) => lags.get(stream) ?? null);
  } finally {
    store.close();
  }
}

async function main() {
  const opts = options();
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { default: autocannon } = await import('autocannon');
  const { default: Database } = await import('better-sqlite3');
  const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-bench-inv-'));
  const children = new Set();
  const cleanUp = () => {
    for (const child of children) killGroup(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  const watchdog = setTimeout(
    () => (console.error('invitations: no result in time, giving up'), process.exit(1)),
    (opts.probe + opts.seconds + opts.drain + 240) * 1000,
  );
  watchdog.unref();

  const system = await startServerChild({
    root,
    children,
    name: 'e-contract',
    // BENCH_CPU_PROF=<dir>: a .cpuprofile of the system's main thread and of its background thread.
    args: [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      join(root, 'host/dist/all-in-one.js'),
    ],
    env: { DATA_DIR: dataDir, DEMO_PASSWORD: 'bench-password', LOG_LEVEL: 'warn' },
  });
  let failed = false;
  try {
    const { token } = await fetchJson(`${system.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'manager', password: 'bench-password' }),
    });
    const { documentId } = await fetchJson(`${system.url}/api/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: MINIMAL_PDF,
    });
    const body = JSON.stringify(requestBody(documentId));

    // 1. The rate it accepts, closed-loop.
    const probe = await autocannon({
      url: `${system.url}${PATH}`,
      method: 'POST',
      connections: opts.connections,
      duration: opts.probe,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const rate = Math.floor(probe.requests.average);
    console.log(
      `accepted create rate: ${rate}/s closed-loop (${opts.connections} connections, ${opts.probe} s; ` +
        `${probe['2xx']} 2xx, ${probe.non2xx} non-2xx, p99 ${probe.latency.p99} ms)`,
    );

    // 2. That rate, open-loop.
    const run = await openLoop({ url: system.url, token, body, rate, seconds: opts.seconds, connections: opts.connections });
    const answers = percentiles(run.answerMs);
    // What the system took in: a system that cannot keep the rate holds creations back (503 past a
    // wait), so they spread over a longer time than the schedule's.
    const tookSeconds = run.lastOkAt > run.startedAt ? (run.lastOkAt - run.startedAt) / 1000 : opts.seconds;
    console.log(
      `open loop at ${rate}/s for ${opts.seconds} s: ${run.ok} created in ${tookSeconds.toFixed(1)} s ` +
        `(${Math.round(run.ok / tookSeconds)}/s taken in), refused ${JSON.stringify(Object.fromEntries(run.refused))}, ` +
        `${run.errors} errors; create p50 ${answers.p50} ms, p99 ${answers.p99} ms (from the scheduled time); load average ${loadavg()
          .map((n) => n.toFixed(2))
          .join(' ')}`,
    );

    // 3. Every invitation, then the lags from the log.
    const drainBy = Date.now() + opts.drain * 1000;
    let lags = invitationLags(Database, dataDir);
    while (lags.some((lag) => lag === null) && Date.now() < drainBy) {
      await sleep(500);
      lags = invitationLags(Database, dataDir);
    }
    const invited = lags.filter((lag) => lag !== null);
    const missing = lags.length - invited.length;
    const lag = percentiles(invited);
    const ok = missing === 0 && lag.p99 < LAG_FLOOR_MS && run.errors === 0;
    console.log(
      `\ninvitation lag (SignerInvited − SigningProcessCreated, from the log) over ${lags.length} processes: ` +
        `p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms; not invited: ${missing}`,
    );
    const quarter = Math.ceil(lags.length / 4);
    const byQuarter = [0, 1, 2, 3].map((q) => percentiles(invited.slice(q * quarter, (q + 1) * quarter)).p50);
    const growing = byQuarter.every((value, i) => i === 0 || value >= byQuarter[i - 1]) && byQuarter[3] > 2 * byQuarter[0] + 500;
    console.log(
      `  lag p50 by quarter of the creations, in order: ${byQuarter.join(' ms, ')} ms ` +
        `(${growing ? 'growing: the invitations fall behind' : 'not growing'})`,
    );
    console.log(
      `invitations: p99 ${lag.p99} ms < ${LAG_FLOOR_MS} ms at ${rate} creates/s, every process invited — ${ok ? 'floor met' : 'FLOOR MISSED'}`,
    );
    failed = !ok;
  } catch (error) {
    console.error(`invitations: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failed = true;
  } finally {
    await system.stop();
    cleanUp();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
