import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import {
  AcceptEdoAgreementDto,
  ReasonDto,
  SIGNING_RULES,
  SubmitSignatureDto,
  maskPhone,
  type DeclineAnswer,
  type EdoAcceptanceAnswer,
  type IdentificationStartedAnswer,
  type SignatureAnswer,
  type SignatureCodeAnswer,
} from '@e-contract/contracts';
import { requireRole } from '@e-contract/platform/auth';
import { idempotency } from '../http/idempotency.js';
import { jsonBody, validated, HttpProblem } from '@e-contract/platform/http';
import { signatureCodeMessage } from './signature-code-message.js';
import { decide } from './decide.js';
import { decisionContext } from './decision-context.js';
import { callerOf, commandAnswer, commandOptions, commandOrigin, ensureOwnProcess, existingProcess } from './route-helpers.js';
import { newSignatureCode, signatureCodeHmac } from './signature-codes.js';
import type { SigningDeps } from './signing-deps.js';

/** The signer's steps on their own process: identify, accept the EDO agreement, get a code, sign, or decline. */
export function createSignerRoutes(deps: SigningDeps): Router {
  const router = Router();
  const asSigner = [requireRole('signer'), ...jsonBody(), idempotency(deps.idempotency, deps.logger, deps.clock)];
  const processIdOf = (req: Request, res: Response): string => {
    const processId = String(req.params['id']);
    ensureOwnProcess(callerOf(res), processId);
    return processId;
  };

  router.post('/api/signing-processes/:id/identification', ...asSigner, async (req, res) => {
    const processId = processIdOf(req, res);
    // The process id leads the request id, so the callback finds its process without a lookup table.
    const requestId = `${processId}.${randomBytes(12).toString('hex')}`;
    const provider = deps.identification.name;
    const outcome = await deps.handler.execute(
      processId,
      commandOrigin(req, res),
      (state) => decide({ type: 'StartIdentification', requestId, provider }, existingProcess(state, processId), decisionContext(deps)),
      commandOptions(req),
    );
    // From an embedded page the identification runs in a window of its own, which ends on a page
    // that says to go back (the frame follows the process itself); otherwise back to the steps.
    const returnPath = callerOf(res).embedded
      ? `/embed/identified`
      : `/cabinet/${processId}?identification=${encodeURIComponent(requestId)}`;
    const redirectUrl = deps.identification.redirectUrl(requestId, returnPath);
    const answer: IdentificationStartedAnswer = commandAnswer(outcome, { requestId, redirectUrl });
    res.json(answer);
  });

  router.post('/api/signing-processes/:id/edo-agreement/acceptance', ...asSigner, async (req, res) => {
    const processId = processIdOf(req, res);
    const { agreementVersion } = await validated(AcceptEdoAgreementDto.fromPlain(req.body));
    const origin = commandOrigin(req, res);
    const outcome = await deps.handler.execute(
      processId,
      origin,
      (state) => decide({ type: 'AcceptEdoAgreement', agreementVersion }, existingProcess(state, processId), decisionContext(deps)),
      commandOptions(req),
    );
    const accepted = outcome.appended.at(-1);
    if (accepted?.type === 'EdoAgreementAccepted') {
      const data = accepted.data as { version: string; sha256: string; personInn: string };
      await deps.edoIndex
        .record(
          data.personInn,
          { processId, revision: outcome.revision, version: data.version, sha256: data.sha256 },
          origin.correlationId,
          accepted.eventId,
        )
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, processId }, 'EDO acceptance not indexed; the person will be asked again'),
        );
    }
    const edo = deps.edoAgreements.current();
    const answer: EdoAcceptanceAnswer = commandAnswer(outcome, { agreementVersion: edo.version, sha256: edo.sha256 });
    res.json(answer);
  });

  router.post('/api/signing-processes/:id/signature-code', ...asSigner, async (req, res) => {
    const processId = processIdOf(req, res);
    const { codeId, code } = newSignatureCode();
    const codeHmac = signatureCodeHmac(deps.secrets.otpSecret, processId, codeId, code);
    let phone = '';
    const outcome = await deps.handler.execute(
      processId,
      commandOrigin(req, res),
      (state) => {
        const process = existingProcess(state, processId);
        phone = process.signer.phone;
        return decide({ type: 'IssueSignatureCode', codeId, codeHmac, destination: maskPhone(phone) }, process, decisionContext(deps));
      },
      commandOptions(req),
    );
    const issued = outcome.appended.at(-1)?.data as { expiresAt: string; destination: string; fingerprint: string };
    // The plain code exists only here, on its way to the SMS gateway: never in an event or a log. A
    // retry of a code request that got through answers it again; its code cannot be sent again (it
    // was never kept): the signer asks for a new one if the first SMS did not come.
    if (!outcome.replayed)
      try {
        await deps.notifier.send(signatureCodeMessage(phone, code, SIGNING_RULES.codeTtlMs / 60_000, issued.fingerprint));
      } catch (error) {
        deps.logger.error({ err: error, processId }, 'the signature code could not be sent');
        throw new HttpProblem(502, 'code-not-sent', 'Code not sent', 'The SMS with the code could not be sent; request a new code');
      }
    const answer: SignatureCodeAnswer = commandAnswer(outcome, {
      channel: 'sms',
      destination: issued.destination,
      expiresAt: issued.expiresAt,
      fingerprint: issued.fingerprint,
    });
    res.status(202).json(answer);
  });

  router.post('/api/signing-processes/:id/signature', ...asSigner, async (req, res) => {
    const processId = processIdOf(req, res);
    const { code } = await validated(SubmitSignatureDto.fromPlain(req.body));
    const outcome = await deps.handler.execute(
      processId,
      commandOrigin(req, res),
      (state) => {
        const process = existingProcess(state, processId);
        const codeHmac = signatureCodeHmac(deps.secrets.otpSecret, processId, process.code?.codeId ?? '', code);
        return decide({ type: 'SubmitSignature', codeHmac }, process, decisionContext(deps));
      },
      commandOptions(req),
    );
    const last = outcome.appended.at(-1);
    if (last?.type === 'SignatureCodeRejected') {
      const { attemptsLeft } = last.data as { attemptsLeft: number };
      throw new HttpProblem(
        422,
        'code-rejected',
        'Wrong code',
        attemptsLeft > 0 ? `Wrong code; ${attemptsLeft} attempt(s) left` : 'Wrong code; this code is used up, request a new one',
        {
          attemptsLeft,
          ...(attemptsLeft === 0 ? { expired: true } : {}),
          ...commandAnswer(outcome),
        },
      );
    }
    const answer: SignatureAnswer = commandAnswer(outcome, { status: 'signed' });
    res.json(answer);
  });

  router.post('/api/signing-processes/:id/decline', ...asSigner, async (req, res) => {
    const processId = processIdOf(req, res);
    const { reason } = await validated(ReasonDto.fromPlain(req.body));
    const outcome = await deps.handler.execute(
      processId,
      commandOrigin(req, res),
      (state) => decide({ type: 'DeclineSigning', reason: reason.trim() }, existingProcess(state, processId), decisionContext(deps)),
      commandOptions(req),
    );
    const answer: DeclineAnswer = commandAnswer(outcome, { status: 'declined' });
    res.json(answer);
  });

  return router;
}
