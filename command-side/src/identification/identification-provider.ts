/**
 * The identification port: where to send a signer to be identified through ESIA. The result comes
 * back later, asynchronously, as a signed callback (`POST /api/identification/callback`).
 */
export interface IdentificationProvider {
  /** Recorded in the evidence package as `identification.provider`. */
  readonly name: string;
  /** `returnUrl`: where the signer's browser goes once identification is over. */
  redirectUrl(requestId: string, returnUrl?: string): string;
}
