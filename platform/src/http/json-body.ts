import express, { type RequestHandler } from 'express';
import { validate } from 'class-validator';
import { toFieldErrors } from '@e-contract/contracts';
import { unsupportedMediaType, validationFailed } from './problem.js';

const hasBody = (headers: Record<string, unknown>): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * Parses a JSON body (100 kB at most unless `limit` says otherwise). A body of another media type
 * is refused with 415 rather than read as empty; a command without a body may leave it out.
 */
export function jsonBody({ limit = '100kb' }: { limit?: string } = {}): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (hasBody(req.headers) && !req.is(['application/json', 'application/*+json'])) {
      next(unsupportedMediaType('The body must be application/json'));
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit })];
}

/** Validates a DTO instance with class-validator; 400 with every bad field named by its path. */
export async function validated<T extends object>(dto: T): Promise<T> {
  const errors = await validate(dto, { forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw validationFailed(toFieldErrors(errors));
  return dto;
}
