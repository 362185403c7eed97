/**
 * Facts of embedded signing (API.md, "Integrations": `embed-session`), in the stream
 * `embed-session-<embedSessionId>`. The embed token is never stored: only its SHA-256.
 */

/** `EmbedSessionCreated`: an integration (or a manager of the branch) asked for a one-time embed URL. */
export interface EmbedSessionCreatedData {
  embedSessionId: string;
  processId: string;
  /** The integration that created the process; `null` for a manager's own process (not framable). */
  integrationId: string | null;
  /** Where the embedded page posts its messages (`postMessage`'s target origin); `null`: nowhere. */
  origin: string | null;
  /** The process's invitation when the session was asked for: a re-sent invitation ends it too. */
  invitationId: string;
  tokenSha256: string;
  /** ISO 8601: the URL opens a signer session until then (10 minutes). */
  expiresAt: string;
}

/** `EmbedSessionOpened`: the embedded page exchanged the token for a signer session (once). */
export interface EmbedSessionOpenedData {
  embedSessionId: string;
  processId: string;
}

/** How long an embed URL may be opened (API.md: 10 minutes). */
export const EMBED_SESSION_TTL_MS = 10 * 60_000;
