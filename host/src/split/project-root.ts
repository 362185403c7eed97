import { fileURLToPath } from 'node:url';

/** The repository's root (host/dist/split → ../../..), where docker/ lives. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
