export type {
  DocumentRef,
  IdentifiedPerson,
  IdentityCheck,
  ProcessKind,
  ProcessStatus,
  SignerDetails,
  SigningEvent,
} from '@e-contract/contracts';

/** The part of a company-registry record the identification rules read. */
export interface CompanyRecordLike {
  inn: string;
  ogrn: string;
  kind: 'company' | 'sole_proprietor';
  status: 'active' | 'liquidating' | 'liquidated';
  director: { fullName: string; inn?: string };
}
