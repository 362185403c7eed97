import { Router } from 'express';
import { PersonErasureDto } from '@e-contract/contracts';
import { requireRole } from '@e-contract/platform/auth';
import { authOf, conflict, jsonBody, notFound, originOf, unauthorized, validated } from '@e-contract/platform/http';
import { ErasureRefused, UnknownPerson, type PersonErasure } from './person-erasure.js';

/**
 * `POST /api/admin/persons/erasure` `{inn, reason}` (API.md, "Operations"): admins only
 * (authentication is mounted in front by the composition). 202 with what was erased; 404 for a person
 * the system never held; 409 while a process of theirs is open or ended inside the retention period.
 * Erasing twice changes nothing, so a retry needs no `Idempotency-Key`.
 */
export function createErasureRoutes(deps: { persons: PersonErasure }): Router {
  const router = Router();
  router.post('/api/admin/persons/erasure', requireRole('admin'), ...jsonBody(), async (req, res) => {
    const dto = await validated(PersonErasureDto.fromPlain(req.body));
    const caller = authOf(res);
    if (!caller) throw unauthorized();
    const origin = originOf(req, res);
    try {
      const answer = await deps.persons.erase({
        inn: dto.inn,
        reason: dto.reason,
        actor: { id: caller.id, role: caller.role },
        ip: origin.ip,
        userAgent: origin.userAgent,
        correlationId: origin.correlationId || null,
      });
      res.status(202).set('Cache-Control', 'no-store').json(answer);
    } catch (error) {
      if (error instanceof UnknownPerson) throw notFound('No person with this INN is known to the system');
      if (error instanceof ErasureRefused) {
        const { refusal } = error;
        if (refusal.kind === 'open')
          throw conflict(
            'process-open',
            `Process ${refusal.processId} of this person has not ended (a signed process must be archived first)`,
            {
              processId: refusal.processId,
            },
          );
        throw conflict(
          'retention-period',
          `Their personal data must be kept until ${refusal.erasableFrom} (PERSONAL_DATA_RETENTION_DAYS)`,
          {
            processId: refusal.processId,
            erasableFrom: refusal.erasableFrom,
          },
        );
      }
      throw error;
    }
  });
  return router;
}
