/** Creating an org: the tenant, its first admin and its built-in processes, in one transaction. */
import { emailKey } from '../domain/email.ts';
import { BUILTIN_TEMPLATES } from '../domain/process.ts';
import { insertOrg, listOrgs } from '../store/orgs.ts';
import { insertTemplate } from '../store/templates.ts';
import { findUserByEmailKey, insertUser } from '../store/users.ts';
import { toJson } from '../store/json.ts';
import { type AppContext, type Writer, newId, write } from './context.ts';
import { AppError } from './errors.ts';
import { hashPassword } from './passwords.ts';

export interface NewOrg {
  name: string;
  locale?: 'sv' | 'en';
  timeZone?: string;
  admin: { email: string; name: string; password: string };
}

export async function seedBuiltinTemplates(w: Writer, orgId: string): Promise<void> {
  for (const t of BUILTIN_TEMPLATES) {
    const id = w.id();
    await insertTemplate(w.tx, { org_id: orgId, id, key: t.key, name_sv: t.name.sv, name_en: t.name.en, stages: toJson(t.stages), builtin: 1, created_at: w.iso });
  }
}

export async function createOrg(ctx: AppContext, input: NewOrg): Promise<{ orgId: string; adminId: string }> {
  const orgId = newId(ctx.now());
  const adminId = newId(ctx.now());
  const passwordHash = await hashPassword(input.admin.password);
  if (await findUserByEmailKey(ctx.store.db, emailKey(input.admin.email))) {
    throw new AppError('conflict', `A user with the e-mail ${input.admin.email} already exists.`);
  }
  await write(ctx, { orgId, userId: null, role: 'admin', kind: 'system' }, async (w) => {
    await insertOrg(w.tx, { id: orgId, name: input.name, locale: input.locale ?? 'sv', time_zone: input.timeZone ?? 'Europe/Stockholm', created_at: w.iso });
    await insertUser(w.tx, {
      org_id: orgId,
      id: adminId,
      email: input.admin.email.trim(),
      email_key: emailKey(input.admin.email),
      name: input.admin.name,
      role: 'admin',
      password_hash: passwordHash,
      created_at: w.iso,
      disabled_at: null,
    });
    await seedBuiltinTemplates(w, orgId);
    await w.audit('org.create', 'org', orgId, null, { name: input.name });
  });
  return { orgId, adminId };
}

export const allOrgs = (ctx: AppContext) => listOrgs(ctx.store.db);
