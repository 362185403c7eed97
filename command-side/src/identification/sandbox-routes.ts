import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { validate } from 'class-validator';
import { IdentifiedPersonDto, normalizeFullName, toFieldErrors, type FieldError } from '@e-contract/contracts';
import { HttpProblem, jsonBody, validationFailed } from '@e-contract/platform/http';
import type { TestPersona } from '../registries/test-personas.js';
import { CALLBACK_SIGNATURE_HEADER, signCallback } from './callback-signature.js';
import { embedDemoHeaders, renderEmbedDemoPage } from '../embedding/embed-demo-page.js';
import { pageSecurityHeaders, renderBadRequestPage, renderSandboxPage, safeReturnPath } from './sandbox-page.js';

export interface SandboxRoutesOptions {
  /** Absolute URL of `POST /api/identification/callback` (in embedded mode, our own server). */
  callbackUrl: string;
  secret: string;
  personas: readonly TestPersona[];
  /** Where browsers reach the system (the demo page loads the custom element from there). */
  publicUrl?: string;
  fetchImpl?: typeof fetch;
}

const MAX_REQUEST_ID = 200; // as IdentificationCallbackDto accepts
const MAX_REASON = 500;
const CALLBACK_TIMEOUT_MS = 10_000;
const DEFAULT_FAILURE_REASON = 'Идентификация не пройдена (песочница)';

type CallbackBody =
  | { requestId: string; result: 'success'; person: { fullName: string; inn: string; snils?: string; confirmed: boolean } }
  | { requestId: string; result: 'failure'; reason: string };

/**
 * The simulated Gosuslugi of the embedded mode (no authentication: it stands for an outside
 * system). It plays the identification component: it signs the result and calls our own callback
 * endpoint over HTTP, so the callback path is exercised exactly as in production.
 */
export function createSandboxRoutes(options: SandboxRoutesOptions): Router {
  const router = Router();
  const fetchImpl = options.fetchImpl ?? fetch;

  router.get('/sandbox/esia', (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.set(pageSecurityHeaders(nonce)).type('html');
    const requestId = req.query['requestId'];
    if (typeof requestId !== 'string' || requestId === '' || requestId.length > MAX_REQUEST_ID) {
      res
        .status(400)
        .send(renderBadRequestPage(nonce, 'В ссылке нет правильного параметра requestId: начните идентификацию заново из кабинета.'));
      return;
    }
    const returnUrl = safeReturnPath(req.query['returnUrl']);
    res.status(200).send(renderSandboxPage({ nonce, requestId, returnUrl, personas: options.personas }));
  });

  // Another system's page with the signing embedded (docs/integrations.md, "Embedding"): here on the
  // system's own origin, so the integration's allowedOrigins must hold PUBLIC_URL's origin to try it.
  const publicUrl = options.publicUrl;
  if (publicUrl)
    router.get('/sandbox/embed-demo', (req, res) => {
      const nonce = randomBytes(16).toString('base64');
      const embedUrl = typeof req.query['embedUrl'] === 'string' && req.query['embedUrl'].length <= 2000 ? req.query['embedUrl'] : null;
      const systemOrigin = new URL(publicUrl).origin;
      res.set(embedDemoHeaders(nonce, systemOrigin)).type('html').send(renderEmbedDemoPage({ nonce, systemOrigin, embedUrl }));
    });

  // The JSON parser sits on this route only: a router-wide parser would eat the raw body that
  // other routes (the signed callback) need.
  router.post('/sandbox/esia/:requestId/complete', ...jsonBody({ limit: '16kb' }), async (req, res) => {
    const requestId = String(req.params['requestId'] ?? '');
    const callbackBody = await parseCompletion(requestId, req.body as unknown);
    const rawBody = JSON.stringify(callbackBody);

    let answer: globalThis.Response;
    try {
      answer = await fetchImpl(options.callbackUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [CALLBACK_SIGNATURE_HEADER]: signCallback(options.secret, rawBody, Math.floor(Date.now() / 1000)),
        },
        body: rawBody,
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      });
    } catch {
      throw new HttpProblem(502, 'callback-unreachable', 'Bad gateway', 'The identification callback did not answer');
    }

    if (answer.ok) {
      await answer.body?.cancel();
      res.status(200).json({ requestId, result: callbackBody.result, callbackStatus: answer.status });
      return;
    }
    await passThrough(answer, res);
  });

  return router;
}

/** Validates what the page sent and turns it into the callback body an identification component would send. */
async function parseCompletion(requestId: string, body: unknown): Promise<CallbackBody> {
  const errors: FieldError[] = [];
  if (requestId === '' || requestId.length > MAX_REQUEST_ID) {
    errors.push({ field: 'requestId', code: 'length', message: `must be 1 to ${MAX_REQUEST_ID} characters` });
  }
  const plain = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const result = plain['result'] ?? 'success';

  if (result === 'failure') {
    const reason = plain['reason'] ?? DEFAULT_FAILURE_REASON;
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON) {
      errors.push({ field: 'reason', code: 'length', message: `must be a text of 1 to ${MAX_REASON} characters` });
    }
    if (errors.length > 0) throw validationFailed(errors);
    return { requestId, result: 'failure', reason: String(reason).trim() };
  }
  if (result !== 'success') {
    throw validationFailed([...errors, { field: 'result', code: 'isIn', message: 'must be "success" or "failure"' }]);
  }

  const person = IdentifiedPersonDto.fromPlain(plain['person']);
  errors.push(...toFieldErrors(await validate(person), 'person'));
  if (errors.length > 0) throw validationFailed(errors);
  const identified: Extract<CallbackBody, { result: 'success' }>['person'] = {
    fullName: normalizeFullName(person.fullName),
    inn: person.inn,
    confirmed: person.confirmed,
  };
  if (person.snils !== undefined) identified.snils = person.snils;
  return { requestId, result: 'success', person: identified };
}

/** The callback's refusal (409 reused requestId, 401, 400 …) goes back to the page unchanged. */
async function passThrough(answer: globalThis.Response, res: Response): Promise<void> {
  const text = await answer.text();
  res.status(answer.status);
  res.set('Content-Type', answer.headers.get('content-type') ?? 'application/problem+json');
  res.send(text);
}
