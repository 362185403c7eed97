import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpProblem, notFound, tooLarge, unsupportedMediaType } from './problem.js';
import { problemOfEventStoreError } from './event-store-problems.js';
import { problemOfStorageError } from './storage-problems.js';

/** body-parser's errors carry a `type`; they become problems like any other bad input. */
function problemOfBodyParserError(error: unknown): HttpProblem | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return tooLarge('The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return unsupportedMediaType('The body must be UTF-8 JSON');
    case 'entity.verify.failed':
    case 'request.aborted':
      return new HttpProblem(400, 'bad-request', 'Bad request', 'The request body could not be read');
    default:
      return null;
  }
}

export const sendProblem = (res: Parameters<ErrorRequestHandler>[2], problem: HttpProblem): void => {
  res.status(problem.status).set(problem.headers).type('application/problem+json');
  res.json({ ...problem.extensions, type: problem.type, title: problem.title, status: problem.status, detail: problem.detail });
};

/**
 * Translates an error a side knows (its domain refusals, its adapters' failures) into a problem;
 * `null` for an error it does not know. Each side brings its own: the kit knows none of them.
 */
export type ProblemMapper = (error: unknown) => HttpProblem | null;

const problemOf = (error: unknown, mappers: readonly ProblemMapper[]): HttpProblem | null => {
  if (error instanceof HttpProblem) return error;
  for (const mapper of mappers) {
    const problem = mapper(error);
    if (problem) return problem;
  }
  return problemOfEventStoreError(error) ?? problemOfStorageError(error) ?? problemOfBodyParserError(error);
};

/**
 * The last middleware: every error becomes problem+json — an `HttpProblem` as it is, others through
 * the side's `mappers`, the event store's refusals and failures (every side appends), body-parser's by their `type`. Unknown errors are logged with their stack on
 * the server and answered as a bare 500: no stack, SQL or path reaches the client.
 */
export function problemHandler(logger: Logger, mappers: readonly ProblemMapper[] = []): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = problemOf(error, mappers);
    if (res.headersSent) {
      logger.error({ err: error, path: req.path }, 'error after the answer was sent');
      res.end();
      return;
    }
    if (problem) {
      if (problem.status >= 500) logger.error({ err: error, path: req.path }, problem.detail);
      sendProblem(res, problem);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path, correlationId: res.locals['correlationId'] }, 'unhandled error');
    sendProblem(res, new HttpProblem(500, 'internal', 'Internal error', 'The server could not answer; the error was logged'));
  };
}

/** Unknown `/api/...` paths answer problem+json too. */
export const apiNotFound: RequestHandler = (req, _res, next) => next(notFound(`No endpoint ${req.method} ${req.path}`));
