import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's `X-Correlation-Id` (when well-formed) or makes one, and echoes it. */
export const correlation: RequestHandler = (req, res, next) => {
  const given = req.get('x-correlation-id');
  const correlationId = given && CORRELATION_ID.test(given) ? given : randomUUID();
  res.locals['correlationId'] = correlationId;
  res.set('X-Correlation-Id', correlationId);
  next();
};

/**
 * One structured log line per request. The path is logged without its query string (an
 * `access_token` may ride there) and with a signer's invitation token masked (`/sign/<token>`, the
 * web app's page the invitation links to): tokens, codes and passwords never reach a log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        {
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          correlationId: res.locals['correlationId'],
        },
        'request',
      );
    });
    next();
  };
}

/** `/sign/<token>` (and `/embed/sign/<token>`) → `/sign/…`: the invitation token is a credential. */
export function loggablePath(path: string): string {
  return path.replace(/^(\/(?:embed\/)?sign\/)[^/]+/, '$1…');
}
