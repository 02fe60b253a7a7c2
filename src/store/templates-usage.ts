import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The stages that journeys not yet closed stand in, for one template. */
export const findJourneysUsingTemplate = (db: Kysely<Database>, orgId: string, templateId: string) =>
  db
    .selectFrom('journeys')
    .select(['id', 'stage'])
    .where('org_id', '=', orgId)
    .where('template_id', '=', templateId)
    .where('status', 'in', ['open', 'paused'])
    .execute();
