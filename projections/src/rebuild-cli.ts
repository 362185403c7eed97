import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '@e-contract/platform/config';
import { PROJECTION_NAMES, type ProjectionName } from './projection.js';
import { EventStoreMismatch } from './event-store-binding.js';
import { openEventStore, openReadStore } from './projections-service.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import { rebuildProjections } from './runner/rebuild.js';

const USAGE = `Usage: npm run rebuild [-- --only <${PROJECTION_NAMES.join('|')}>[,…]] [--page-size <n>]

Rebuilds the read models from the whole event log (all of them, or those named by --only) into
copies and swaps each in when done; readers keep seeing the old ones until then. Uses the services'
configuration: DATA_DIR, EVENTSTORE_URL, MONGODB_URL. Run it while the projections service is
stopped, or use POST /api/admin/projections/:name/rebuild on a running system.

When the read store was built from another event log (EVENTSTORE_URL switched, the event store
replaced), every read model must be rebuilt (no --only); the read store then records the new log
and forgets the reactors' checkpoints, which were positions in the old one.`;

interface Arguments {
  only: ProjectionName[] | null;
  pageSize: number;
}

function parseArguments(argv: readonly string[]): Arguments | 'help' {
  const args: Arguments = { only: null, pageSize: 5_000 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--only') {
      const names = value()
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      for (const name of names) {
        if (!(PROJECTION_NAMES as readonly string[]).includes(name)) throw new UsageError(`no read model is called "${name}"`);
      }
      args.only = [...new Set([...(args.only ?? []), ...(names as ProjectionName[])])];
    } else if (flag === '--page-size') {
      const size = Number(value());
      if (!Number.isInteger(size) || size < 1) throw new UsageError('--page-size must be a positive integer');
      args.pageSize = size;
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return args;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const only = args.only;
  const projections = only ? ALL_PROJECTIONS.filter((p) => only.includes(p.name)) : [...ALL_PROJECTIONS];
  const eventStore = openEventStore(config);
  try {
    const readStore = await openReadStore(config);
    try {
      const configured = await eventStore.identity();
      const recorded = await readStore.eventStoreIdentity();
      const switching = recorded !== null && (recorded.kind !== configured.kind || recorded.id !== configured.id);
      if (switching && projections.length < ALL_PROJECTIONS.length) {
        process.stderr.write(`${new EventStoreMismatch(recorded, configured).message}\n\nRebuild every read model: run without --only.\n`);
        return 2;
      }
      const bar = new cliProgress.SingleBar(
        { format: 'rebuild {names} [{bar}] {percentage}% | {events} events | {rate} events/s | {duration_formatted}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      const names = projections.map((p) => p.name).join(', ');
      const startedAt = Date.now();
      bar.start(1000, 0, { names, events: 0, rate: 0 });
      const report = await rebuildProjections(eventStore, readStore, projections, {
        pageSize: args.pageSize,
        onProgress: ({ events, fraction }) => {
          const seconds = (Date.now() - startedAt) / 1000;
          bar.update(Math.round(fraction * 1000), { names, events, rate: seconds > 0 ? Math.round(events / seconds) : 0 });
        },
      });
      bar.update(1000);
      bar.stop();
      // Every read model now reflects this log (a partial rebuild only ever runs on the one recorded).
      await readStore.claimEventStore(configured, { replace: switching });
      if (switching)
        process.stdout.write(`the read store now follows ${configured.kind} ${configured.id}; the reactors' checkpoints were reset\n`);
      process.stdout.write(
        `${report.events} events in ${report.seconds.toFixed(1)} s, ${Math.round(report.eventsPerSecond)} events/s (${names}; checkpoint ${report.position ?? 'none'})\n`,
      );
      return 0;
    } finally {
      await readStore.close();
    }
  } finally {
    await eventStore.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`\nrebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
