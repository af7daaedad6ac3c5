import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
};
