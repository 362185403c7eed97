import {
  CONTRACTOR,
  MINIMAL_PDF,
  OTHER_PERSON,
  createAndOpen,
  identify,
  login,
  requestBody,
  startTestSystem,
  uploadPdf,
  type TestSystem,
} from './api-test-kit.js';

/**
 * A signer's reach across processes (API.md, "Authentication and roles"): before identification
 * their own process only; after it, the same person's other processes — the deals and their
 * documents — and still nobody else's.
 */
describe("integration: a signer's reach to the same person's other processes", () => {
  let system: TestSystem;
  let managerToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  }, 30_000);
  afterAll(async () => system.stop());

  /** A process with its own document (distinct bytes, so a distinct documentId) for `signer`. */
  async function processWithOwnDocument(marker: string, signer: Record<string, unknown> = {}) {
    const { documentId } = await uploadPdf(system, managerToken, Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${marker}\n`)]));
    const created = await system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody(documentId, signer) });
    expect(created.status).toBe(201);
    return { processId: created.body.processId as string, documentId };
  }

  async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("reads the same person's other deal and its document only after identification", async () => {
    const own = await createAndOpen(system, managerToken);
    const samePerson = await processWithOwnDocument('same person');
    const otherPerson = await processWithOwnDocument('other person', { fullName: OTHER_PERSON.fullName, inn: OTHER_PERSON.inn });
    const read = (path: string) => system.call('GET', path, { token: own.signerToken });

    expect((await read(`/api/documents/${samePerson.documentId}`)).status).toBe(403);
    expect((await read(`/api/deals/${samePerson.processId}`)).status).toBe(404);

    await identify(system, own.processId, own.signerToken, CONTRACTOR);
    await eventually(async () => (await read(`/api/deals/${samePerson.processId}`)).status === 200, "the other deal in the signer's reach");

    const document = await read(`/api/documents/${samePerson.documentId}`);
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/pdf');
    expect((await read(`/api/documents/${own.documentId}`)).status).toBe(200);
    expect((await read(`/api/documents/${otherPerson.documentId}`)).status).toBe(403);
    expect((await read(`/api/deals/${otherPerson.processId}`)).status).toBe(404);
  }, 30_000);
});
