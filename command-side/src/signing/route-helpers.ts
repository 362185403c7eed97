import { createHash } from 'node:crypto';
import { idempotencyOf } from '../http/idempotency.js';
import type { Request, Response } from 'express';
import type { CommandAnswer } from '@e-contract/contracts';
import { authOf, originOf, badRequest, forbidden, notFound, unauthorized, type AuthUser } from '@e-contract/platform/http';
import type { CommandOptions, CommandOrigin, CommandOutcome } from './command-handler.js';
import type { SigningState, ActiveProcess } from './signing-state.js';

export const callerOf = (res: Response): AuthUser => {
  const caller = authOf(res);
  if (!caller) throw unauthorized();
  return caller;
};

/** Who asks and from where, for the events a request appends. */
export function commandOrigin(req: Request, res: Response): CommandOrigin {
  const caller = callerOf(res);
  const origin = originOf(req, res);
  const idempotent = idempotencyOf(res);
  return {
    // The command's id: its facts carry it, so a retry after a crash finds them (command-handler.ts).
    // The body is part of it: the same key with another body is another command, never a replay.
    ...(idempotent
      ? { commandId: createHash('sha256').update(`${idempotent.scope}\n${idempotent.key}\n${idempotent.requestSha256}`).digest('hex') }
      : {}),
    actor: { id: caller.id, role: caller.role },
    ip: origin.ip,
    userAgent: origin.userAgent,
    correlationId: origin.correlationId,
    causationId: req.get('idempotency-key') ? `idempotency:${req.get('idempotency-key')}` : `request:${origin.correlationId}`,
  };
}

/** `If-Match: <revision>` (a bare decimal; quotes tolerated, as an ETag would have them). */
export function commandOptions(req: Request): CommandOptions {
  const header = req.get('if-match');
  if (header === undefined) return {};
  const value = header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (!/^\d{1,15}$/.test(value)) {
    throw badRequest('If-Match must be the revision of the process as a decimal number', [
      { field: 'If-Match', code: 'if_match', message: 'must be a decimal revision' },
    ]);
  }
  return { expectedRevision: Number(value) };
}

/**
 * The answer of every successful command (API.md, "Commands"), with the fields its row names. Every
 * command a route answers appends at least one event (the decider refuses or records a fact), so
 * its outcome has a position.
 */
export function commandAnswer(outcome: CommandOutcome): CommandAnswer;
export function commandAnswer<const Extra extends object>(outcome: CommandOutcome, extra: Extra): CommandAnswer & Extra;
export function commandAnswer(outcome: CommandOutcome, extra: object = {}): CommandAnswer {
  if (outcome.position === null) throw new Error(`a command on ${outcome.processId} appended nothing, yet is answered`);
  return { processId: outcome.processId, revision: outcome.revision, position: outcome.position, ...extra };
}

/** A manager acts on own-branch processes only; another branch's process is answered as unknown. */
export function ownBranchProcess(state: SigningState, caller: AuthUser, processId: string): ActiveProcess {
  if (state.status === 'none' || state.branchId !== caller.branchId) throw notFound(`No signing process ${processId}`);
  return state;
}

/** A signer acts on the process their invitation opened, and on no other. */
export function ensureOwnProcess(caller: AuthUser, processId: string): void {
  if (caller.role !== 'signer' || caller.processId !== processId) throw forbidden('A signer acts only on the process of their invitation');
}

export function existingProcess(state: SigningState, processId: string): ActiveProcess {
  if (state.status === 'none') throw notFound(`No signing process ${processId}`);
  return state;
}
