import { isValidOgrnip, sameFullName } from '@e-contract/contracts';
import type { CompanyRecordLike, IdentifiedPerson, IdentityCheck, SignerDetails } from './signing-types.js';

/**
 * The identity checks of BRIEF.md's table, run on the identification result against the request
 * and the registries' answers. Pure: the registries were asked before.
 */
export function identityChecks(
  signer: SignerDetails,
  person: IdentifiedPerson,
  registry: CompanyRecordLike | null | undefined,
  selfEmployed: boolean | undefined,
): IdentityCheck[] {
  const checks: IdentityCheck[] = [
    {
      check: 'esia_account_confirmed',
      passed: person.confirmed === true,
      ...(person.confirmed ? {} : { detail: 'the ESIA account is not confirmed' }),
    },
  ];
  const add = (check: string, passed: boolean, failure: string) =>
    checks.push(passed ? { check, passed } : { check, passed, detail: failure });

  switch (signer.type) {
    case 'legal_entity': {
      const company = registry && registry.kind === 'company' && registry.inn === signer.inn ? registry : null;
      add('company_in_registry', company !== null, `company INN ${signer.inn} is not in the company registry`);
      if (!company) break;
      add('company_active', company.status === 'active', `the company is ${company.status}`);
      add(
        'director_name_matches',
        sameFullName(company.director.fullName, person.fullName),
        'the identified person is not the director named in the registry',
      );
      if (company.director.inn) {
        add(
          'director_inn_matches',
          company.director.inn === person.inn,
          "the identified person's INN differs from the director's INN in the registry",
        );
      }
      add(
        'requested_signer_matches',
        sameFullName(signer.fullName, person.fullName),
        'the identified person is not the signer named in the request',
      );
      break;
    }
    case 'sole_proprietor': {
      add('inn_matches', person.inn === signer.inn, "the identified person's INN differs from the proprietor's INN");
      const ogrnip = signer.ogrn ?? '';
      const record = registry && registry.kind === 'sole_proprietor' && registry.inn === signer.inn ? registry : null;
      add('ogrnip_valid', isValidOgrnip(ogrnip), 'the OGRNIP is not valid');
      add(
        'proprietor_in_registry',
        record !== null && record.ogrn === ogrnip && record.status === 'active',
        'no active sole proprietor with this INN and OGRNIP in the registry',
      );
      break;
    }
    case 'self_employed':
      add('inn_matches', person.inn === signer.inn, "the identified person's INN differs from the request");
      add('npd_registered', selfEmployed === true, 'the person is not registered as self-employed (NPD)');
      break;
    case 'individual':
      add('inn_matches', person.inn === signer.inn, "the identified person's INN differs from the request");
      add('name_matches', sameFullName(signer.fullName, person.fullName), "the identified person's name differs from the request");
      break;
    default: {
      const unknownType: never = signer.type;
      throw new Error(`unknown signer type ${String(unknownType)}`);
    }
  }
  return checks;
}
