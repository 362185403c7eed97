import type { ApiCall } from './http-client.js';

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const SIGNER_PHONE = '+79001234567';
const PERSON = { fullName: 'Морозов Сергей Николаевич', inn: '770512345019', snils: '112-233-445 95', confirmed: true };

/** What the walk hands to the spec at each step, so that it can act in between (kill a replica, …). */
export type WalkStep = 'created' | 'identified' | 'edo-accepted' | 'code-sent' | 'signed';

/**
 * The whole signing, black box over HTTP as a manager and a signer do it (API.md): upload, create,
 * the invitation from the dev outbox, the signer's session, identification through the sandbox,
 * the EDO agreement, the code, the signature. Every answer is checked; `onStep` runs after each step.
 */
export async function signingWalk(
  call: ApiCall,
  credentials: { managerToken: string },
  /** After each step, with the log position of its command's answer (for `X-Min-Position`). */
  onStep: (step: WalkStep, processId: string, position: string) => Promise<void> = async () => undefined,
): Promise<{ processId: string; signerToken: string }> {
  const token = credentials.managerToken;
  const document = expectStatus(
    await call('POST', '/api/documents', { token, body: PDF, headers: { 'content-type': 'application/pdf' } }),
    201,
    'upload',
  );
  const created = expectStatus(
    await call('POST', '/api/signing-processes', {
      token,
      json: {
        kind: 'contract',
        title: 'Договор ГПХ № 9',
        documents: [{ documentId: document.documentId, title: 'Договор' }],
        signer: { type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn, phone: SIGNER_PHONE },
      },
    }),
    201,
    'create',
  );
  const processId = created.processId as string;
  await onStep('created', processId, created.position as string);

  const inviteToken = await eventually('the invitation in the outbox', async () => {
    const outbox = expectStatus(await call('GET', `/api/dev/outbox?to=${encodeURIComponent(SIGNER_PHONE)}`), 200, 'outbox') as Array<{
      kind: string;
      inviteToken?: string;
      link?: string;
    }>;
    return outbox.find((m) => m.kind === 'invitation' && m.link?.includes('/sign/'))?.inviteToken;
  });
  const session = expectStatus(await call('POST', '/api/signer/session', { json: { inviteToken } }), 200, 'signer session');
  if (session.processId !== processId) throw new Error(`the invitation opened ${session.processId}, not ${processId}`);
  const signerToken = session.token as string;

  const started = expectStatus(
    await call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken }),
    200,
    'identification start',
  );
  expectStatus(
    await call('POST', `/sandbox/esia/${encodeURIComponent(started.requestId)}/complete`, { json: { person: PERSON } }),
    200,
    'identification (sandbox)',
  );
  await onStep('identified', processId, started.position as string);

  const edo = expectStatus(await call('GET', '/api/edo-agreement', { token: signerToken }), 200, 'EDO agreement');
  const accepted = expectStatus(
    await call('POST', `/api/signing-processes/${processId}/edo-agreement/acceptance`, {
      token: signerToken,
      json: { agreementVersion: edo.version },
    }),
    200,
    'EDO acceptance',
  );
  await onStep('edo-accepted', processId, accepted.position as string);

  const codeSent = expectStatus(
    await call('POST', `/api/signing-processes/${processId}/signature-code`, { token: signerToken }),
    202,
    'code',
  );
  const code = await eventually('the code in the outbox', async () => {
    const outbox = expectStatus(await call('GET', `/api/dev/outbox?to=${encodeURIComponent(SIGNER_PHONE)}`), 200, 'outbox') as Array<{
      kind: string;
      code?: string;
    }>;
    return outbox.find((m) => m.kind === 'signature_code')?.code;
  });
  await onStep('code-sent', processId, codeSent.position as string);

  const signed = expectStatus(
    await call('POST', `/api/signing-processes/${processId}/signature`, { token: signerToken, json: { code } }),
    200,
    'signature',
  );
  if (signed.status !== 'signed') throw new Error(`signature answered ${JSON.stringify(signed)}`);
  await onStep('signed', processId, signed.position as string);
  return { processId, signerToken };
}

export async function loginAs(call: ApiCall, login: string, password: string): Promise<string> {
  return expectStatus(await call('POST', '/api/auth/login', { json: { login, password } }), 200, `login ${login}`).token as string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
function expectStatus(answer: { status: number; body: any }, status: number, what: string): any {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
