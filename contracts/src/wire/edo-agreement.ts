/**
 * A version of the EDO agreement (63-FZ art. 6 p. 2, art. 9); `GET /api/edo-agreement` → 200 the
 * current one. `sha256` is the hex SHA-256 of the UTF-8 text: acceptances and signatures point at
 * it, so anyone can show which words were agreed to.
 */
export interface EdoAgreement {
  version: string;
  sha256: string;
  /** The text the signer reads before accepting. */
  text: string;
}
