import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';

/** A stop that takes longer is cut short (exit 1): orchestrators kill at 10 s. */
export const STOP_DEADLINE_MS = 9_500;

/**
 * The one way a service process starts and stops: configuration validated once (exit 2 naming
 * every bad variable), a JSON logger, then SIGINT/SIGTERM close it cleanly — requests in flight
 * answered, batches committed, checkpoints saved — and exit 0 (1 if closing failed or outlasted
 * `STOP_DEADLINE_MS`). Used by each service's `main` and by `npm start`'s all-in-one.
 */
export function runService(name: string, start: (config: Config, logger: Logger) => Promise<{ close(): Promise<void> }>): void {
  let config: Config;
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
  start(config, logger).then(
    (running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        const startedAt = Date.now();
        setTimeout(() => {
          logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'stop outlasted its deadline; exiting');
          process.exit(1);
        }, STOP_DEADLINE_MS).unref();
        running.close().then(
          () => {
            logger.info({ ms: Date.now() - startedAt }, 'stopped');
            process.exit(0);
          },
          (error: unknown) => {
            logger.error({ err: error }, 'unclean stop');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      process.stderr.write(`${name} could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
