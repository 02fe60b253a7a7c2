/** First start: a new database gets one org (the demo org, or an empty one) and its first admin. */
import { createDemoCases } from './demo-cases.ts';
import { openDemoRoom, type DemoRoom } from './demo-room.ts';
import { listOrgs } from '../store/orgs.ts';
import type { AppContext } from './context.ts';
import { createDemoOrg, demoAnchor } from './demo.ts';
import { createOrg } from './orgs.ts';
import { generatePassword } from './passwords.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@h2h.local';

export interface FirstRun {
  orgId: string;
  adminEmail: string;
  /** set only when H2H made the password up; it is shown once */
  generatedPassword: string | undefined;
  demo: boolean;
  /** the demo's buyer's room, its link shown once */
  room?: DemoRoom | null;
}

/** Does nothing (returns null) when the database already has an org. */
export async function ensureFirstOrg(
  ctx: AppContext,
  opts: { demo: boolean; adminEmail?: string | undefined; adminPassword?: string | undefined; seed?: number },
): Promise<FirstRun | null> {
  if ((await listOrgs(ctx.store.db)).length > 0) return null;
  const adminEmail = opts.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = opts.adminPassword ? undefined : generatePassword();
  const admin = { email: adminEmail, name: 'Admin', password: opts.adminPassword ?? generatedPassword ?? '' };
  const { orgId } = opts.demo
    ? await createDemoOrg(ctx, { seed: opts.seed ?? 1, admin, now: demoAnchor(ctx.now()) })
    : await createOrg(ctx, { name: 'My company', admin });
  const room = opts.demo ? await openDemoRoom(ctx, orgId) : null;
  if (opts.demo) await createDemoCases(ctx, orgId, room ?? null);
  return { orgId, adminEmail, generatedPassword, demo: opts.demo, room };
}
