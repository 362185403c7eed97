// Many requests at once, through the whole system as `npm start` runs it: `node host/dist/all-in-one.js`
// in a child process of its own group over a temp DATA_DIR (embedded SQLite stores, LOG_LEVEL=warn).
//
// The bench logs in as `manager`, uploads one minimal PDF, then sends `POST /api/signing-processes/batch`
// with `--rows` items (default 1,000: monthly acts, each for its own contractor — a valid personal INN,
// phone and name per row) and polls `GET /api/batches/:id` every 100 ms until `done`. Meanwhile a board
// reader sends `GET /api/deals?page=1&pageSize=20&sort=-updatedAt` open-loop at `--board-rate` per second
// (each request scheduled by the clock, not by the previous answer) and records each answer's latency.
//
// Floors (exit 1 when one is missed): every row created (`created` = rows, no `failed`), time from the
// POST to `done` < 20 s, p99 of `GET /api/deals` during the batch < 100 ms, every board answer 200.
// Prints the board's p50/p99 on the idle system first, for comparison.
//
//   npm run build && npm run bench:batch
//   node bench/batch.mjs [--rows=1000] [--board-rate=20] [--idle-seconds=3]
//   BENCH_CPU_PROF=/tmp/prof node bench/batch.mjs   # writes a .cpuprofile of the system's request thread
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MINIMAL_PDF, fetchJson, freePort, killGroup, percentiles, round1, sleep } from './lib/bench-kit.mjs';

const DONE_FLOOR_MS = 20_000;
const BOARD_P99_FLOOR_MS = 100;
const PASSWORD = 'bench-batch-password';

function options() {
  const named = Object.fromEntries(
    process.argv
      .slice(2)
      .filter((arg) => arg.startsWith('--'))
      .map((arg) => arg.slice(2).split('=')),
  );
  for (const key of Object.keys(named))
    if (!['rows', 'board-rate', 'idle-seconds'].includes(key)) throw new Error(`unknown option --${key}`);
  return {
    rows: Number(named['rows'] ?? 1000),
    boardRate: Number(named['board-rate'] ?? 20),
    idleSeconds: Number(named['idle-seconds'] ?? 3),
  };
}

// A valid 12-digit personal INN: 10 digits, then the two check digits.
function personalInn(n) {
  const body = `77${String(10_000_000 + n).slice(-8)}`.split('').map(Number);
  const check = (digits, weights) => (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
  const eleven = [...body, check(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8])];
  return [...eleven, check(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])].join('');
}

const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Соколов', 'Лебедев'];
const NAMES = ['Иван', 'Пётр', 'Сергей', 'Андрей', 'Олег', 'Дмитрий', 'Алексей', 'Николай'];

function row(documentId, n) {
  return {
    kind: 'act',
    title: `Акт выполненных работ за ноябрь 2026 № ${n + 1}`,
    documents: [{ documentId, title: 'Акт' }],
    signer: {
      type: 'individual',
      fullName: `${SURNAMES[n % 8]} ${NAMES[Math.floor(n / 8) % 8]} Николаевич`,
      inn: personalInn(n),
      phone: `+79${String(100_000_000 + n).slice(-9)}`,
    },
    externalId: `act-2026-11-${n + 1}`,
  };
}

async function main() {
  const opts = options();
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const entry = join(root, 'host/dist/all-in-one.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-bench-batch-'));
  let child = null;
  const cleanUp = () => {
    if (child) killGroup(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  setTimeout(() => (console.error('batch: no result after 300 s, giving up'), process.exit(1)), 300_000).unref();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<dir>: a .cpuprofile of the system's request thread, written on its clean exit.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  child = spawn(process.execPath, [...profile, entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) }).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: '' }),
    );
    if (health.status === 200 && /"readStore"\s*:\s*"ok"/.test(health.body)) break;
    if (Date.now() > deadline) throw new Error(`no healthy system in 90 s: ${output}`);
    await sleep(200);
  }

  const { token } = await fetchJson(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'manager', password: PASSWORD }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const { documentId } = await fetchJson(`${url}/api/documents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf', 'x-file-name': 'act.pdf' },
    body: MINIMAL_PDF,
  });

  // The board: open-loop GETs of the manager's first page, each latency recorded.
  const board = (seconds, until) =>
    new Promise((resolve) => {
      const latencies = [];
      let failures = 0;
      let inFlight = 0;
      let stopped = false;
      const started = performance.now();
      const interval = 1000 / opts.boardRate;
      let sent = 0;
      const tick = () => {
        if (stopped) return;
        const due = started + sent * interval;
        if (performance.now() >= due) {
          sent += 1;
          inFlight += 1;
          const t0 = performance.now();
          fetch(`${url}/api/deals?page=1&pageSize=20&sort=-updatedAt`, { headers: auth, signal: AbortSignal.timeout(10_000) })
            .then(async (r) => {
              await r.arrayBuffer();
              if (r.status !== 200) failures += 1;
            })
            .catch(() => (failures += 1))
            .finally(() => {
              latencies.push(performance.now() - t0);
              inFlight -= 1;
              if (stopped && inFlight === 0) resolve({ latencies, failures });
            });
        }
        const over = seconds !== null ? performance.now() - started >= seconds * 1000 : until();
        if (over) {
          stopped = true;
          if (inFlight === 0) resolve({ latencies, failures });
          return;
        }
        setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
      };
      tick();
    });

  const idle = await board(opts.idleSeconds, null);
  const load1 = loadavg()[0];

  const items = Array.from({ length: opts.rows }, (_, n) => row(documentId, n));
  let done = false;
  const during = board(null, () => done);
  const t0 = performance.now();
  const accepted = await fetchJson(`${url}/api/signing-processes/batch`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-${Date.now()}` },
    body: JSON.stringify({ items }),
  });
  const acceptedMs = performance.now() - t0;
  let status;
  for (;;) {
    status = await fetchJson(`${url}/api/batches/${accepted.batchId}`, { headers: auth });
    if (status.done || performance.now() - t0 > 120_000) break;
    await sleep(100);
  }
  const doneMs = performance.now() - t0;
  done = true;
  const board2 = await during;
  const load2 = loadavg()[0];

  const idleP = percentiles(idle.latencies);
  const duringP = percentiles(board2.latencies);
  console.log(`batch of ${opts.rows} rows through npm start (${url}), board reader at ${opts.boardRate}/s`);
  console.log(
    `  accepted (202) after ${round1(acceptedMs)} ms; done after ${round1(doneMs)} ms (${Math.round((status.created / doneMs) * 1000)} rows/s)`,
  );
  console.log(
    `  created ${status.created}, failed ${status.failed.length}${status.failed.length ? ` (first: ${JSON.stringify(status.failed[0])})` : ''}`,
  );
  console.log(
    `  GET /api/deals idle:         p50 ${idleP.p50} ms, p99 ${idleP.p99} ms, max ${idleP.max} ms (${idle.latencies.length} requests)`,
  );
  console.log(
    `  GET /api/deals during batch: p50 ${duringP.p50} ms, p99 ${duringP.p99} ms, max ${duringP.max} ms (${board2.latencies.length} requests, ${board2.failures} not 200)`,
  );
  console.log(`  load average (1 min) before → after: ${round1(load1)} → ${round1(load2)}`);

  const verdicts = [
    [`every row created (${status.created} of ${opts.rows})`, status.done && status.created === opts.rows && status.failed.length === 0],
    [`${opts.rows} rows done in < ${DONE_FLOOR_MS / 1000} s (${round1(doneMs / 1000)} s)`, status.done && doneMs < DONE_FLOOR_MS],
    [`p99 of GET /api/deals during the batch < ${BOARD_P99_FLOOR_MS} ms (${duringP.p99} ms)`, duringP.p99 < BOARD_P99_FLOOR_MS],
    [`every board answer 200 (${board2.failures} not)`, board2.failures === 0],
  ];
  for (const [text, ok] of verdicts) console.log(`  ${ok ? 'MET   ' : 'MISSED'} ${text}`);
  killGroup(child, 'SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  child = null;
  process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
