import {
  cancelled,
  created,
  declined,
  expired,
  untilClosedByFailures,
  untilIdentified,
  untilInvited,
  untilSigned,
} from '@e-contract/contracts/testing';
import { NOW, given } from './signing-spec-kit.js';
import { LinkRequestsRateLimited, ProcessEnded, RemindersRateLimited, StepOutOfOrder } from './signing-errors.js';
import type { SigningEvent } from './signing-types.js';

const sentTo = [{ channel: 'sms' as const, destination: '+7 900 ***-**-67' }];
const hoursBeforeNow = (hours: number) => new Date(NOW.getTime() - hours * 60 * 60_000).toISOString();
const reminded = (trigger: 'manual' | 'after_invitation' | 'before_expiry', at: string): SigningEvent => ({
  type: 'SignerReminded',
  data: { invitationId: 'inv-1', trigger, sentTo, remindedAt: at },
});
const remind = (trigger: 'manual' | 'after_invitation' | 'before_expiry') => ({ type: 'RemindSigner' as const, trigger, sentTo });
const newInvitation = { invitationId: 'inv-2', tokenSha256: 'd'.repeat(64) };
const linkRequest = (linkIsCurrent: boolean) => ({ type: 'RequestNewLink' as const, linkIsCurrent, invitation: newInvitation });
const afterDeadline = new Date('2026-12-02T09:00:00.000Z');

describe('decide: reminders (API.md, "After signing, reminders…")', () => {
  it('reminds a waiting signer by hand with the current invitation', () =>
    given(untilInvited)
      .when(remind('manual'))
      .then([reminded('manual', NOW.toISOString())]));

  it('reminds a signer who is further along but still waits (identified)', () =>
    given(untilIdentified)
      .when(remind('manual'))
      .then([reminded('manual', NOW.toISOString())]));

  it('refuses a fourth manual reminder within 24 hours, saying when the next one may go', () =>
    given([
      ...untilInvited,
      reminded('manual', hoursBeforeNow(20)),
      reminded('manual', hoursBeforeNow(5)),
      reminded('manual', hoursBeforeNow(1)),
    ])
      .when(remind('manual'))
      .thenThrows(RemindersRateLimited));

  it('allows a manual reminder again once the oldest of three is a day old', () =>
    given([
      ...untilInvited,
      reminded('manual', hoursBeforeNow(25)),
      reminded('manual', hoursBeforeNow(5)),
      reminded('manual', hoursBeforeNow(1)),
    ])
      .when(remind('manual'))
      .then([reminded('manual', NOW.toISOString())]));

  it('does not count automatic reminders against the manual limit', () =>
    given([
      ...untilInvited,
      reminded('after_invitation', hoursBeforeNow(3)),
      reminded('manual', hoursBeforeNow(2)),
      reminded('manual', hoursBeforeNow(1)),
    ])
      .when(remind('manual'))
      .then([reminded('manual', NOW.toISOString())]));

  it('records each automatic trigger once and at most two in all', () => {
    given([...untilInvited, reminded('after_invitation', hoursBeforeNow(30))])
      .when(remind('after_invitation'))
      .then([]);
    given([...untilInvited, reminded('after_invitation', hoursBeforeNow(30))])
      .when(remind('before_expiry'))
      .then([reminded('before_expiry', NOW.toISOString())]);
    given([...untilInvited, reminded('after_invitation', hoursBeforeNow(30)), reminded('before_expiry', hoursBeforeNow(2))])
      .when(remind('before_expiry'))
      .then([]);
  });

  it('refuses a reminder before the invitation went out (409)', () => given([created()]).when(remind('manual')).thenThrows(StepOutOfOrder));

  it('refuses a reminder once the process no longer waits (signed, declined, cancelled, closed, overdue)', () => {
    given(untilSigned).when(remind('manual')).thenThrows(ProcessEnded);
    given([...untilInvited, declined('нет')])
      .when(remind('manual'))
      .thenThrows(ProcessEnded);
    given([...untilInvited, cancelled('ошибка')])
      .when(remind('manual'))
      .thenThrows(ProcessEnded);
    given(untilClosedByFailures).when(remind('manual')).thenThrows(ProcessEnded);
    given(untilInvited).when(remind('manual'), { now: afterDeadline }).thenThrows(ProcessEnded);
  });
});

describe('decide: requests for a new link', () => {
  it('sends a new invitation for a replaced link of a waiting process, as the system', () =>
    given(untilInvited)
      .when(linkRequest(false))
      .then([
        {
          type: 'InvitationReissued',
          data: { ...newInvitation, replaces: 'inv-1', linkRequestedAt: NOW.toISOString() },
        },
      ]));

  it('sends nothing for the current link: it still opens the cabinet', () => given(untilInvited).when(linkRequest(true)).then([]));

  it('records the request for the manager when the process has expired, or ended unsigned', () => {
    const requested = (at: Date): SigningEvent[] => [{ type: 'NewLinkRequested', data: { requestedAt: at.toISOString() } }];
    given([...untilInvited, expired])
      .when(linkRequest(false), { now: afterDeadline })
      .then(requested(afterDeadline));
    given(untilInvited).when(linkRequest(true), { now: afterDeadline }).then(requested(afterDeadline));
    given([...untilInvited, declined('нет')])
      .when(linkRequest(true))
      .then(requested(NOW));
    given(untilClosedByFailures).when(linkRequest(false)).then(requested(NOW));
  });

  it('sends nothing for a signed process', () => given(untilSigned).when(linkRequest(false)).then([]));

  it('does nothing past three requests in 24 hours', () => {
    const asked = (hoursAgo: number): SigningEvent => ({
      type: 'InvitationReissued',
      data: { invitationId: `inv-r${hoursAgo}`, tokenSha256: 'e'.repeat(64), replaces: 'inv-1', linkRequestedAt: hoursBeforeNow(hoursAgo) },
    });
    given([...untilInvited, asked(10), asked(5), asked(1)])
      .when(linkRequest(false))
      .thenThrows(LinkRequestsRateLimited);
    given([...untilInvited, asked(30), asked(5), asked(1)])
      .when(linkRequest(false))
      .events();
  });
});
