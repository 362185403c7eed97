import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- specs read answers field by field
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A JSON client of one origin (a service, or the gateway in front of them). */
export function apiClient(baseUrl: string) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/**
 * A request whose body is sent in two halves, so that a spec can act while the server holds it in
 * flight: `finish()` sends the rest and resolves with the answer.
 */
export function halfSentRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body: Uint8Array },
): { finish(): Promise<{ status: number; body: string }> } {
  const target = new URL(url);
  const req = request({
    host: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    method: init.method,
    headers: { ...init.headers, 'content-length': String(init.body.length) },
    agent: false,
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(init.body.length / 2);
  req.write(init.body.subarray(0, half));
  return {
    finish() {
      req.end(init.body.subarray(half));
      return answered;
    },
  };
}
