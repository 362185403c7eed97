import type { Deal, ProcessStatus } from '../shared/api/api-types';
import { rootState, signerSession } from '../testing/auth-fixtures';
import { deal } from '../testing/deal-fixtures';
import { initialCabinetState, type CabinetState } from './cabinet.feature';

/** The signer's deal `p-1` with one document, in the given status. */
export const dealFixture = (status: ProcessStatus, extra: Partial<Deal> = {}): Deal =>
  deal('p-1', {
    status,
    title: 'Договор поставки № 7',
    signer: { type: 'individual', fullName: 'Иван Иванов', inn: '500100732259', phone: '+79001234567' },
    documents: [{ documentId: 'd-1', title: 'Договор', fileName: 'contract.pdf', sha256: 'ab'.repeat(32), size: 2048 }],
    revision: 3,
    position: '42',
    ...extra,
  });

/** The root state with the cabinet and the session of the signer of `sessionProcessId`. */
export const cabinetRootState = (cabinet: Partial<CabinetState> = {}, sessionProcessId = 'p-1') => ({
  ...rootState({ session: signerSession(sessionProcessId) }),
  cabinet: { ...initialCabinetState, ...cabinet },
});
