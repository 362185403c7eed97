import type { CabinetBucket } from '@e-contract/contracts';
import { cabinetProjection } from './cabinet-projection.js';
import {
  PERSON,
  PROCESS_ID,
  T0,
  archived,
  at,
  cancelled,
  codeIssued,
  codeRejected,
  created,
  declined,
  edoAccepted,
  expired,
  identificationFailed,
  identificationStarted,
  identified,
  invitationReissued,
  invited,
  recorded,
  signed,
  untilClosedByFailures,
  untilCodeSent,
  untilIdentified,
  untilIdentifying,
  untilInvited,
  untilSigned,
  type Fact,
} from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { deepFreeze, given, givenEvents } from './projection-spec-kit.js';

describe('cabinet projection', () => {
  describe('bucket (API.md: awaiting, signed, closed)', () => {
    const cases: [string, readonly Fact[], Fact, CabinetBucket][] = [
      ['a created process is awaiting', [], created(), 'awaiting'],
      ['an invited process is awaiting', [created()], invited, 'awaiting'],
      ['a process being identified is awaiting', untilInvited, identificationStarted(), 'awaiting'],
      ['a failed identification with tries left stays awaiting', untilIdentifying, identificationFailed('req-1', 1), 'awaiting'],
      [
        'the second failure (one try left) stays awaiting',
        untilClosedByFailures.slice(0, -3),
        identificationFailed('req-2', 2),
        'awaiting',
      ],
      ['the third failed identification closes it', untilClosedByFailures.slice(0, -1), untilClosedByFailures.at(-1)!, 'closed'],
      ['an identified process is awaiting', untilIdentifying, identified, 'awaiting'],
      ['an EDO acceptance keeps it awaiting', untilIdentified, edoAccepted, 'awaiting'],
      ['a sent code keeps it awaiting', [...untilIdentified, edoAccepted], codeIssued(), 'awaiting'],
      ['a wrong code keeps it awaiting', untilCodeSent, codeRejected(2), 'awaiting'],
      ['a reissued invitation keeps it awaiting', untilInvited, invitationReissued, 'awaiting'],
      ['a signed process is signed', untilCodeSent, signed, 'signed'],
      ['an archived process stays signed', untilSigned, archived, 'signed'],
      ['a declined process is closed', untilCodeSent, declined(), 'closed'],
      ['a cancelled process is closed', untilIdentified, cancelled(), 'closed'],
      ['an expired process is closed', untilInvited, expired, 'closed'],
    ];
    for (const [name, history, fact, bucket] of cases) {
      it(name, () => {
        expect(given(history).when(fact).viewOf(cabinetProjection)?.bucket).toBe(bucket);
      });
    }
  });

  it("carries the personal INN a person's own request names from the start", () => {
    for (const type of ['individual', 'sole_proprietor', 'self_employed'] as const) {
      const named = created({ signer: { type, fullName: PERSON.fullName, inn: PERSON.inn, phone: '+79001234567' } });
      expect(given([named]).when(invited).viewOf(cabinetProjection)?.personInn)
        .withContext(type)
        .toBe(PERSON.inn);
    }
  });

  it("has no personInn for a legal entity's process before identification, then the identified one", () => {
    const company = created({
      signer: {
        type: 'legal_entity',
        fullName: PERSON.fullName,
        inn: '7709012344',
        ogrn: '1187746123454',
        companyName: 'ООО «Ромашка»',
        phone: '+79001234567',
      },
    });
    expect(given([company, invited]).when(identificationStarted()).viewOf(cabinetProjection)?.personInn).toBeNull();
    expect(given([company, invited, identificationStarted()]).when(identified).viewOf(cabinetProjection)?.personInn).toBe(PERSON.inn);
  });

  it('takes personInn from SignerIdentified and keeps it to the end', () => {
    expect(given(untilIdentifying).when(identified).viewOf(cabinetProjection)?.personInn).toBe(PERSON.inn);
    expect(given(untilSigned).when(archived).viewOf(cabinetProjection)?.personInn).toBe(PERSON.inn);
  });

  it('keeps the bucket on a reminder, a new-link request and an erasure; an erasure drops personInn', () => {
    const erasure: Fact = {
      type: 'PersonalDataErased',
      data: { personRef: 'person-1', reason: 'Срок хранения истёк', erasedBy: 'admin-1' },
    };
    const reminded: Fact = {
      type: 'SignerReminded',
      data: { invitationId: 'inv-1', trigger: 'after_invitation', sentTo: [], remindedAt: '2026-11-26T09:00:00.000Z' },
    };
    const linkRequested: Fact = { type: 'NewLinkRequested', data: { requestedAt: '2026-12-02T09:00:00.000Z' } };
    const erased = given([...untilSigned, archived])
      .when(erasure)
      .viewOf(cabinetProjection)!;
    expect(erased.bucket).toBe('signed');
    expect(erased.personInn).toBeNull();
    expect(
      given([...untilInvited, expired])
        .when(linkRequested)
        .viewOf(cabinetProjection)?.bucket,
    ).toBe('closed');
    expect(
      given([...untilIdentified, cancelled()])
        .when(erasure)
        .viewOf(cabinetProjection)?.bucket,
    ).toBe('closed');
    expect(given(untilIdentified).when(reminded).viewOf(cabinetProjection)?.bucket).toBe('awaiting');
  });

  it('carries the time of the last fact and its position', () => {
    const entry = given(untilInvited, { firstPosition: 10 })
      .when(at('2026-11-25T09:30:00.000Z', identificationStarted()))
      .viewOf(cabinetProjection);
    expect(entry).toEqual({
      processId: PROCESS_ID,
      bucket: 'awaiting',
      personInn: PERSON.inn,
      updatedAt: '2026-11-25T09:30:00.000Z',
      position: '12',
    });
  });

  it('keeps one entry per process', () => {
    const events = [
      ...processStream(untilSigned),
      ...processStream([created({ processId: 'p-2' }), invited], { processId: 'p-2', firstPosition: 100 }),
    ];
    const entries = givenEvents(events).project(cabinetProjection);
    expect([...entries.keys()].sort()).toEqual([PROCESS_ID, 'p-2'].sort());
    expect(entries.get('p-2')?.bucket).toBe('awaiting');
    expect(entries.get(PROCESS_ID)?.bucket).toBe('signed');
  });

  it('ignores events of an unknown process and of other streams', () => {
    const [, invitedEvent] = processStream(untilInvited);
    expect(cabinetProjection.evolve(null, invitedEvent!)).toBeNull();
    const access = recorded(
      'EvidenceAccessed',
      { processId: PROCESS_ID, resource: 'trail' },
      { streamId: 'evidence-access', occurredAt: T0 },
    );
    expect(cabinetProjection.keyOf(access)).toBeNull();
  });

  it('is deterministic and pure', () => {
    const events = deepFreeze(processStream(untilSigned));
    const before = deepFreeze(givenEvents(events.slice(0, -1)).project(cabinetProjection).get(PROCESS_ID)!);
    const first = cabinetProjection.evolve(before, events.at(-1)!);
    expect(cabinetProjection.evolve(before, events.at(-1)!)).toEqual(first);
    expect(before.bucket).toBe('awaiting');
  });
});
