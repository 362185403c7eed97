import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { edoAgreementOf, StaticEdoAgreementCatalog } from './edo-agreement.js';
import { createEdoAgreementRoutes } from './edo-agreement-routes.js';

const utf8Sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('EDO agreement catalog', () => {
  const catalog = new StaticEdoAgreementCatalog();

  it('ships version 2026-01 as current, hashed over its UTF-8 text', () => {
    const current = catalog.current();
    expect(current.version).toBe('2026-01');
    expect(current.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(current.sha256).toBe(utf8Sha256(current.text));
    expect(catalog.byVersion('2026-01')).toEqual(current);
  });

  it('answers null for an unknown version', () => {
    expect(catalog.byVersion('1999-01')).toBeNull();
    expect(catalog.byVersion('')).toBeNull();
  });

  it('has the text 63-FZ art. 6 and 9 require: equivalence, identification rules, keeping the code secret', () => {
    const { text } = catalog.current();
    expect(text).toContain('об электронном документообороте и использовании простой электронной подписи');
    expect(text).toContain('№ 63-ФЗ');
    expect(text).toContain('частью 2 статьи 6');
    expect(text).toContain('статья 9 Закона № 63-ФЗ');
    expect(text).toContain('равнозначным документу на бумажном носителе');
    expect(text).toContain('ЕСИА');
    expect(text).toContain('5 (пять) минут');
    expect(text).toContain('SHA-256');
    expect(text).toContain('соблюдать конфиденциальность Кода');
    expect(text).toContain('уведомить Компанию');
    expect(text).toContain('№ 152-ФЗ');
    expect(text).toContain('вправе не принимать Соглашение');
  });

  it('makes the last shipped version current unless told otherwise, and refuses an unknown one', () => {
    const older = edoAgreementOf('2025-01', 'old');
    const newer = edoAgreementOf('2026-02', 'new');
    expect(new StaticEdoAgreementCatalog([older, newer]).current().version).toBe('2026-02');
    expect(new StaticEdoAgreementCatalog([older, newer], '2025-01').current().version).toBe('2025-01');
    expect(() => new StaticEdoAgreementCatalog([older], '2030-01')).toThrowError(/2030-01/);
    expect(() => new StaticEdoAgreementCatalog([older, older])).toThrowError(/unique/);
  });
});

describe('EDO agreement routes', () => {
  let server: Server;
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('GET /api/edo-agreement answers {version, sha256, text} of the current version', async () => {
    const catalog = new StaticEdoAgreementCatalog();
    const app = express();
    app.use(createEdoAgreementRoutes(catalog));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/edo-agreement`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { version: string; sha256: string; text: string };
    expect(body).toEqual({ version: '2026-01', sha256: catalog.current().sha256, text: catalog.current().text });
    expect(utf8Sha256(body.text)).toBe(body.sha256);
  });
});
