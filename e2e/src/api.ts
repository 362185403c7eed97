import { contractPdf } from './contract-pdf.js';

/** A signer as the create-request body takes it (API.md, `POST /api/signing-processes`). */
export interface SignerBody {
  type: 'legal_entity' | 'sole_proprietor' | 'self_employed' | 'individual';
  fullName: string;
  inn: string;
  phone: string;
  ogrn?: string;
  companyName?: string;
  email?: string;
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sets a deal up through the public API, as a manager's integration would: the steps a spec does
 * not walk in the browser.
 */
export async function createDealThroughApi(baseUrl: string, password: string, title: string, signer: SignerBody): Promise<string> {
  const { token } = await call<{ token: string }>(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'manager', password }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const document = await call<{ documentId: string }>(`${baseUrl}/api/documents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf' },
    body: new Uint8Array(await contractPdf(title)),
  });
  const processId = crypto.randomUUID();
  await call(`${baseUrl}/api/signing-processes`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ processId, kind: 'contract', title, documents: [{ documentId: document.documentId, title }], signer }),
  });
  return processId;
}
