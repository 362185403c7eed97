import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '@e-contract/platform/config';
import { signingStreamName } from '@e-contract/contracts';
import { startSystem, type RunningSystem, type SystemOptions } from '../system.js';
import { answerMismatches } from '../openapi/document-validator.js';

/** Starts the whole command side on a free loopback port over a fresh data directory (integration specs). */
export interface TestSystem {
  running: RunningSystem;
  dataDir: string;
  call: (method: string, path: string, options?: CallOptions) => Promise<ApiAnswer>;
  stop: () => Promise<void>;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- specs read answers field by field
}

export const DEMO_PASSWORD = 'integration-demo-password';

const REAL_STDOUT_WRITE = process.stdout.write.bind(process.stdout);
let mutes = 0;

/**
 * Silences stdout until every caller has unmuted. Counted, and restored to the write captured at
 * load: a start that outlives its spec's timeout (the next spec starting meanwhile) cannot leave
 * the reporter muted for good.
 */
function muteStdout(): () => void {
  if (mutes++ === 0) process.stdout.write = (() => true) as typeof process.stdout.write;
  let unmuted = false;
  return () => {
    if (unmuted) return;
    unmuted = true;
    if (--mutes === 0) process.stdout.write = REAL_STDOUT_WRITE;
  };
}

export async function startTestSystem(env: Record<string, string> = {}, options: SystemOptions = {}): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e-contract-it-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DEMO_PASSWORD, LOG_LEVEL: 'silent', ...env });
  const silent = pino({ level: 'silent' });
  let running: RunningSystem;
  const unmute = muteStdout(); // the one-time demo banner
  try {
    running = await startSystem(config, silent, options);
  } finally {
    unmute();
  }
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${running.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    holdToDocument(method, path, response, parsed);
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    running,
    dataDir,
    call,
    stop: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * API.md, "API description": an answer the server gives matches the document's schema for that
 * path, method and status. Every answer the kits receive is checked; a mismatch fails the spec
 * that made the call (an expectation, so the spec's own checks still run and report too).
 */
function holdToDocument(method: string, path: string, response: Response, body: unknown): void {
  const mismatches = answerMismatches(method, path, response.status, response.headers.get('content-type'), body);
  if (mismatches.length === 0) return;
  if (typeof expect === 'function') expect(mismatches).withContext(`the answer of ${method} ${path} per /api/openapi.json`).toEqual([]);
  else throw new Error(`the answer of ${method} ${path} does not match /api/openapi.json: ${mismatches.join('; ')}`);
}

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** The GPH contractor persona of the sandbox (see registries/README-fixtures.md). */
export const CONTRACTOR = { fullName: 'Морозов Сергей Николаевич', inn: '770512345019', snils: '112-233-445 95', confirmed: true };
export const OTHER_PERSON = { fullName: 'Новикова Елена Викторовна', inn: '500198765480', confirmed: true };

export async function login(system: TestSystem, loginName: string): Promise<string> {
  const answer = await system.call('POST', '/api/auth/login', { json: { login: loginName, password: DEMO_PASSWORD } });
  if (answer.status !== 200) throw new Error(`login ${loginName}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
}

export async function uploadPdf(
  system: TestSystem,
  token: string,
  bytes: Uint8Array = MINIMAL_PDF,
): Promise<{ documentId: string; sha256: string }> {
  const answer = await system.call('POST', '/api/documents', {
    token,
    body: bytes,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Договор.pdf') },
  });
  if (answer.status !== 201) throw new Error(`upload: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const requestBody = (documentId: string, signer: Record<string, unknown> = {}) => ({
  kind: 'contract',
  title: 'Договор ГПХ № 42',
  documents: [{ documentId, title: 'Договор' }],
  signer: { type: 'individual', fullName: CONTRACTOR.fullName, inn: CONTRACTOR.inn, phone: '+7 900 123-45-67', ...signer },
});

/** Creates a process and opens the signer's session from the outbox's invitation. */
export async function createAndOpen(system: TestSystem, managerToken: string, signer: Record<string, unknown> = {}) {
  const { documentId, sha256 } = await uploadPdf(system, managerToken);
  const created = await system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody(documentId, signer) });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const processId = created.body.processId as string;
  const phone = String(signer['phone'] ?? '+79001234567').replace(/[^\d+]/g, '');
  const invitation = { inviteToken: await invitationFor(system, phone, processId) };
  await invitationRecorded(system, processId);
  const session = await system.call('POST', '/api/signer/session', { json: { inviteToken: invitation?.inviteToken } });
  if (session.status !== 200 || session.body.processId !== processId)
    throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  return { processId, documentId, sha256, signerToken: session.body.token as string, inviteToken: invitation.inviteToken, created };
}

/**
 * The invitation reactor sends invitations off the request path: wait (up to 5 s) for the newest
 * invitation of the process in the dev outbox, other than `notToken`.
 */
export async function invitationFor(system: TestSystem, phone: string, processId: string, notToken?: string): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const outbox = await system.call('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
    // A token names no process (it is 32 characters): the session it opens does.
    const candidates = (outbox.body as { kind: string; inviteToken?: string }[]).filter(
      (m) => m.kind === 'invitation' && m.inviteToken && m.inviteToken !== notToken,
    );
    for (const { inviteToken } of candidates) {
      const session = await system.call('POST', '/api/signer/session', { json: { inviteToken } });
      if (session.status === 200 && session.body.processId === processId) return inviteToken!;
    }
    if (Date.now() > deadline) throw new Error(`no invitation for ${processId} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the invitation reactor has recorded `SignerInvited`, so that nothing appends behind a spec's back. */
export async function invitationRecorded(system: TestSystem, processId: string): Promise<void> {
  await factRecorded(system, processId, 'SignerInvited');
}

/** Waits (up to 5 s) until the process stream holds a fact of `type` — one the system records by itself. */
export async function factRecorded(system: TestSystem, processId: string, type: string): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const events = await system.running.eventStore.readStream(signingStreamName(processId));
    if (events.some((event) => event.type === type)) return;
    if (Date.now() > deadline) throw new Error(`no ${type} for ${processId}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function identify(system: TestSystem, processId: string, signerToken: string, person: object = CONTRACTOR) {
  const started = await system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken });
  if (started.status !== 200) throw new Error(`identification: ${started.status} ${JSON.stringify(started.body)}`);
  const completed = await system.call('POST', `/sandbox/esia/${encodeURIComponent(started.body.requestId)}/complete`, { json: { person } });
  return { started, completed };
}

export async function latestCode(system: TestSystem, phone = '+79001234567'): Promise<string> {
  const outbox = await system.call('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
  const message = (outbox.body as { kind: string; code?: string }[]).find((m) => m.kind === 'signature_code');
  if (!message?.code) throw new Error('no code in the outbox');
  return message.code;
}

/** Walks a process up to the moment a code was sent. */
export async function untilCodeSent(system: TestSystem, managerToken: string) {
  const opened = await createAndOpen(system, managerToken);
  await identify(system, opened.processId, opened.signerToken);
  const edo = await system.call('GET', '/api/edo-agreement', { token: opened.signerToken });
  await system.call('POST', `/api/signing-processes/${opened.processId}/edo-agreement/acceptance`, {
    token: opened.signerToken,
    json: { agreementVersion: edo.body.version },
  });
  const code = await system.call('POST', `/api/signing-processes/${opened.processId}/signature-code`, { token: opened.signerToken });
  if (code.status !== 202) throw new Error(`code: ${code.status} ${JSON.stringify(code.body)}`);
  return { ...opened, edo: edo.body as { version: string; sha256: string } };
}

/** An admin creates an integration (API.md, "Integrations"); answers its id and its key, shown this once. */
export async function createIntegration(
  system: TestSystem,
  adminToken: string,
  body: { name?: string; branchId?: string; allowedOrigins?: string[]; expiresAt?: string } = {},
): Promise<{ integrationId: string; apiKey: string }> {
  const answer = await system.call('POST', '/api/admin/integrations', {
    token: adminToken,
    json: { name: 'CRM «Продажи»', branchId: 'msk', ...body },
  });
  if (answer.status !== 201) throw new Error(`integration: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { integrationId: answer.body.integrationId as string, apiKey: answer.body.apiKey as string };
}
