/**
 * Migrations, in order. Each runs in its own transaction together with the
 * row that records it, so a failed migration leaves nothing behind.
 */
import type { Kysely } from 'kysely';
import * as foundation from './2026-11-29-foundation.ts';
import * as journeyTitleKey from './2026-11-30-journey-title-key.ts';
import * as imports from './2026-12-01-imports.ts';
import * as loyalty from './2026-12-02-loyalty.ts';
import * as products from './2026-12-03-products.ts';
import * as priceRules from './2026-12-04-price-rules.ts';
import * as quotes from './2026-12-05-quotes.ts';
import * as portal from './2026-12-06-portal.ts';
import * as roomSay from './2026-12-07-room-say.ts';
import * as dialogue from './2026-12-08-dialogue.ts';
import * as caseSteps from './2026-12-09-case-steps.ts';
import * as portalSessionEmail from './2026-12-10-portal-session-email.ts';
import * as portalSignInLinks from './2026-12-11-portal-sign-in-links.ts';
import * as caseClosingRules from './2026-12-12-case-closing-rules.ts';

export type SqlDialect = 'sqlite' | 'postgres';
// Migrations are frozen in time and must not follow today's table types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  name: string;
  up(db: MigrationDb, dialect: SqlDialect): Promise<void>;
  down(db: MigrationDb, dialect: SqlDialect): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '2026-11-29-foundation', ...foundation },
  { name: '2026-11-30-journey-title-key', ...journeyTitleKey },
  { name: '2026-12-01-imports', ...imports },
  { name: '2026-12-02-loyalty', ...loyalty },
  { name: '2026-12-03-products', ...products },
  { name: '2026-12-04-price-rules', ...priceRules },
  { name: '2026-12-05-quotes', ...quotes },
  { name: '2026-12-06-portal', ...portal },
  { name: '2026-12-07-room-say', ...roomSay },
  { name: '2026-12-08-dialogue', ...dialogue },
  { name: '2026-12-09-case-steps', ...caseSteps },
  { name: '2026-12-10-portal-session-email', ...portalSessionEmail },
  { name: '2026-12-11-portal-sign-in-links', ...portalSignInLinks },
  { name: '2026-12-12-case-closing-rules', ...caseClosingRules },
];
