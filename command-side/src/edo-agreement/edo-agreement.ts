import type { EdoAgreement } from '@e-contract/contracts';
import { sha256Hex } from '@e-contract/contracts/node';
import { EDO_AGREEMENT_2026_01_TEXT, EDO_AGREEMENT_2026_01_VERSION } from './agreement-2026-01.js';

/** A version of the EDO agreement, as `GET /api/edo-agreement` answers it: the wire type in contracts. */
export type { EdoAgreement } from '@e-contract/contracts';

/** Where the agreement versions come from. */
export interface EdoAgreementCatalog {
  /** The version a signer must have accepted before signing. */
  current(): EdoAgreement;
  /** Any version ever shipped (older acceptances stay verifiable), or `null`. */
  byVersion(version: string): EdoAgreement | null;
}

export const edoAgreementOf = (version: string, text: string): EdoAgreement => ({ version, text, sha256: sha256Hex(text) });

/** Every version shipped with the code, oldest first; a new version is appended, never edited in. */
export const SHIPPED_EDO_AGREEMENTS: readonly EdoAgreement[] = [edoAgreementOf(EDO_AGREEMENT_2026_01_VERSION, EDO_AGREEMENT_2026_01_TEXT)];

/** The versions shipped with the code; the last one (or `currentVersion`) is current. */
export class StaticEdoAgreementCatalog implements EdoAgreementCatalog {
  private readonly versions: ReadonlyMap<string, EdoAgreement>;
  private readonly currentAgreement: EdoAgreement;

  constructor(agreements: readonly EdoAgreement[] = SHIPPED_EDO_AGREEMENTS, currentVersion?: string) {
    this.versions = new Map(agreements.map((agreement) => [agreement.version, agreement]));
    if (this.versions.size !== agreements.length) throw new Error('EDO agreement versions must be unique');
    const current = currentVersion === undefined ? agreements.at(-1) : this.versions.get(currentVersion);
    if (!current) throw new Error(`No EDO agreement version ${currentVersion ?? '(none shipped)'}`);
    this.currentAgreement = current;
  }

  current(): EdoAgreement {
    return this.currentAgreement;
  }

  byVersion(version: string): EdoAgreement | null {
    return this.versions.get(version) ?? null;
  }
}
