import { Foundation1795870528874 } from './1795870528874-Foundation';

/** Every migration, in order (rewritten by `npm run migration:generate`). */
export const migrations = [Foundation1795870528874];
