import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '@e-contract/command-side/dist/config.js';
import { startProjections } from './projections-service.js';

export { startProjections, loadProjectionsSettings, openEventStore, openReadStore } from './projections-service.js';
export type { ProjectionsDeps, ProjectionsSettings, RunningProjections } from './projections-service.js';

/** `npm start -w projections`: the read models and the reactors in a process of their own. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const running = await startProjections(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Whether this module is the process's entry point (not imported by the all-in-one composition). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((error: unknown) => {
    process.stderr.write(`E-contract projections could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
