import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '@e-contract/command-side';

/**
 * The document validated as OpenAPI 3.1 (the OpenAPI Initiative's JSON Schema of the format, by
 * @seriousme/openapi-schema-validator), its references resolved. `[]` when it is valid.
 */
export async function lintOpenApi(document: object = openApiDocument()): Promise<string[]> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as Record<string, unknown>);
  if (!result.valid) return (Array.isArray(result.errors) ? result.errors : [result.errors]).map((error) => JSON.stringify(error));
  if (validator.version !== '3.1') return [`validated as OpenAPI ${validator.version}, not 3.1`];
  try {
    validator.resolveRefs();
  } catch (error) {
    return [`a reference does not resolve: ${(error as Error).message}`];
  }
  return [];
}
