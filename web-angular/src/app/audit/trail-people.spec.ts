import { MANAGER, deal } from '@e-contract/contracts/testing';
import { trailPerson } from './trail-people';

describe('trailPerson', () => {
  const theDeal = deal({ processId: 'p1' });

  it("names the deal's manager and the signer, with their roles", () => {
    expect(trailPerson(MANAGER, theDeal)).toEqual({ name: theDeal.manager.name, role: 'Менеджер' });
    expect(trailPerson({ id: 'signer:p1', role: 'signer' }, theDeal)).toEqual({ name: theDeal.signer.fullName, role: 'Подписант' });
  });

  it("names the system's parts in Russian words", () => {
    expect(trailPerson({ id: 'system:identification', role: 'system' }, theDeal)).toEqual({
      name: 'Сервис идентификации',
      role: 'Система',
    });
    expect(trailPerson({ id: 'system:archive', role: 'system' }, null).name).toBe('Архив документов');
    expect(trailPerson({ id: 'system:new-part', role: 'system' }, null).name).toBe('Система');
  });

  it('falls back to the role, never to an id, when the deal does not name the person', () => {
    expect(trailPerson({ id: '6f1c0c1e-0000-4000-8000-000000000001', role: 'manager' }, theDeal)).toEqual({
      name: 'Менеджер',
      role: 'Менеджер',
    });
    expect(trailPerson({ id: 'signer:p1', role: 'signer' }, null)).toEqual({ name: 'Подписант', role: 'Подписант' });
  });
});
