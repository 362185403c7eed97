import { createDealThroughApi } from './api.js';
import { snap } from './browser.js';
import { browserSuite } from './browser-suite.js';

const SIGNER = {
  type: 'individual' as const,
  fullName: 'Новикова Елена Викторовна',
  inn: '500198765480',
  phone: '+79005550177',
  email: 'novikova@example.ru',
};

async function tokenOf(baseUrl: string, password: string, login: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function post(baseUrl: string, path: string, token: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Erased personal data as people see it (API.md, "Operations": erasure): a cancelled request whose
 * signer an admin erased (retention period 0 for this system) shows «удалено» where the signer's
 * name, INN, phone and e-mail were — on the auditor's trail, with the erasure as a fact of it, and on
 * the manager's deal page — and nowhere the person's name.
 */
describe('erased personal data, read in the browser', () => {
  const suite = browserSuite({ env: { PERSONAL_DATA_RETENTION_DAYS: '0' } });
  const title = 'Договор оказания услуг № 12-У';
  let processId = '';

  beforeAll(async () => {
    const { baseUrl, password } = suite.system;
    processId = await createDealThroughApi(baseUrl, password, title, SIGNER);
    const manager = await tokenOf(baseUrl, password, 'manager');
    expect((await post(baseUrl, `/api/signing-processes/${processId}/cancel`, manager, { reason: 'Услуги не понадобились' })).status).toBe(
      200,
    );
    const admin = await tokenOf(baseUrl, password, 'admin');
    const erased = await post(baseUrl, '/api/admin/persons/erasure', admin, {
      inn: SIGNER.inn,
      reason: 'Отзыв согласия на обработку персональных данных',
    });
    expect(erased.status).toBe(202);
    // The deals read model masks the fields a moment after the fact.
    for (const deadline = Date.now() + 10_000; ;) {
      const res = await fetch(`${baseUrl}/api/deals/${processId}`, { headers: { authorization: `Bearer ${manager}` } });
      const deal = (await res.json()) as { signer: { fullName: unknown } };
      if (JSON.stringify(deal.signer.fullName) === '{"erased":true}') break;
      if (Date.now() > deadline) throw new Error('the deal still shows the erased signer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('shows «удалено» on the trail, with the erasure among the facts', async () => {
    const auditor = await suite.newPage('erasure-auditor', 'desktop');
    await suite.signIn(auditor, 'auditor');
    await auditor.waitForURL(/\/deals$/);
    await auditor.goto(`${suite.system.baseUrl}/deals/${processId}/trail`);
    await auditor.getByRole('heading', { name: 'Персональные данные удалены' }).waitFor();
    for (const details of await auditor.locator('details.fact__data').all()) await details.evaluate((el) => el.setAttribute('open', ''));
    const text = (await auditor.locator('main').textContent()) ?? '';
    expect(text).toContain('удалено');
    expect(text).toContain('Отзыв согласия на обработку персональных данных');
    for (const personal of [SIGNER.fullName, SIGNER.inn, '79005550177', SIGNER.email]) expect(text).not.toContain(personal);
    expect(text).not.toContain('[object Object]');
    await snap(auditor, '80-auditor-trail-erased');
  });

  it("shows «удалено» for the signer on the manager's deal page and the board", async () => {
    const manager = await suite.newPage('erasure-manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    const row = manager.locator('tr', { hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('удалено');
    await manager.goto(`${suite.system.baseUrl}/deals/${processId}`);
    await manager.getByRole('heading', { name: title }).waitFor();
    const text = (await manager.locator('main').textContent()) ?? '';
    expect(text.match(/удалено/g)?.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain(SIGNER.fullName);
    expect(text).not.toContain('[object Object]');
    await snap(manager, '81-manager-deal-erased');
  });
});
