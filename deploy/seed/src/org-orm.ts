import { entities, ORG_MIGRATIONS_PATH, SCHEMA } from '@pingyi/org-service';
import { openOrm } from '@pingyi/persistence';

/**
 * The org service's ORM for seeding. `migrate: false` (tests, benches) expects a database the stack already
 * migrated; the seed command brings the schema up to date itself.
 */
export function openOrgOrm(databaseUrl: string, o: { migrate?: boolean } = {}) {
  return openOrm({
    clientUrl: databaseUrl,
    schema: SCHEMA,
    entities,
    migrationsPath: ORG_MIGRATIONS_PATH,
    migrate: o.migrate ?? false,
  });
}
