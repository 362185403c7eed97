import type { Answer, ApiCall } from '../split/http-client.js';
import { PDF } from '../split/signing-walk.js';

/** The signer persona the sandbox identifies (registries' fixtures); each walk has its own phone. */
const PERSON = { fullName: 'Морозов Сергей Николаевич', inn: '770512345019', snils: '112-233-445 95', confirmed: true };

/** A command the server acknowledged: its `Idempotency-Key`, its answer's stream revision and log position. */
export interface Acknowledged {
  processId: string;
  command: string;
  key: string;
  revision: number;
  position: string;
}

/** What the load saw: every acknowledged command, the creations attempted, the signatures acknowledged. */
export class LoadLedger {
  readonly acknowledged: Acknowledged[] = [];
  /** Idempotency-Keys of the creations sent (acknowledged or not): no more processes than these may exist. */
  readonly createKeys = new Set<string>();
  readonly signed = new Set<string>();
  /** Requests that failed for want of a server (killed, starting): retried. */
  retries = 0;
  /** Commands sent again after their answer, as a client that lost it would: how many, and those answered otherwise. */
  resent = 0;
  readonly resentAnsweredOtherwise: string[] = [];

  acknowledge(processId: string, command: string, key: string, answer: Answer): void {
    const { revision, position } = answer.body as { revision: number; position: string };
    this.acknowledged.push({ processId, command, key, revision, position });
  }

  get processes(): string[] {
    return [...new Set(this.acknowledged.map((a) => a.processId))];
  }
}

export class Abandoned extends Error {}

/**
 * Sends one request until the server answers with something other than a refusal that a retry may
 * get past (no connection, 502, 503, 504): a kill or a restart in between is ridden out. Gives up
 * (`Abandoned`) once `running()` says the load is over.
 */
export async function untilAnswered(ledger: LoadLedger, running: () => boolean, send: () => Promise<Answer>): Promise<Answer> {
  for (;;) {
    if (!running()) throw new Abandoned('the load ended');
    try {
      const answer = await send();
      if (![502, 503, 504].includes(answer.status)) return answer;
    } catch {
      // the server is down or restarting
    }
    ledger.retries += 1;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

function expect(answer: Answer, statuses: number[], what: string): Answer {
  if (!statuses.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

async function poll<T>(running: () => boolean, probe: () => Promise<T | undefined>, withinMs = Infinity): Promise<T | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!running()) throw new Abandoned('the load ended');
    if (Date.now() > deadline) return undefined;
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // down for a moment
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface WalkContext {
  call: ApiCall;
  managerToken: string;
  ledger: LoadLedger;
  running: () => boolean;
  /** Names this walk's keys and phone. */
  walkId: string;
  phone: string;
  /** Only create (and let the reactors invite), or sign all the way. */
  signAll: boolean;
  /**
   * Send each command once more after its answer, with the same key and body (a client whose
   * answer was lost): the same answer must come back, and nothing be appended.
   */
  resend: boolean;
}

/**
 * One signing request as a manager and a signer make it, every command with an `Idempotency-Key`
 * and re-sent with the same key until answered, so that kills in between change nothing the load
 * can see but time. Records each acknowledged command in the ledger. Each command also sends its
 * key as `X-Correlation-Id`, so that the facts it appended name it in the trail: a retry that
 * appended again would show as two facts of one key.
 */
export async function loadWalk(context: WalkContext): Promise<void> {
  const { call, managerToken: token, ledger, running, walkId, phone } = context;
  const send = (what: string, statuses: number[], request: () => Promise<Answer>) =>
    untilAnswered(ledger, running, request).then((answer) => expect(answer, statuses, what));
  /** A command with an `Idempotency-Key`: sent, and with `resend` sent again and compared. */
  const keyed = async (what: string, statuses: number[], request: () => Promise<Answer>) => {
    const answer = await send(what, statuses, request);
    if (context.resend) {
      const again = await untilAnswered(ledger, running, request);
      ledger.resent += 1;
      if (again.status !== answer.status || JSON.stringify(again.body) !== JSON.stringify(answer.body)) {
        ledger.resentAnsweredOtherwise.push(
          `${what} of ${walkId}: ${answer.status} ${JSON.stringify(answer.body)}, then ${again.status} ${JSON.stringify(again.body)}`,
        );
      }
    }
    return answer;
  };

  const document = await send('upload', [201], () =>
    call('POST', '/api/documents', { token, body: PDF, headers: { 'content-type': 'application/pdf' } }),
  );
  const createKey = `create-${walkId}`;
  ledger.createKeys.add(createKey);
  const created = await keyed('create', [201], () =>
    call('POST', '/api/signing-processes', {
      token,
      headers: { 'idempotency-key': createKey, 'x-correlation-id': createKey },
      json: {
        kind: 'act',
        title: `Акт ${walkId}`,
        documents: [{ documentId: document.body.documentId, title: 'Акт' }],
        signer: { type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn, phone },
      },
    }),
  );
  const processId = created.body.processId as string;
  ledger.acknowledge(processId, 'create', createKey, created);
  if (!context.signAll) return;

  const outbox = (kind: string) =>
    poll(running, async () => {
      const answer = await call('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
      const messages = answer.status === 200 ? (answer.body as { kind: string; inviteToken?: string; code?: string }[]) : [];
      return messages.find((message) => message.kind === kind);
    });
  const invitation = (await outbox('invitation'))!;
  const session = await send('signer session', [200], () =>
    call('POST', '/api/signer/session', { json: { inviteToken: invitation.inviteToken } }),
  );
  const signer = session.body.token as string;
  const keyOf = (name: string) => `${name}-${walkId}`;
  const command = (name: string, path: string, statuses: number[], key: string, json?: unknown) =>
    keyed(name, statuses, () =>
      call('POST', `/api/signing-processes/${processId}${path}`, {
        token: signer,
        headers: { 'idempotency-key': keyOf(key), 'x-correlation-id': keyOf(key) },
        ...(json === undefined ? {} : { json }),
      }),
    );

  const started = await command('identification', '/identification', [200], 'identify');
  ledger.acknowledge(processId, 'identification', keyOf('identify'), started);
  // 409: the callback of an earlier try got through before a kill.
  await send('sandbox', [200, 409], () =>
    call('POST', `/sandbox/esia/${encodeURIComponent(started.body.requestId as string)}/complete`, { json: { person: PERSON } }),
  );
  const status = await poll(running, async () => {
    const deal = await call('GET', `/api/deals/${processId}`, { token: signer });
    return deal.status === 200 && ['identified', 'edo_accepted'].includes(deal.body.status as string)
      ? (deal.body.status as string)
      : undefined;
  });
  if (status === undefined) throw new Abandoned('no identification');
  if (status === 'identified') {
    const edo = await send('EDO agreement', [200], () => call('GET', '/api/edo-agreement', { token: signer }));
    // 409: accepted already (this person accepted it in an earlier process: reused).
    const accepted = await command('EDO acceptance', '/edo-agreement/acceptance', [200, 409], 'edo', {
      agreementVersion: edo.body.version,
    });
    if (accepted.status === 200) ledger.acknowledge(processId, 'edo', keyOf('edo'), accepted);
  }

  for (let round = 1; round <= 3; round++) {
    const issued = await command('code', '/signature-code', [202], `code-${round}`);
    ledger.acknowledge(processId, 'code', keyOf(`code-${round}`), issued);
    // A code request whose first try got through before a kill is answered again without an SMS
    // (the code was never kept): after a few seconds, ask for a new one.
    const message = await poll(
      running,
      async () => {
        const answer = await call('GET', `/api/dev/outbox?to=${encodeURIComponent(phone)}`);
        const codes = (answer.body as { kind: string; code?: string; text: string; sentAt: string }[]).filter(
          (m) => m.kind === 'signature_code' && Date.parse(m.sentAt) >= Date.parse(issued.body.expiresAt as string) - 5 * 60_000 - 1_000,
        );
        return codes.find((m) => m.text.includes(issued.body.fingerprint as string));
      },
      3_000,
    );
    if (!message) continue;
    const signature = await command('signature', '/signature', [200, 422], `sign-${round}`, { code: message.code });
    if (signature.status === 200) {
      ledger.acknowledge(processId, 'signature', keyOf(`sign-${round}`), signature);
      ledger.signed.add(processId);
      return;
    }
  }
  throw new Error(`${processId}: three codes and no signature`);
}
