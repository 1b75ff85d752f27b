import { Foundation1795870528874 } from './1795870528874-Foundation';
import { TripsAndActivities1795872304758 } from './1795872304758-TripsAndActivities';

/** Every migration, in order (rewritten by `npm run migration:generate`). */
export const migrations = [Foundation1795870528874, TripsAndActivities1795872304758];
