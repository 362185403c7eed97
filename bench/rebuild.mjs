// Rate of `npm run rebuild` (projections/dist/rebuild-cli.js): seeds a temp DATA_DIR with the events of
// N signing processes (~8 events each: created, invited, identification started, identified, EDO
// accepted, code issued, signed, archived), hash-chained by `chainEvents` and appended through
// `SqliteEventStore` in big concurrent batches (group commits), then runs the rebuild CLI on it as a
// child process — all four read models, or `--only <name>` — and prints its rate.
//
//   npm run build && node bench/rebuild.mjs [processes=100000] [--only deals] [--keep]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { seedSigningLog } from '@e-contract/projections/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : null;
const processes = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--only') ?? 100_000);

const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-rebuild-bench-'));
try {
  const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  let lastReport = 0;
  const seeded = await seedSigningLog(store, {
    processes,
    concurrency: 2_000,
    onProgress: (written) => {
      if (written - lastReport >= 10_000 || written === processes) {
        lastReport = written;
        process.stderr.write(`seeded ${written}/${processes} processes\r`);
      }
    },
  });
  await store.close();
  process.stderr.write('\n');
  console.log(
    `seeded ${seeded.processes} processes, ${seeded.events} events in ${seeded.seconds.toFixed(1)} s ` +
      `(${Math.round(seeded.events / seeded.seconds)} events/s appended)`,
  );

  const cliArgs = [join(root, 'projections/dist/rebuild-cli.js'), ...(only ? ['--only', only] : [])];
  const child = spawn(process.execPath, cliArgs, {
    env: { ...process.env, DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the rebuild exited with ${code}`);
  const line = output.trim().split('\n').at(-1) ?? '';
  const match = /^(\d+) events in ([\d.]+) s, (\d+) events\/s/.exec(line);
  if (!match) throw new Error(`unexpected rebuild output: ${line}`);
  console.log(`rebuild (${only ?? 'all read models'}): ${line}`);
  console.log(
    JSON.stringify({
      processes,
      events: Number(match[1]),
      seconds: Number(match[2]),
      eventsPerSecond: Number(match[3]),
      only: only ?? 'all',
    }),
  );
} finally {
  if (keep) console.log(`kept ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
