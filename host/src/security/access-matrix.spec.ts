import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnsecuredJWT } from 'jose';
import { TokenService } from '@e-contract/platform/auth';
import {
  CONTRACTOR,
  DEMO_PASSWORD,
  MINIMAL_PDF,
  OTHER_PERSON,
  createAndOpen,
  identify,
  login,
  startTestSystem,
  type TestSystem,
} from '../integration/api-test-kit.js';
import { ACCESS_TABLE, CALLERS, NOT_API_ROUTES, expectedFor, type Caller, type RouteAccess } from './access-table.js';
import { registeredRoutes } from './route-walk.js';

/** The resources one row of the matrix acts on. */
interface World {
  /** A process of the manager's branch, its signer not identified; the signer's session is `signerBefore`. */
  pre: { processId: string; documentId: string; signerToken: string; inviteToken: string };
  /** A process whose signer is identified: `signerAfter` acts on it. */
  identified: { processId: string; documentId: string; signerToken: string };
  /** A webhook of `integration`; an integration to delete. */
  webhookId: string;
  integrationId: string;
  /** A batch of the manager's. */
  batchId: string;
}

interface Cell {
  route: string;
  caller: Caller;
  expected: string;
  got: number;
}

/**
 * Issue 12, point 2: every route of the running system × every kind of caller, each answer held to
 * ACCESS_TABLE — a cell wrongly allowed or wrongly refused fails the spec, and so does a route the
 * table does not name or a row no route serves.
 */
describe('the access matrix', () => {
  let system: TestSystem;
  const tokens = new Map<Caller, string | null>();
  let integrationKey: string;
  let adminToken: string;
  let managerToken: string;
  let otherSignerToken: string;
  const cells: Cell[] = [];

  async function newWorld(): Promise<World> {
    const pre = await createAndOpen(system, managerToken, { ...OTHER_PERSON, type: 'individual', phone: '+79005550101' });
    const identified = await createAndOpen(system, managerToken, { ...CONTRACTOR, type: 'individual', phone: '+79005550102' });
    await identify(system, identified.processId, identified.signerToken);
    const webhook = await system.call('POST', '/api/webhooks', {
      token: integrationKey,
      json: { url: 'http://127.0.0.1:9/hooks', events: ['*'] },
    });
    const target = await system.call('POST', '/api/admin/integrations', {
      token: adminToken,
      json: { name: 'Удаляемая', branchId: 'msk' },
    });
    const batch = await system.call('POST', '/api/signing-processes/batch', {
      token: managerToken,
      json: { items: [{ kind: 'act', title: 'Акт', documents: [{ documentId: pre.documentId, title: 'Акт' }], signer: {} }] },
    });
    return {
      batchId: batch.body.batchId as string,
      pre: { processId: pre.processId, documentId: pre.documentId, signerToken: pre.signerToken, inviteToken: pre.inviteToken },
      identified: { processId: identified.processId, documentId: identified.documentId, signerToken: identified.signerToken },
      webhookId: webhook.body.webhookId as string,
      integrationId: target.body.integrationId as string,
    };
  }

  /** The path with its parameters filled in for this caller: `signerAfter` acts on its own identified process. */
  function pathFor(route: RouteAccess, caller: Caller, world: World): string {
    const process = caller === 'signerAfter' ? world.identified : world.pre;
    return route.path
      .replace(':documentId', process.documentId)
      .replace(':requestId', 'unknown-request')
      .replace(':batchId', world.batchId)
      .replace(':inn', '7707083893')
      .replace(':name', 'stats')
      .replace(
        ':id',
        route.path.startsWith('/api/webhooks')
          ? world.webhookId
          : route.path.startsWith('/api/admin/integrations')
            ? world.integrationId
            : process.processId,
      );
  }

  /** A body that would pass validation where the route needs one, so that only access decides. */
  function bodyFor(
    route: RouteAccess,
    caller: Caller,
    world: World,
  ): { json?: unknown; body?: Uint8Array; headers?: Record<string, string> } {
    switch (`${route.method} ${route.path}`) {
      case 'POST /api/documents':
        return { body: MINIMAL_PDF, headers: { 'content-type': 'application/pdf' } };
      case 'POST /api/auth/login':
        return { json: { login: 'auditor', password: DEMO_PASSWORD } };
      case 'POST /api/embed/session':
        return { json: { embedToken: 'not-an-embed-token' } };
      case 'POST /api/signer/session':
        return { json: { inviteToken: world.pre.inviteToken } };
      case 'POST /api/signing-processes':
        return {
          json: {
            kind: 'act',
            title: 'Акт',
            documents: [{ documentId: world.pre.documentId, title: 'Акт' }],
            signer: { type: 'individual', fullName: OTHER_PERSON.fullName, inn: OTHER_PERSON.inn, phone: '+79005550103' },
          },
        };
      case 'POST /api/signing-processes/batch':
        return {
          json: { items: [{ kind: 'act', title: 'Акт', documents: [{ documentId: world.pre.documentId, title: 'Акт' }], signer: {} }] },
        };
      case 'POST /api/signing-processes/:id/cancel':
      case 'POST /api/signing-processes/:id/decline':
        return { json: { reason: 'Проверка прав доступа' } };
      case 'POST /api/signing-processes/:id/signature':
        return { json: { code: '000000' } };
      case 'POST /api/signing-processes/:id/edo-agreement/acceptance':
        return { json: { agreementVersion: 'x' } };
      case 'POST /api/admin/integrations':
        return { json: { name: 'Ещё одна', branchId: 'msk' } };
      case 'POST /api/webhooks':
        return {
          json: { url: 'http://127.0.0.1:9/hooks', events: ['*'], ...(caller === 'admin' ? { integrationId: world.integrationId } : {}) },
        };
      case 'POST /api/webhooks/:id/replay':
        return { json: { after: '0' } };
      case 'POST /sandbox/esia/:requestId/complete':
        return { json: { person: CONTRACTOR } };
      default:
        return route.method === 'POST' ? { json: {} } : {};
    }
  }

  /** Sends one cell's request; a stream is cut off once its status is known. */
  async function status(method: string, path: string, caller: Caller, request: ReturnType<typeof bodyFor>): Promise<number> {
    const headers: Record<string, string> = { ...request.headers };
    const token = tokens.get(caller);
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | Uint8Array | undefined = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] = 'application/json';
    }
    const abort = new AbortController();
    const response = await fetch(`${system.running.url}${path}`, { method, headers, signal: abort.signal, ...(body ? { body } : {}) });
    if (response.headers.get('content-type')?.includes('text/event-stream')) abort.abort();
    else await response.arrayBuffer();
    return response.status;
  }

  beforeAll(async () => {
    system = await startTestSystem();
    adminToken = await login(system, 'admin');
    managerToken = await login(system, 'manager');
    const { JWT_SECRET: secret } = JSON.parse(readFileSync(join(system.dataDir, 'secrets.json'), 'utf8')) as { JWT_SECRET: string };
    const adminUser = { id: 'admin', name: 'Администратор', role: 'admin' as const };
    const key = async (name: string, branchId: string) =>
      (await system.call('POST', '/api/admin/integrations', { token: adminToken, json: { name, branchId } })).body as {
        integrationId: string;
        apiKey: string;
      };
    const own = await key('CRM Москва', 'msk');
    const other = await key('CRM Петербург', 'spb');
    const revoked = await key('Отозванная', 'msk');
    await system.call('DELETE', `/api/admin/integrations/${revoked.integrationId}`, { token: adminToken });
    integrationKey = own.apiKey;
    const otherProcess = await createAndOpen(system, await login(system, 'manager'), {
      ...OTHER_PERSON,
      type: 'individual',
      phone: '+79005550199',
    });
    otherSignerToken = otherProcess.signerToken;

    tokens.set('anonymous', null);
    tokens.set(
      'expiredToken',
      await new TokenService({ secret, now: () => new Date(Date.now() - 9 * 3_600_000) }).issueEmployeeToken(adminUser),
    );
    tokens.set(
      'foreignKeyToken',
      await new TokenService({ secret: 'another-service-secret-of-32-characters!' }).issueEmployeeToken(adminUser),
    );
    tokens.set(
      'algNoneToken',
      new UnsecuredJWT({ role: 'admin', name: 'Администратор' })
        .setSubject('admin')
        .setIssuer('e-contract')
        .setAudience('e-contract-api')
        .setIssuedAt()
        .setExpirationTime('1h')
        .encode(),
    );
    tokens.set('revokedIntegration', revoked.apiKey);
    tokens.set('manager', managerToken);
    tokens.set('otherBranchManager', await login(system, 'manager2'));
    tokens.set('auditor', await login(system, 'auditor'));
    tokens.set('admin', adminToken);
    tokens.set('otherSigner', otherSignerToken);
    tokens.set('integration', own.apiKey);
    tokens.set('otherBranchIntegration', other.apiKey);

    let shared: World | null = null;
    for (const route of ACCESS_TABLE) {
      // A command may change what it acts on (a cancel, a delete): the refusals of a command row
      // share resources of their own, and each caller it allows acts on fresh ones.
      const reads = route.method === 'GET';
      const refusals = reads ? (shared ??= await newWorld()) : await newWorld();
      for (const caller of CALLERS) {
        const allowed = expectedFor(route, caller).kind === 'allowed';
        const world = reads || !allowed || route.may === 'public' ? refusals : await newWorld();
        tokens.set('signerBefore', world.pre.signerToken);
        tokens.set('signerAfter', world.identified.signerToken);
        const expected = expectedFor(route, caller);
        const got = await status(route.method, pathFor(route, caller, world), caller, bodyFor(route, caller, world));
        const right =
          expected.kind === 'allowed'
            ? ![401, 403].includes(got) && !(got === 404 && route.foreign?.status === 404)
            : got === expected.status;
        cells.push({
          route: `${route.method} ${route.path}`,
          caller,
          expected: expected.kind === 'allowed' ? 'allowed' : String(expected.status),
          got: right ? -1 : got,
        });
      }
    }
  }, 240_000);
  afterAll(() => system?.stop());

  it('calls every route as every caller', () => {
    expect(cells.length).toBe(ACCESS_TABLE.length * CALLERS.length);
  });

  it('allows exactly whom the table allows and refuses the rest with the status it names', () => {
    const wrong = cells.filter((cell) => cell.got !== -1).map((c) => `${c.route} as ${c.caller}: expected ${c.expected}, got ${c.got}`);
    expect(wrong).toEqual([]);
  });

  it('has a row for every route the system serves, and serves every row', () => {
    const served = registeredRoutes(system.running.app).filter((route) => !NOT_API_ROUTES.includes(route));
    const rows = ACCESS_TABLE.map((row) => `${row.method} ${row.path}`).sort();
    expect(served.filter((route) => !rows.includes(route)))
      .withContext('served without a row')
      .toEqual([]);
    expect(rows.filter((row) => !served.includes(row)))
      .withContext('rows nothing serves')
      .toEqual([]);
  });
});
