import { DOCUMENT, deal } from '@e-contract/contracts/testing';
import type { Deal, ProcessStatus } from '../shared/api/api-types';
import { rootState, signerSession } from '../testing/auth-fixtures';
import { initialCabinetState, type CabinetState } from './cabinet.feature';

/** The signer's deal `p-1` with one document, in the given status. */
export const dealFixture = (status: ProcessStatus, extra: Partial<Deal> = {}): Deal =>
  deal({
    processId: 'p-1',
    status,
    title: 'Договор поставки № 7',
    documents: [{ ...DOCUMENT, documentId: 'd-1', sha256: 'ab'.repeat(32), size: 2048 }],
    revision: 3,
    position: '42',
    ...extra,
  });

/** The root state with the cabinet and the session of the signer of `sessionProcessId`. */
export const cabinetRootState = (cabinet: Partial<CabinetState> = {}, sessionProcessId = 'p-1') => ({
  ...rootState({ session: signerSession(sessionProcessId) }),
  cabinet: { ...initialCabinetState, ...cabinet },
});
