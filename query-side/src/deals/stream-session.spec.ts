import { firstValueFrom, timeout } from 'rxjs';
import { unauthorized, HttpProblem } from '@e-contract/platform/http';
import type { TokenVerifier } from '@e-contract/platform/auth';
import { credentialEnd } from './stream-session.js';

const API_KEY = 'ec_0f8fad5bd9cb469fa16570867728950e_not-a-jwt';

/** A verifier that accepts the key `acceptFor` times, then answers with `refusal`. */
function verifierRefusingAfter(acceptFor: number, refusal: Error): TokenVerifier & { checks: number } {
  return {
    checks: 0,
    async verify() {
      if (++this.checks > acceptFor) throw refusal;
      return { id: 'integration:x', name: 'CRM', role: 'integration', branchId: 'msk', integrationId: 'x' };
    },
  };
}

describe('credentialEnd: how long a stream may live', () => {
  it('ends at the re-check that refuses a key (revoked or expired since the stream opened)', async () => {
    const tokens = verifierRefusingAfter(2, unauthorized());
    await firstValueFrom(credentialEnd(tokens, API_KEY, 10).pipe(timeout(1_000)));
    expect(tokens.checks).toBe(3);
  });

  it('does not end while the re-checks fail for another reason (the identity provider unreachable)', async () => {
    const tokens = verifierRefusingAfter(0, new HttpProblem(503, 'unavailable', 'Unavailable', 'IdP down'));
    await expectAsync(firstValueFrom(credentialEnd(tokens, API_KEY, 10).pipe(timeout(200)))).toBeRejectedWithError(/Timeout/);
    expect(tokens.checks).toBeGreaterThan(3);
  });

  it('ends at once for a token already past its exp', async () => {
    const tokens = verifierRefusingAfter(Infinity, unauthorized());
    const payload = Buffer.from(JSON.stringify({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 10 })).toString('base64url');
    const expired = `eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln`;
    await firstValueFrom(credentialEnd(tokens, expired, 60_000).pipe(timeout(500)));
    expect(tokens.checks).toBe(0);
  });
});
