import express, { Router } from 'express';
import { IdentificationCallbackDto, isUuid, systemActor } from '@e-contract/contracts';
import { CALLBACK_SIGNATURE_HEADER, verifyCallbackSignature } from '../identification/callback-signature.js';
import { originOf, validated, HttpProblem, notFound, unauthorized } from '@e-contract/platform/http';
import { decide } from './decide.js';
import { decisionContext } from './decision-context.js';
import type { DecisionContext } from './signing-commands.js';
import type { SigningDeps } from './signing-deps.js';
import type { ActiveProcess } from './signing-state.js';

/**
 * `POST /api/identification/callback`: the identification component's signed answer. The
 * signature is checked over the raw bytes before anything else is read (401 before 400); the
 * registries are asked before the decision, which then runs on facts only.
 */
export function createIdentificationCallbackRoutes(deps: SigningDeps): Router {
  const router = Router();
  router.post('/api/identification/callback', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyCallbackSignature(
      deps.secrets.identificationCallbackSecret,
      req.get(CALLBACK_SIGNATURE_HEADER),
      raw,
      Math.floor(deps.clock().getTime() / 1000),
    );
    if (!check.ok) throw unauthorized(`The callback signature is not valid: ${check.reason}`);

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON');
    }
    const callback = await validated(IdentificationCallbackDto.fromPlain(body));
    const processId = callback.requestId.split('.')[0] ?? '';
    if (!isUuid(processId)) throw notFound(`No identification request ${callback.requestId}`);
    const { state } = await deps.handler.load(processId);
    if (state.status === 'none') throw notFound(`No identification request ${callback.requestId}`);

    const facts = await lookups(deps, state, callback);
    const origin = originOf(req, res);
    await deps.handler.execute(
      processId,
      {
        actor: systemActor('identification'),
        ip: origin.ip,
        userAgent: origin.userAgent,
        correlationId: origin.correlationId,
        causationId: `identification:${callback.requestId}`,
      },
      (current) =>
        decide(
          {
            type: 'CompleteIdentification',
            requestId: callback.requestId,
            result: callback.result,
            ...(callback.person
              ? { person: { fullName: callback.person.fullName, inn: callback.person.inn, confirmed: callback.person.confirmed } }
              : {}),
            ...(callback.reason ? { reason: callback.reason } : {}),
          },
          current,
          decisionContext(deps, facts),
        ),
    );
    res.status(204).end();
  });
  return router;
}

/** What the identity checks need from the registries, and the person's earlier EDO acceptance. */
async function lookups(deps: SigningDeps, process: ActiveProcess, callback: IdentificationCallbackDto): Promise<Partial<DecisionContext>> {
  if (callback.result !== 'success' || !callback.person) return {};
  const { signer } = process;
  const facts: Partial<DecisionContext> = {};
  if (signer.type === 'legal_entity' || signer.type === 'sole_proprietor')
    facts.registryRecord = await deps.companies.findByInn(signer.inn);
  if (signer.type === 'self_employed') facts.selfEmployed = await deps.npd.isSelfEmployed(signer.inn, deps.clock());
  const edo = deps.edoAgreements.current();
  facts.priorEdoAcceptance = await deps.edoIndex.latest(callback.person.inn, edo.version, edo.sha256);
  return facts;
}
