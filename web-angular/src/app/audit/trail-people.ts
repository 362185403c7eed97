import type { Deal, TrailEntry } from '../shared/api/api-types';
import { MESSAGES } from '../shared/i18n/messages.ru';

/** Who recorded a fact, as a person reads it: a name (or what the system part does) and a role. */
export interface TrailPerson {
  name: string;
  role: string;
}

const m = MESSAGES.audit.people;

/**
 * The actor of a fact in words (issue 11): the deal's manager (or integration) by the name the deal
 * keeps; the signer as «Подписант» with their name while it is readable; the system's parts by what
 * they do (`system:identification` → «Сервис идентификации»); any other employee by their role
 * alone, since the trail holds their id only. The id itself stays on the page for the auditor, as a
 * secondary line.
 */
export function trailPerson(actor: TrailEntry['actor'], deal: Deal | null): TrailPerson {
  const role = (MESSAGES.role as Record<string, string>)[actor.role] ?? actor.role;
  switch (actor.role) {
    case 'signer': {
      const fullName = deal?.signer.fullName;
      return { name: typeof fullName === 'string' && fullName !== '' ? fullName : m.signer, role: m.signer };
    }
    case 'system': {
      const part = actor.id.startsWith('system:') ? actor.id.slice('system:'.length) : actor.id;
      return { name: m.system[part] ?? m.systemOther, role };
    }
    case 'manager':
    case 'integration':
      if (deal && deal.manager.id === actor.id) return { name: deal.manager.name, role };
      return { name: role, role };
    default:
      return { name: role, role };
  }
}
