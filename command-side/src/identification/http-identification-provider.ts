import type { IdentificationProvider } from './identification-provider.js';

export interface HttpIdentificationProviderOptions {
  /** The identification component's start page (it talks to ESIA, then calls us back). */
  componentUrl: string;
  /** Our `POST /api/identification/callback`, absolute, where the component sends the signed result. */
  callbackUrl: string;
}

/**
 * Production: redirects to the identification component, which runs the ESIA login and posts the
 * result to `callbackUrl`, signed with the shared secret (see `callback-signature.ts`).
 */
export class HttpIdentificationProvider implements IdentificationProvider {
  readonly name = 'esia';

  constructor(private readonly options: HttpIdentificationProviderOptions) {
    // Fail at start, not at the first signer: both must be absolute URLs.
    new URL(options.componentUrl);
    new URL(options.callbackUrl);
  }

  redirectUrl(requestId: string, returnUrl?: string): string {
    // Parameters are added to whatever the configured URL already carries (e.g. a client id).
    const url = new URL(this.options.componentUrl);
    url.searchParams.set('requestId', requestId);
    url.searchParams.set('callbackUrl', this.options.callbackUrl);
    if (returnUrl !== undefined) url.searchParams.set('returnUrl', returnUrl);
    return url.toString();
  }
}
