import { signingProcess, T0 } from '@e-contract/contracts/testing';
import type { IntegrationState, KnownEmbedSession } from '@e-contract/platform/auth';
import { HttpProblem, type AuthUser } from '@e-contract/platform/http';
import { foldSigningEvents, type ActiveProcess } from '../signing/signing-state.js';
import { creatingIntegrationOf, decideEmbedSession, mayOpenEmbedSession } from './embed-session-rules.js';

const INTEGRATION_ID = '0b6e8f1c-5a2d-4f3e-9c71-2d4e6f8a0b1c';
const CABINET = 'https://cabinet.example.com';
const PORTAL = 'https://portal.example.com';
const NOW = new Date(T0);

const crm: AuthUser = {
  id: `integration:${INTEGRATION_ID}`,
  name: 'CRM',
  role: 'integration',
  branchId: 'msk',
  integrationId: INTEGRATION_ID,
};
const otherIntegration: AuthUser = { ...crm, id: 'integration:other', integrationId: 'other' };
const manager: AuthUser = { id: 'm1', name: 'Мария', role: 'manager', branchId: 'msk' };

const facts = signingProcess({ manager: { id: crm.id, name: 'CRM' } });
const invited = foldSigningEvents(facts.untilInvited) as ActiveProcess;
const integration = (allowedOrigins: string[], status: 'active' | 'revoked' = 'active'): IntegrationState => ({
  status,
  integrationId: INTEGRATION_ID,
  name: 'CRM',
  branchId: 'msk',
  allowedOrigins,
  keySha256: 'a'.repeat(64),
  keyPrefix: 'ec_0b6e8f1c',
  expiresAt: null,
  createdAt: T0,
  createdBy: { id: 'admin', role: 'admin' },
  revokedAt: null,
});

function decided(overrides: Partial<Parameters<typeof decideEmbedSession>[0]> = {}) {
  return decideEmbedSession({
    process: invited,
    caller: crm,
    integration: integration([CABINET, PORTAL]),
    requestedOrigin: undefined,
    now: NOW,
    embedSessionId: 'e1',
    tokenSha256: 'f'.repeat(64),
    ...overrides,
  });
}

function refusal(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('embed sessions: who asks, where messages go, when the URL opens', () => {
  it('knows the integration that created a process from its actor, and none for a manager’s own', () => {
    expect(creatingIntegrationOf(invited)).toBe(INTEGRATION_ID);
    expect(creatingIntegrationOf(foldSigningEvents(signingProcess().untilInvited) as ActiveProcess)).toBeNull();
  });

  it('posts to the first allowed origin unless another allowed one is asked for; valid 10 minutes', () => {
    const session = decided();
    expect(session).toEqual({
      embedSessionId: 'e1',
      processId: invited.processId,
      integrationId: INTEGRATION_ID,
      origin: CABINET,
      invitationId: invited.invitation.invitationId,
      tokenSha256: 'f'.repeat(64),
      expiresAt: new Date(NOW.getTime() + 10 * 60_000).toISOString(),
    });
    expect(decided({ requestedOrigin: PORTAL }).origin).toBe(PORTAL);
    expect(decided({ integration: integration([]) }).origin).toBeNull();
  });

  it('refuses an origin that is not allowed with 422 naming the field, also when the key was revoked', () => {
    for (const [requestedOrigin, state] of [
      ['https://evil.example.com', integration([CABINET])],
      [CABINET, integration([])],
      [CABINET, integration([CABINET], 'revoked')],
    ] as const) {
      const problem = refusal(() => decided({ requestedOrigin, integration: state }));
      expect(problem.status).toBe(422);
      expect(problem.extensions['errors']).toEqual([jasmine.objectContaining({ field: 'origin' })]);
    }
  });

  it('lets the creating integration or a manager ask, not another integration of the branch', () => {
    expect(decided({ caller: manager }).origin).toBe(CABINET);
    expect(refusal(() => decided({ caller: otherIntegration })).status).toBe(403);
  });

  it('gives nothing for a process that has ended or is overdue', () => {
    for (const events of [facts.untilSigned, [...facts.untilInvited, facts.cancelled()], facts.untilClosedByFailures]) {
      expect(refusal(() => decided({ process: foldSigningEvents(events) as ActiveProcess })).status).toBe(409);
    }
    expect(refusal(() => decided({ now: new Date(Date.parse(invited.expiresAt) + 1) })).status).toBe(409);
  });

  describe('opening', () => {
    const session: KnownEmbedSession = { ...decided(), status: 'created', createdAt: T0, createdBy: { id: crm.id, role: 'integration' } };
    const later = (ms: number) => new Date(NOW.getTime() + ms);

    it('opens once, within its 10 minutes, on the invitation it was asked for', () => {
      expect(mayOpenEmbedSession(session, invited, later(60_000))).toBeTrue();
      expect(mayOpenEmbedSession({ ...session, status: 'opened' }, invited, later(60_000))).toBeFalse();
      expect(mayOpenEmbedSession(session, invited, later(10 * 60_000))).toBeFalse();
      const reinvited = foldSigningEvents([...facts.untilInvited, facts.invitationReissued]) as ActiveProcess;
      expect(mayOpenEmbedSession(session, reinvited, later(60_000))).toBeFalse();
      expect(mayOpenEmbedSession(session, null, later(60_000))).toBeFalse();
    });
  });
});
