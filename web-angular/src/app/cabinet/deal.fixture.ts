import { rootState, signerSession } from '../testing/auth-fixtures';
import type { Deal, ProcessStatus } from '../shared/api/api-types';
import { initialCabinetState, type CabinetState } from './cabinet.feature';

/** A signer's deal for specs, in the given status. */
export function dealFixture(status: ProcessStatus, extra: Partial<Deal> = {}): Deal {
  const at = '2026-11-25T10:00:00.000Z';
  return {
    processId: 'p-1',
    status,
    kind: 'contract',
    title: 'Договор поставки № 7',
    signer: { type: 'individual', fullName: 'Иван Иванов', inn: '500100732259', phone: '+79001234567' },
    manager: { id: 'u-manager', name: 'Мария Петрова' },
    branchId: 'msk',
    documents: [{ documentId: 'd-1', title: 'Договор', fileName: 'contract.pdf', sha256: 'ab'.repeat(32), size: 2048 }],
    createdAt: at,
    updatedAt: at,
    expiresAt: '2026-12-25T10:00:00.000Z',
    timeline: {
      created: at,
      invited: at,
      identificationStarted: null,
      identified: null,
      identificationFailed: null,
      edoAccepted: null,
      codeSent: null,
      signed: null,
      archived: null,
      declined: null,
      cancelled: null,
      expired: null,
    },
    revision: 3,
    position: '42',
    ...extra,
  };
}

/** The root state as MockStore holds it, with the cabinet slice. */
/** The root state with the cabinet and the session of the signer of `sessionProcessId`. */
export const cabinetRootState = (cabinet: Partial<CabinetState> = {}, sessionProcessId = 'p-1') => ({
  ...rootState({ session: signerSession(sessionProcessId) }),
  cabinet: { ...initialCabinetState, ...cabinet },
});
