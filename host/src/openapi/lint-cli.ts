import { lintOpenApi } from './lint-openapi.js';

/** `npm run lint:openapi` (and the first step of the host's `npm test`): the document is valid OpenAPI 3.1. */
const errors = await lintOpenApi();
if (errors.length > 0) {
  process.stderr.write(`/api/openapi.json is not valid OpenAPI 3.1:\n${errors.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('/api/openapi.json: valid OpenAPI 3.1\n');
