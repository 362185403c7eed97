import type { IdentificationProvider } from './identification-provider.js';

/** Embedded default: sends the signer to the simulated Gosuslugi page served by `sandbox-routes.ts`. */
export class SandboxIdentificationProvider implements IdentificationProvider {
  readonly name = 'esia-sandbox';
  private readonly publicUrl: string;

  constructor(publicUrl: string) {
    this.publicUrl = publicUrl.replace(/\/+$/, '');
  }

  redirectUrl(requestId: string, returnUrl?: string): string {
    const url = new URL(`${this.publicUrl}/sandbox/esia`);
    url.searchParams.set('requestId', requestId);
    if (returnUrl !== undefined) url.searchParams.set('returnUrl', returnUrl);
    return url.toString();
  }
}
