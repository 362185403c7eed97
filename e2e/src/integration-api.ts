import { contractPdf } from './contract-pdf.js';

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

/** An integration for `allowedOrigins`, created by the demo admin: its API key. */
export async function createIntegration(baseUrl: string, password: string, allowedOrigins: string[]): Promise<string> {
  const { token } = await call<{ token: string }>(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  });
  const { apiKey } = await call<{ apiKey: string }>(`${baseUrl}/api/admin/integrations`, {
    method: 'POST',
    headers: json(token),
    body: JSON.stringify({ name: 'Кабинет клиента (e2e)', branchId: 'msk-1', allowedOrigins }),
  });
  return apiKey;
}

/** A signing request of a GPH individual, created with the integration's key: its processId. */
export async function createProcessAsIntegration(
  baseUrl: string,
  apiKey: string,
  title: string,
  signer: { fullName: string; inn: string; phone: string },
): Promise<string> {
  const document = await call<{ documentId: string }>(`${baseUrl}/api/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/pdf' },
    body: new Uint8Array(await contractPdf(title)),
  });
  const { processId } = await call<{ processId: string }>(`${baseUrl}/api/signing-processes`, {
    method: 'POST',
    headers: json(apiKey),
    body: JSON.stringify({
      kind: 'contract',
      title,
      documents: [{ documentId: document.documentId, title }],
      signer: { type: 'individual', ...signer },
    }),
  });
  return processId;
}

/** `POST /api/signing-processes/:id/embed-session`: the one-time URL to frame. */
export async function embedUrlOf(baseUrl: string, apiKey: string, processId: string, origin?: string): Promise<string> {
  const { embedUrl } = await call<{ embedUrl: string }>(`${baseUrl}/api/signing-processes/${processId}/embed-session`, {
    method: 'POST',
    headers: json(apiKey),
    body: JSON.stringify(origin ? { origin } : {}),
  });
  return embedUrl;
}
