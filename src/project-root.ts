import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The toolkit's root (where `xslt/`, `schemas/` and `package.json` live), from this module's place in `src/` or `lib/`. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
