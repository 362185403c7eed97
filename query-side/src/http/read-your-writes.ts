import type { Request, RequestHandler, Response } from 'express';
import type { ProjectionName } from '@e-contract/projections';
import { parseLogPosition } from '@e-contract/contracts';
import { HttpProblem, validationFailed } from '@e-contract/platform/http';
import type { ProjectionProgress } from './projection-progress.js';

/** API.md: a read with `X-Min-Position` waits up to 5 s for the read models, else 504. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;
export const MIN_POSITION_HEADER = 'X-Min-Position';

export interface ReadYourWritesOptions {
  /** How long to wait (default 5 s; specs shorten it). */
  timeoutMs?: number;
}

/** 504: the read models named did not reach the position in time (`type` …/read-model-behind). */
export const readModelBehind = (minPosition: string, behind: readonly string[], timeoutMs: number) =>
  new HttpProblem(
    504,
    'read-model-behind',
    'Read model behind',
    `The read models (${behind.join(', ')}) did not reach position ${minPosition} within ${timeoutMs} ms; try again`,
    { minPosition, behind: [...behind] },
  );

/**
 * Read-your-writes (API.md, "Queries"): with `X-Min-Position: <position>` (a command's answer), waits
 * until every read model the route reads — `models` — has applied that position, then goes on; after
 * the timeout answers 504. A malformed header is 400 naming `X-Min-Position`. Mount it after
 * authentication and the role check (401/403 come first). Not a busy loop: it waits on
 * `ProjectionProgress.waitFor`, which the runner's `notify` wakes; a client that hangs up ends the wait.
 */
export function readYourWrites(
  progress: ProjectionProgress,
  models: readonly ProjectionName[],
  options: ReadYourWritesOptions = {},
): RequestHandler {
  return async (req, res, next) => {
    if (await awaitMinPosition(req, res, progress, models, options)) next();
  };
}

/**
 * The same wait, for a route that first validates its own parameters (400 before a 5 s wait).
 * Resolves `true` to go on (no header, or caught up), `false` when the client hung up meanwhile;
 * throws the 400 or the 504.
 */
export async function awaitMinPosition(
  req: Request,
  res: Response,
  progress: ProjectionProgress,
  models: readonly ProjectionName[],
  options: ReadYourWritesOptions = {},
): Promise<boolean> {
  const header = req.get(MIN_POSITION_HEADER);
  if (header === undefined) return true;
  const minPosition = parseLogPosition(header);
  if (minPosition === null) {
    throw validationFailed([
      { field: MIN_POSITION_HEADER, code: 'isLogPosition', message: 'must be a log position: a decimal string such as "42"' },
    ]);
  }
  const timeoutMs = options.timeoutMs ?? READ_YOUR_WRITES_TIMEOUT_MS;
  const hangUp = new AbortController();
  const onClose = () => hangUp.abort();
  res.once('close', onClose);
  try {
    const reached = await Promise.all(models.map((name) => progress.waitFor(name, minPosition, timeoutMs, hangUp.signal)));
    if (hangUp.signal.aborted) return false; // nobody is listening any more
    const behind = models.filter((_name, index) => !reached[index]);
    if (behind.length > 0) throw readModelBehind(minPosition, behind, timeoutMs);
    return true;
  } finally {
    res.off('close', onClose);
  }
}
