import { HttpIdentificationProvider } from './http-identification-provider.js';
import { SandboxIdentificationProvider } from './sandbox-identification-provider.js';

describe('Identification: providers', () => {
  it('sandbox: redirects to the sandbox page of the public URL, parameters encoded', () => {
    const provider = new SandboxIdentificationProvider('http://127.0.0.1:8080/');
    expect(provider.name).toBe('esia-sandbox');
    const url = new URL(provider.redirectUrl('req 1&x', '/cabinet/p-1?step=2'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:8080/sandbox/esia');
    expect(url.searchParams.get('requestId')).toBe('req 1&x');
    expect(url.searchParams.get('returnUrl')).toBe('/cabinet/p-1?step=2');
    expect(new URL(provider.redirectUrl('r-2')).searchParams.has('returnUrl')).toBeFalse();
  });

  it('http: redirects to the identification component with requestId, callbackUrl and returnUrl', () => {
    const provider = new HttpIdentificationProvider({
      componentUrl: 'https://idp.example.ru/start?client=e-contract',
      callbackUrl: 'https://e-contract.example.ru/api/identification/callback',
    });
    expect(provider.name).toBe('esia');
    const url = new URL(provider.redirectUrl('r-1', 'https://e-contract.example.ru/cabinet'));
    expect(url.origin + url.pathname).toBe('https://idp.example.ru/start');
    expect(url.searchParams.get('client')).toBe('e-contract');
    expect(url.searchParams.get('requestId')).toBe('r-1');
    expect(url.searchParams.get('callbackUrl')).toBe('https://e-contract.example.ru/api/identification/callback');
    expect(url.searchParams.get('returnUrl')).toBe('https://e-contract.example.ru/cabinet');
  });

  it('http: refuses a configuration without absolute URLs', () => {
    expect(() => new HttpIdentificationProvider({ componentUrl: '/start', callbackUrl: 'https://x.ru/cb' })).toThrow();
  });
});
