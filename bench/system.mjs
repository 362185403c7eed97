// The whole system as `npm start` runs it: `node host/dist/all-in-one.js` (command side, projections,
// reactors and query side in one process on one port, embedded SQLite stores) in a child process of
// its own group, over a temp DATA_DIR, LOG_LEVEL=warn. Two measurements, two floors:
//
// 1. Throughput. `POST /api/signing-processes` (manager token, one small uploaded PDF reused, a new
//    process per request, the body of commands.mjs) loaded with autocannon from this process, beside
//    the baseline of commands.mjs — Express 5 + one durable better-sqlite3 insert per request (WAL,
//    synchronous=FULL), bench/lib/baseline-server.mjs — in alternating measured
//    segments after a warm-up of each. Floor: e-contract ≥ 0.5 × baseline, 0 non-2xx, 0 errors.
//    Prints req/s, p50/p99, the CPU seconds each server's process group used, the load average.
// 2. Projection lag. An SSE client on `GET /api/deals/stream?access_token=<manager token>`; creates
//    sent open-loop at a steady rate (each request scheduled by the clock, not by the previous answer)
//    over several keep-alive connections; for every created process, the time from the command's 201
//    answer arriving to the first `deal` event carrying its processId. Floor at 300/s: p99 < 50 ms and
//    every created process seen on the stream, every create 2xx. The same at 200/s for comparison.
//
// Fails (exit 1) when a floor is missed, and when the event store holds fewer `signing-*` streams
// than creates were answered 2xx.
//
//   npm run build && npm run bench:system
//   node bench/system.mjs [--seconds=10] [--connections=20] [--warmup=3] [--segments=2]
//                         [--lag-seconds=10] [--lag-warmup=3] [--lag-rates=300,200] [--lag-connections=32]
//   (or the env BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WARMUP, BENCH_SEGMENTS, BENCH_LAG_SECONDS,
//    BENCH_LAG_WARMUP, BENCH_LAG_RATES, BENCH_LAG_CONNECTIONS; the first rate carries the lag floor)
//   BENCH_CPU_PROF=/tmp/prof node bench/system.mjs   # writes a .cpuprofile of the system
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  BASELINE_SERVER,
  startServerChild,
  MINIMAL_PDF,
  cpuSecondsOf,
  fetchJson,
  groupCpuSeconds,
  killGroup,
  machineBusySeconds,
  percentiles,
  requestBody,
  round2,
  sleep,
} from './lib/bench-kit.mjs';

const THROUGHPUT_FLOOR = 0.5; // e-contract ≥ 0.5 × baseline
const LAG_FLOOR_MS = 50; // p99 of answer → SSE event < 50 ms at the first rate (300/s)
const PATH = '/api/signing-processes';

// ---------------------------------------------------------------------------------------------
// The bench (parent).
// ---------------------------------------------------------------------------------------------

function options() {
  const named = Object.fromEntries(
    process.argv
      .slice(2)
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => {
        const [key, value = 'true'] = arg.slice(2).split('=');
        return [key, value];
      }),
  );
  const known = ['seconds', 'connections', 'warmup', 'segments', 'lag-seconds', 'lag-warmup', 'lag-rates', 'lag-connections'];
  for (const key of Object.keys(named)) {
    if (!known.includes(key)) throw new Error(`unknown option --${key} (known: ${known.map((k) => `--${k}`).join(' ')})`);
  }
  const value = (key, fallback) => named[key] ?? process.env[`BENCH_${key.toUpperCase().replace('-', '_')}`] ?? fallback;
  const number = (key, fallback) => {
    const n = Number(value(key, fallback));
    if (!(n > 0)) throw new Error(`--${key} must be a positive number`);
    return n;
  };
  const rates = String(value('lag-rates', '300,200'))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  if (rates.length === 0) throw new Error('--lag-rates must list at least one rate, e.g. 300,200');
  return {
    seconds: number('seconds', 10),
    connections: number('connections', 20),
    warmup: number('warmup', 3),
    segments: number('segments', 2),
    lagSeconds: number('lag-seconds', 10),
    lagWarmup: number('lag-warmup', 3),
    lagRates: rates,
    lagConnections: number('lag-connections', 32),
  };
}

async function main() {
  const opts = options();
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const entry = join(root, 'host/dist/all-in-one.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
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
  const limitSeconds = 2 * (opts.seconds + opts.warmup) + opts.lagRates.length * (opts.lagSeconds + opts.lagWarmup + 30) + 180;
  const watchdog = setTimeout(() => {
    console.error(`system: no result after ${limitSeconds} s, giving up`);
    process.exit(1);
  }, limitSeconds * 1000);
  watchdog.unref();

  const startChild = (name, args, env) => startServerChild({ root, children, name, args, env });

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
    cpu: 0,
  });

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
          connections: opts.connections,
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

  const verdicts = [];
  let failed = false;
  const stopping = [];
  try {
    // --- the system as `npm start` starts it, and the baseline, each in its own process group ---
    const dataDir = tempDir('e-contract-bench-system-');
    const baseDir = tempDir('e-contract-bench-baseline-');
    const password = `bench-${randomUUID()}`;
    const profDir = process.env.BENCH_CPU_PROF;
    const [real, baseline] = await Promise.all([
      startChild('e-contract', [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), entry], {
        DATA_DIR: dataDir,
        DEMO_PASSWORD: password,
        LOG_LEVEL: 'warn',
        EVENTSTORE_URL: '', // the embedded stores, whatever the shell has
        MONGODB_URL: '',
      }).then((server) => (stopping.push(server), server)),
      startChild('baseline', [fileURLToPath(BASELINE_SERVER)], { BASELINE_DB: join(baseDir, 'baseline.db') }).then(
        (server) => (stopping.push(server), server),
      ),
    ]);

    // --- a manager's token and one uploaded document ---
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
    let created = 1; // 2xx creates on the real system, every phase

    // =========================================================================================
    // 1. Throughput
    // =========================================================================================
    const realTally = tally('e-contract');
    const baseTally = tally('baseline');
    const loadBefore = loadavg();
    const ours = () => cpuSecondsOf(process.pid) + groupCpuSeconds(real.pid) + groupCpuSeconds(baseline.pid);
    const segment = opts.seconds / opts.segments;
    process.stderr.write(
      `throughput: warm-up ${opts.warmup} s each, then ${opts.segments} × ${segment} s each, ${opts.connections} connections…\n`,
    );
    await load(real, realTally, opts.warmup, false);
    await load(baseline, baseTally, opts.warmup, false);
    const window = {
      machine: machineBusySeconds(),
      ours: ours(),
      at: process.hrtime.bigint(),
      real: groupCpuSeconds(real.pid),
      base: groupCpuSeconds(baseline.pid),
    };
    for (let round = 0; round < opts.segments; round++) {
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
      for (const [target, into] of order) {
        const cpuBefore = groupCpuSeconds(target.pid);
        await load(target, into, segment, true);
        into.cpu += groupCpuSeconds(target.pid) - cpuBefore;
      }
    }
    const loadAfter = loadavg();
    const wall = Number(process.hrtime.bigint() - window.at) / 1e9;
    const windowCpu = { real: groupCpuSeconds(real.pid) - window.real, base: groupCpuSeconds(baseline.pid) - window.base };
    const machineBusy = machineBusySeconds();
    const others =
      machineBusy === null || window.machine === null ? null : Math.max(0, (machineBusy - window.machine - (ours() - window.ours)) / wall);
    created += realTally.ok;
    // The baseline is not needed any more: stop it so that it takes nothing from the lag runs.
    await baseline.stop();

    const figures = [realTally, baseTally].map((t) => {
      const { p50, p99 } = percentiles(t.latencies);
      return { ...t, rate: Math.round(t.requests / t.seconds), p50, p99 };
    });
    const [e, b] = figures;
    console.log(
      `THROUGHPUT  POST ${PATH}: ${opts.segments} × ${segment} s per server (alternating) after ${opts.warmup} s warm-up, ` +
        `${opts.connections} connections; autocannon in this process; e-contract = node host/dist/all-in-one.js (npm start), ` +
        `baseline = Express 5 + 1 insert (WAL, synchronous=FULL) in ${tmpdir()}; ${cpus().length} CPUs, ` +
        `load average ${fmtLoad(loadBefore)} → ${fmtLoad(loadAfter)}` +
        (others === null ? '' : `, other processes used ${others.toFixed(2)} CPUs meanwhile`),
    );
    console.table(
      Object.fromEntries(
        figures.map((f) => [
          f === e ? 'e-contract (npm start)' : 'baseline (Express 5 + 1 insert)',
          {
            'req/s': f.rate,
            segments: f.segments.join(' / '),
            'p50 ms': f.p50,
            'p99 ms': f.p99,
            'CPU s (own segments)': round2(f.cpu),
            'CPU s (whole window)': round2(f === e ? windowCpu.real : windowCpu.base),
            'CPU ms/req': f.requests ? round2((1000 * f.cpu) / f.requests) : NaN,
            '2xx': f.ok,
            'non-2xx': f.non2xx,
            errors: f.errors,
          },
        ]),
      ),
    );
    console.log(
      `  CPU: seconds of user+system time of each server's process group (all threads) while its own segments ran ` +
        `(${round2(e.seconds)} s each), and over the whole measured window (${round2(wall)} s, the other server's segments included: ` +
        `e-contract's projections and reactors catching up).`,
    );
    if (others !== null && others > 0.15) {
      console.log(
        `  note: other processes kept ${Math.round((100 * others) / cpus().length)}% of the machine busy during the run: figures are noisy`,
      );
    }
    for (const f of figures) {
      if (f.non2xx > 0)
        console.log(
          `  ${f.name}: non-2xx by status ${JSON.stringify(Object.fromEntries(f.statuses))}; first bodies:\n    ${f.samples.join('\n    ')}`,
        );
      if (f.errors > 0) console.log(`  ${f.name}: ${f.errors} connection errors or timeouts`);
    }
    const ratio = e.rate / b.rate;
    const throughputOk = ratio >= THROUGHPUT_FLOOR && e.non2xx + b.non2xx === 0 && e.errors + b.errors === 0;
    verdicts.push(
      `throughput: e-contract ${e.rate} req/s, baseline ${b.rate} req/s, ratio ${ratio.toFixed(2)}x (floor ≥ ${THROUGHPUT_FLOOR}x), ` +
        `non-2xx ${e.non2xx + b.non2xx}, errors ${e.errors + b.errors} — ${throughputOk ? 'floor met' : 'FLOOR MISSED'}`,
    );
    failed ||= !throughputOk;

    // The read models and reactors catch up with the load above before the lag is measured.
    const drained = await drain(real.url, 120_000);
    console.log(
      `\n  after the throughput run the projections caught up in ${(drained.ms / 1000).toFixed(1)} s` +
        (drained.ok ? '' : ` — NOT caught up (last /api/health: ${drained.last})`),
    );

    // =========================================================================================
    // 2. Projection lag: open-loop creates at a steady rate, one SSE client
    // =========================================================================================
    const lagRows = {};
    let lagVerdict = null;
    for (const [index, rate] of opts.lagRates.entries()) {
      process.stderr.write(
        `projection lag: ${rate}/s open-loop, ${opts.lagWarmup} s warm-up + ${opts.lagSeconds} s measured, ${opts.lagConnections} connections…\n`,
      );
      const run = await lagRun({
        url: real.url,
        token,
        body: real.body,
        rate,
        warmup: opts.lagWarmup,
        seconds: opts.lagSeconds,
        connections: opts.lagConnections,
      });
      created += run.ok;
      const lags = run.lags;
      const { p50, p99, max } = percentiles(lags);
      const answer = percentiles(run.answerLatencies);
      const server = percentiles(run.serverLatencies);
      lagRows[`${rate}/s${index === 0 ? ' (floor)' : ''}`] = {
        created: run.measuredOk,
        seen: lags.length,
        missing: run.missing.length,
        'p50 ms': p50,
        'p99 ms': p99,
        'max ms': max,
        'before 201': run.beforeAnswer,
        'create p50/p99 ms': `${answer.p50} / ${answer.p99}`,
        'on socket p50/p99 ms': `${server.p50} / ${server.p99}`,
        'max in flight': run.maxInFlight,
        'non-2xx': run.non2xx,
        errors: run.errors,
      };
      const notes = [];
      if (run.missing.length)
        notes.push(`${run.missing.length} created processes never seen on the stream, e.g. ${run.missing.slice(0, 3).join(', ')}`);
      if (run.non2xx)
        notes.push(`non-2xx by status ${JSON.stringify(Object.fromEntries(run.statuses))}; first bodies: ${run.samples.join(' | ')}`);
      if (run.errors) notes.push(`${run.errors} connection errors: ${run.errorSamples.join(' | ')}`);
      if (run.streamClosed) notes.push(`the SSE stream closed during the run: ${run.streamClosed}`);
      if (run.maxInFlight > opts.lagConnections)
        notes.push(
          `up to ${run.maxInFlight} creates in flight: requests waited for one of the ${opts.lagConnections} connections ` +
            `(the system answered slower than ${rate}/s × connections allows; "create" latency includes that wait, the lag does not)`,
        );
      if (run.maxSlip > 20) notes.push(`the load generator sent up to ${Math.round(run.maxSlip)} ms late (this process was busy)`);
      run.notes = notes;
      lagRows[`${rate}/s${index === 0 ? ' (floor)' : ''}`].notes = notes;
      if (index === 0) {
        const ok =
          lags.length > 0 && p99 < LAG_FLOOR_MS && run.missing.length === 0 && run.non2xx === 0 && run.errors === 0 && !run.streamClosed;
        lagVerdict = {
          ok,
          line:
            `projection lag at ${rate}/s: p99 ${p99} ms (floor < ${LAG_FLOOR_MS} ms), p50 ${p50} ms, max ${max} ms, ` +
            `seen ${lags.length}/${run.measuredOk}, missing ${run.missing.length}, non-2xx ${run.non2xx}, errors ${run.errors} — ${ok ? 'floor met' : 'FLOOR MISSED'}`,
        };
      }
      const caughtUp = await drain(real.url, 60_000);
      if (!caughtUp.ok) notes.push(`projections did not catch up within 60 s after the run (last /api/health: ${caughtUp.last})`);
    }
    console.log(
      `\nPROJECTION LAG  GET /api/deals/stream (one SSE client, manager) while POST ${PATH} is sent open-loop ` +
        `(${opts.lagConnections} keep-alive connections) for ${opts.lagSeconds} s after ${opts.lagWarmup} s warm-up; ` +
        `lag = first SSE \`deal\` event with the processId − the 201 answer's arrival (0 when the event came first: "before 201"); ` +
        `create = scheduled time → 201, on socket = request on a connection → 201; ` +
        `load average now ${fmtLoad(loadavg())}`,
    );
    console.table(Object.fromEntries(Object.entries(lagRows).map(([name, row]) => [name, withoutNotes(row)])));
    for (const [name, row] of Object.entries(lagRows)) for (const note of row.notes) console.log(`  ${name}: ${note}`);
    verdicts.push(lagVerdict.line);
    failed ||= !lagVerdict.ok;

    // --- stop the system; every 2xx must have created a process ---
    for (const server of stopping.splice(0)) {
      const exit = await server.stop();
      if (exit.code !== 0 && exit.code !== null)
        console.log(`  ${server.name} stopped with exit code ${exit.code}: ${server.output.text.trim().slice(-2000)}`);
    }
    const store = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const stored = store.prepare("SELECT count(*) AS n FROM streams WHERE stream_id LIKE 'signing-%'").get().n;
    store.close();
    console.log(`\n  event store: ${stored} signing streams for ${created} creates answered 2xx`);
    if (stored < created) {
      console.log(`  e-contract: ${created} creates were answered 2xx, but the store holds only ${stored} signing streams  FAILED`);
      failed = true;
    }
    if (real.output.logs.length) {
      const byMessage = new Map();
      for (const entry of real.output.logs) {
        const key = `${entry.level >= 50 ? 'error' : 'warn'}: ${entry.msg ?? ''}`;
        byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
      }
      console.log(
        `  the system logged ${real.output.logs.length} warnings/errors: ${[...byMessage].map(([k, n]) => `${n} × ${k}`).join('; ')}`,
      );
    } else {
      console.log('  the system logged no warning or error');
    }
  } catch (error) {
    console.error(`system: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failed = true;
  } finally {
    await Promise.all(stopping.splice(0).map((server) => server.stop()));
    cleanUp();
  }
  console.log('');
  for (const line of verdicts) console.log(line);
  if (verdicts.length < 2) console.log('system: the run did not finish — FLOOR MISSED');
  process.exitCode = failed ? 1 : 0;
}

/**
 * One lag run: an SSE client on the deal stream, then creates scheduled at `rate` per second for
 * `warmup + seconds` (those due in the first `warmup` seconds are not measured), over `connections`
 * keep-alive sockets; then waits for the answers and for the stream to show every measured process.
 */
async function lagRun({ url, token, body, rate, warmup, seconds, connections }) {
  const seenAt = new Map(); // processId → time its first `deal` event arrived
  const stream = await openDealStream(url, token, (processId, at) => {
    if (!seenAt.has(processId)) seenAt.set(processId, at);
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(`${url}${PATH}`);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) };
  const run = {
    measured: [], // {processId, answeredAt}
    answerLatencies: [], // scheduled time → answer (open loop: queueing in this client included)
    serverLatencies: [], // request handed to a socket → answer
    maxInFlight: 0,
    measuredOk: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    statuses: new Map(),
    samples: [],
    errorSamples: [],
    maxSlip: 0,
  };
  const inFlight = new Set();
  const send = (due, measured) => {
    let onSocketAt = due;
    const done = new Promise((resolve) => {
      const request = http.request(target, { method: 'POST', agent, headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const answeredAt = performance.now();
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode >= 200 && response.statusCode < 300) {
            run.ok++;
            if (measured) {
              run.measuredOk++;
              run.answerLatencies.push(answeredAt - due);
              run.serverLatencies.push(answeredAt - onSocketAt);
              try {
                run.measured.push({ processId: JSON.parse(text).processId, answeredAt });
              } catch {
                run.errors++;
                if (run.errorSamples.length < 3) run.errorSamples.push(`unparsable 2xx body: ${text.slice(0, 200)}`);
              }
            }
          } else {
            run.non2xx++;
            run.statuses.set(response.statusCode, (run.statuses.get(response.statusCode) ?? 0) + 1);
            if (run.samples.length < 3) run.samples.push(`${response.statusCode} ${text.slice(0, 300)}`);
          }
          resolve();
        });
        response.on('error', (error) => {
          run.errors++;
          if (run.errorSamples.length < 3) run.errorSamples.push(String(error));
          resolve();
        });
      });
      request.on('socket', () => (onSocketAt = performance.now()));
      request.setTimeout(30_000, () => request.destroy(new Error('timeout after 30 s')));
      request.on('error', (error) => {
        run.errors++;
        if (run.errorSamples.length < 3) run.errorSamples.push(String(error));
        resolve();
      });
      request.end(body);
    });
    inFlight.add(done);
    run.maxInFlight = Math.max(run.maxInFlight, inFlight.size);
    done.then(() => inFlight.delete(done));
  };

  // Open loop: request i is due at start + i / rate, whatever the answers do.
  const total = Math.round((warmup + seconds) * rate);
  const warmupCount = Math.round(warmup * rate);
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  await new Promise((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const due = start + next * interval;
        run.maxSlip = Math.max(run.maxSlip, now - due);
        send(due, next >= warmupCount);
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  // Every answer, then up to 10 s for the stream to show every measured process.
  const answersBy = Date.now() + 35_000;
  while (inFlight.size > 0 && Date.now() < answersBy) await Promise.race([sleep(100), ...inFlight]);
  const seenBy = Date.now() + 10_000;
  while (Date.now() < seenBy && run.measured.some(({ processId }) => !seenAt.has(processId))) await sleep(50);
  stream.close();
  agent.destroy();

  run.lags = [];
  run.missing = [];
  run.beforeAnswer = 0;
  for (const { processId, answeredAt } of run.measured) {
    const at = seenAt.get(processId);
    if (at === undefined) {
      run.missing.push(processId);
      continue;
    }
    if (at < answeredAt) run.beforeAnswer++;
    run.lags.push(Math.max(0, at - answeredAt));
  }
  run.streamClosed = stream.closedEarly();
  return run;
}

/** `GET /api/deals/stream?access_token=`: calls `onDeal(processId, arrival time)` for each `deal` frame. */
function openDealStream(url, token, onDeal) {
  return new Promise((resolve, reject) => {
    let closing = false;
    let closedEarly = null;
    const request = http.get(
      `${url}/api/deals/stream?access_token=${encodeURIComponent(token)}`,
      { headers: { accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => reject(new Error(`GET /api/deals/stream: ${response.statusCode} ${text.slice(0, 300)}`)));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk) => {
          const at = performance.now(); // every frame of this chunk arrived now
          buffer += chunk;
          const frames = buffer.split(/\r?\n\r?\n/);
          buffer = frames.pop();
          for (const frame of frames) {
            let event = 'message';
            const data = [];
            for (const line of frame.split(/\r?\n/)) {
              if (line === '' || line.startsWith(':')) continue; // a comment: the heartbeat
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'event') event = value;
              else if (field === 'data') data.push(value);
              // `id:` is the change's position; not needed here
            }
            if (event !== 'deal' || data.length === 0) continue;
            try {
              const deal = JSON.parse(data.join('\n'));
              if (deal.processId) onDeal(deal.processId, at);
            } catch {
              // not a deal: ignored
            }
          }
        });
        const onClose = (why) => {
          if (!closing && closedEarly === null) closedEarly = why;
        };
        response.on('end', () => onClose('the server ended it'));
        response.on('error', (error) => onClose(String(error)));
        resolve({
          close() {
            closing = true;
            request.destroy();
          },
          closedEarly: () => closedEarly,
        });
      },
    );
    request.on('error', reject);
  });
}

/** Polls /api/health until the projections' lag is 0 and their position stays put for 1 s. */
async function drain(url, limitMs) {
  const started = Date.now();
  let previous = null;
  let since = 0;
  let last = '';
  while (Date.now() - started < limitMs) {
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.json(),
      () => null,
    );
    last = JSON.stringify(health);
    const position = health?.projections?.position ?? null;
    if (health?.projections?.lag === 0 && position !== null) {
      if (position === previous) {
        if (Date.now() - since >= 1000) return { ok: true, ms: since - started, last };
      } else {
        previous = position;
        since = Date.now();
      }
    } else {
      previous = null;
    }
    await sleep(100);
  }
  return { ok: false, ms: Date.now() - started, last };
}

/** A table row: every column but the notes printed under the table. */
function withoutNotes(row) {
  const copy = { ...row };
  delete copy.notes;
  return copy;
}

const fmtLoad = (avg) => avg.map((n) => n.toFixed(2)).join(' ');

await main();
