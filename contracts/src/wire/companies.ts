export type CompanyKind = 'company' | 'sole_proprietor';
export type CompanyStatus = 'active' | 'liquidating' | 'liquidated';

/** `GET /api/companies/:inn` → 200: the company registry's (EGRUL/EGRIP) answer for a company or a sole proprietor. */
export interface CompanyRecord {
  /** 10 digits for a company; the proprietor's personal 12-digit INN for a sole proprietor. */
  inn: string;
  /** OGRN (13 digits) for a company, OGRNIP (15 digits) for a sole proprietor. */
  ogrn: string;
  name: string;
  kind: CompanyKind;
  status: CompanyStatus;
  /** The head of the company; for a sole proprietor, the proprietor. The registry may lack the INN. */
  director: { fullName: string; inn?: string };
}
