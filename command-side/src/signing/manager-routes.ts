import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  CreateSigningProcessDto,
  ReasonDto,
  SIGNING_RULES,
  normalizeFullName,
  normalizeRussianMobile,
  type CancelAnswer,
  type CommandAnswer,
  type DocumentRef,
  type FieldError,
  type SignerDetails,
} from '@e-contract/contracts';
import { createInviteToken, inviteTokenOf } from '../auth/invite-token.js';
import { deliverReminder } from './invitations.js';
import { requireRole } from '@e-contract/platform/auth';
import type { AuthUser } from '@e-contract/platform/http';
import { idempotency, idempotencyOf } from '../http/idempotency.js';
import { BRANCH_ROLES, jsonBody, unprocessable, validated, validationFailed } from '@e-contract/platform/http';
import { parseSigningEvent } from '@e-contract/contracts/events';
import type { CommandOrigin, CommandOutcome } from './command-handler.js';
import { admitCreation } from './create-admission.js';
import { decide } from './decide.js';
import { decisionContext } from './decision-context.js';
import { callerOf, commandAnswer, commandOptions, commandOrigin, ownBranchProcess } from './route-helpers.js';
import type { SigningDeps } from './signing-deps.js';
import { ExternalIdTaken, ProcessAlreadyExists, StepOutOfOrder } from './signing-errors.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The manager's commands: create a signing request, re-send its invitation, cancel it. An
 * integration may do the same in its branch (API.md, "Integrations"): its facts carry its own actor.
 */
export function createManagerRoutes(deps: SigningDeps): Router {
  const router = Router();
  const asManager = [requireRole(...BRANCH_ROLES), ...jsonBody(), idempotency(deps.idempotency, deps.logger, deps.clock)];

  // A creation waits while the invitations are behind (create-admission.ts); bad input is refused first.
  const asCreator = [
    requireRole(...BRANCH_ROLES),
    ...jsonBody(),
    admitCreation(deps.admission),
    idempotency(deps.idempotency, deps.logger, deps.clock),
  ];

  router.post('/api/signing-processes', ...asCreator, async (req, res) => {
    const idem = idempotencyOf(res);
    const answer = await createSigningProcess(deps, callerOf(res), req.body, {
      origin: commandOrigin(req, res),
      // A retried create without a processId must land on the same process: derive it from the key.
      processId: idem ? uuidFromKey(idem.scope, idem.key) : undefined,
      onExisting: idem ? 'first-answer' : 'refuse',
    });
    res.status(201).location(`/api/deals/${answer.processId}`).json(answer);
  });

  router.post('/api/signing-processes/:id/invitations', ...asManager, async (req, res) => {
    const caller = callerOf(res);
    const processId = String(req.params['id']);
    const origin = commandOrigin(req, res);
    const invitationId = randomUUID();
    const { tokenSha256 } = createInviteToken(processId, { invitationId, secret: deps.secrets.inviteTokenSecret });
    const outcome = await deps.handler.execute(
      processId,
      origin,
      (state) => {
        ownBranchProcess(state, caller, processId);
        return decide({ type: 'ReissueInvitation', invitationId, tokenSha256 }, state, decisionContext(deps));
      },
      commandOptions(req),
    );
    res.status(202).json(commandAnswer(outcome));
  });

  // A reminder by hand (API.md, "After signing, reminders…"): the same link again, at most 3 a day.
  router.post('/api/signing-processes/:id/reminders', ...asManager, async (req, res) => {
    const caller = callerOf(res);
    const processId = String(req.params['id']);
    ownBranchProcess((await deps.handler.load(processId)).state, caller, processId);
    const origin = commandOrigin(req, res);
    const outcome = await deliverReminder(
      deps,
      {
        processId,
        trigger: 'manual',
        token: (process) => inviteTokenOf(processId, { ...process.invitation, secret: deps.secrets.inviteTokenSecret }),
        dedupKey: `reminder:${processId}:${origin.commandId ?? randomUUID()}`,
      },
      origin,
      commandOptions(req),
    );
    if (!outcome) throw new StepOutOfOrder('remind the signer', 'created');
    res.status(202).json(commandAnswer(outcome));
  });

  router.post('/api/signing-processes/:id/cancel', ...asManager, async (req, res) => {
    const caller = callerOf(res);
    const processId = String(req.params['id']);
    const { reason } = await validated(ReasonDto.fromPlain(req.body));
    const outcome = await deps.handler.execute(
      processId,
      commandOrigin(req, res),
      (state) => {
        ownBranchProcess(state, caller, processId);
        return decide({ type: 'CancelSigning', reason: reason.trim() }, state, decisionContext(deps));
      },
      commandOptions(req),
    );
    const answer: CancelAnswer = commandAnswer(outcome, { status: 'cancelled' });
    res.json(answer);
  });

  return router;
}

/** How a create whose process already exists (a retry after a crash) is answered. */
export type OnExistingProcess =
  /** An `Idempotency-Key`'s retry: the first creation's answer when it is this request's, 422 when the body differs. */
  | 'first-answer'
  /** A batch item done again after a restart: the first creation's answer when it is the same request, else 409. */
  | 'same-or-refuse'
  | 'refuse';

export interface CreateOptions {
  origin: CommandOrigin;
  /** The process id when the body names none (default: a new UUID). */
  processId?: string | undefined;
  onExisting: OnExistingProcess;
}

/**
 * Creates one signing process from the body of `POST /api/signing-processes` (API.md, "Commands"):
 * validates it (400 naming each field by its path in the body), resolves the documents, claims the
 * `externalId`, decides and appends. The single route and each item of a batch (batches/) go through
 * here, so an item is validated and created exactly as if it had been posted alone.
 */
export async function createSigningProcess(
  deps: SigningDeps,
  caller: AuthUser,
  body: unknown,
  options: CreateOptions,
): Promise<CommandAnswer> {
  const dto = await validated(CreateSigningProcessDto.fromPlain(body));
  const now = deps.clock();
  const documents = await resolveDocuments(deps, dto, caller.branchId);
  const expiresAt = checkedExpiry(dto.expiresAt, now);
  const signer = await normalizedSigner(deps, dto.signer as SignerDetails);
  const processId = (dto.processId ?? options.processId ?? randomUUID()).toLowerCase();
  const invitationId = randomUUID();
  const { tokenSha256 } = createInviteToken(processId, { invitationId, secret: deps.secrets.inviteTokenSecret });
  const { origin } = options;
  const externalId = dto.externalId?.trim() ?? null;

  const create = () =>
    deps.handler.execute(processId, origin, (state) =>
      decide(
        {
          type: 'CreateSigningProcess',
          processId,
          kind: dto.kind,
          title: dto.title.trim(),
          documents,
          signer,
          manager: { id: caller.id, name: caller.name },
          branchId: caller.branchId ?? '',
          expiresAt,
          invitation: { invitationId, tokenSha256 },
          externalId,
        },
        state,
        decisionContext(deps),
      ),
    );
  try {
    const outcome = externalId === null ? await create() : await createWithExternalId(deps, caller, externalId, processId, origin, create);
    return commandAnswer(outcome);
  } catch (error) {
    // The first try created the process, and the server stopped before it recorded its answer:
    // the retry gets the creation's answer (API.md: "the first answer"), not a 409.
    if (!(error instanceof ProcessAlreadyExists)) throw error;
    const first =
      options.onExisting === 'first-answer' && !dto.processId
        ? await earlierCreation(deps, processId, caller, dto)
        : options.onExisting === 'same-or-refuse'
          ? await earlierCreation(deps, processId, caller, dto).catch(() => null)
          : null;
    if (!first) throw error;
    return first;
  }
}

/**
 * Claims `externalId` in the caller's scope for `processId`, then creates the process: a taken id is
 * 409 naming the process that holds it (whatever its status now). The `Idempotency-Key` check ran
 * before (a retry gets the first answer); a retry without one that names the same `processId` finds
 * its own claim and goes on. If the creation fails after a claim this request made, the claim is
 * released, so that a corrected retry is not refused.
 */
async function createWithExternalId(
  deps: SigningDeps,
  caller: AuthUser,
  externalId: string,
  processId: string,
  origin: CommandOrigin,
  create: () => Promise<CommandOutcome>,
): Promise<CommandOutcome> {
  const scope = externalIdScopeOf(caller);
  const { actor, ip, userAgent, correlationId, causationId } = origin;
  const context = { actor, ip, userAgent, correlationId, causationId };
  const claim = await deps.externalIds.claim(scope, externalId, processId, context);
  if (!claim.held) throw new ExternalIdTaken(externalId, claim.processId);
  try {
    return await create();
  } catch (error) {
    if (claim.fresh) {
      await deps.externalIds.release(scope, externalId, processId, context).catch((releaseError: unknown) => {
        deps.logger.warn({ err: releaseError, processId }, 'could not release an externalId claim; it frees itself in 30 s');
      });
    }
    throw error;
  }
}

/** API.md: an integration's external ids are unique per integration, a manager's per branch. */
export const externalIdScopeOf = (caller: AuthUser): string =>
  caller.role === 'integration' ? caller.id : `branch:${caller.branchId ?? ''}`;

/** Each document must have been uploaded in the manager's branch; it is fixed by its hash now. */
async function resolveDocuments(deps: SigningDeps, dto: CreateSigningProcessDto, branchId: string | undefined): Promise<DocumentRef[]> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const documents: DocumentRef[] = [];
  for (const [index, item] of dto.documents.entries()) {
    const field = `documents[${index}].documentId`;
    const record = await deps.documents.find(item.documentId);
    if (!record || record.branchId !== branchId) {
      errors.push({ field, code: 'unknown_document', message: 'no uploaded document with this id in your branch' });
    } else if (seen.has(record.documentId)) {
      errors.push({ field, code: 'duplicate_document', message: 'the same document is listed twice' });
    } else {
      seen.add(record.documentId);
      documents.push({
        documentId: record.documentId,
        title: item.title.trim(),
        fileName: record.fileName,
        sha256: record.sha256,
        size: record.size,
      });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return documents;
}

function checkedExpiry(expiresAt: string | undefined, now: Date): string {
  if (expiresAt === undefined) return new Date(now.getTime() + SIGNING_RULES.defaultLifetimeMs).toISOString();
  const at = Date.parse(expiresAt);
  if (!(at > now.getTime() + 60_000) || at > now.getTime() + SIGNING_RULES.maxLifetimeMs) {
    throw validationFailed([
      {
        field: 'expiresAt',
        code: 'expires_at_range',
        message: `must be in the future, at most ${SIGNING_RULES.maxLifetimeMs / DAY_MS} days ahead`,
      },
    ]);
  }
  return new Date(at).toISOString();
}

/** Stores the forms people type in their normal form; fills a legal entity's name from the registry. */
async function normalizedSigner(deps: SigningDeps, signer: SignerDetails): Promise<SignerDetails> {
  const normalized: SignerDetails = {
    type: signer.type,
    fullName: normalizeFullName(signer.fullName),
    inn: signer.inn,
    phone: normalizeRussianMobile(signer.phone) ?? signer.phone,
  };
  if (signer.ogrn) normalized.ogrn = signer.ogrn;
  if (signer.email) normalized.email = signer.email.trim();
  let companyName = signer.companyName?.trim();
  if (!companyName && (signer.type === 'legal_entity' || signer.type === 'sole_proprietor')) {
    companyName = (await deps.companies.findByInn(signer.inn).catch(() => null))?.name;
  }
  if (companyName) normalized.companyName = companyName;
  return normalized;
}

/** A UUID (version 8: custom, from SHA-256) determined by the caller's idempotency scope and key. */
export function uuidFromKey(scope: string, key: string): string {
  const bytes = createHash('sha256').update(`create-process\n${scope}\n${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The answer of the creation that a key's first try made, when its process is this request's: the
 * same caller created it with the same kind, title, documents and signer. `null` for anything else
 * (then the 409 stands). A process id derived from the caller and the key names no one else's.
 */
async function earlierCreation(
  deps: SigningDeps,
  processId: string,
  caller: AuthUser,
  dto: CreateSigningProcessDto,
): Promise<CommandAnswer | null> {
  const { events } = await deps.handler.load(processId);
  const first = events[0];
  if (!first || first.type !== 'SigningProcessCreated') return null;
  const created = parseSigningEvent(first);
  if (created.type !== 'SigningProcessCreated') return null;
  const data = created.data;
  const same =
    data.manager.id === caller.id &&
    data.kind === dto.kind &&
    data.title === dto.title.trim() &&
    data.documents.map((d) => `${d.documentId} ${d.title}`).join('\n') ===
      dto.documents.map((d) => `${d.documentId} ${d.title}`).join('\n') &&
    data.signer.inn === dto.signer.inn &&
    (data.externalId ?? null) === (dto.externalId?.trim() ?? null);
  if (!same) throw unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body');
  return { processId, revision: first.revision, position: first.position };
}
