/** Users and their roles; only admins add and change them. */
import type { Role } from '../domain/vocabulary.ts';
import { findUser, findUserByEmailKey, insertUser, listUsers as listUserRows, updateUser as updateUserRow } from '../store/users.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { emailKey } from '../domain/email.ts';
import { hashPassword } from './passwords.ts';
import { requireAdmin } from './permissions.ts';
import { userView } from './views.ts';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password?: string | undefined;
}

export async function addUser(ctx: AppContext, actor: Actor, input: NewUser) {
  requireAdmin(actor);
  const key = emailKey(input.email);
  if (await findUserByEmailKey(ctx.store.db, key)) throw new AppError('conflict', `A user with the e-mail ${input.email} already exists.`);
  const hash = input.password ? await hashPassword(input.password) : null;
  return write(ctx, actor, async (w) => {
    const row = { org_id: actor.orgId, id: w.id(), email: input.email.trim(), email_key: key, name: input.name, role: input.role, password_hash: hash, created_at: w.iso, disabled_at: null };
    await insertUser(w.tx, row);
    await w.audit('user.create', 'user', row.id, null, userView(row));
    return userView(row);
  });
}

export async function listUsers(ctx: AppContext, actor: Actor) {
  return (await listUserRows(ctx.store.db, actor.orgId)).map(userView);
}

export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  const row = await findUser(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('user');
  return userView(row);
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: { name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined }) {
  requireAdmin(actor);
  const before = await findUser(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('user');
  if (id === actor.userId && (input.role !== undefined && input.role !== 'admin' || input.disabled === true)) {
    throw new AppError('conflict', 'You cannot demote or disable yourself; ask another admin.');
  }
  const hash = input.password ? await hashPassword(input.password) : undefined;
  return write(ctx, actor, async (w) => {
    const set = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.disabled !== undefined && { disabled_at: input.disabled ? w.iso : null }),
      ...(hash !== undefined && { password_hash: hash }),
    };
    if (Object.keys(set).length > 0) await updateUserRow(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('user.update', 'user', id, userView(before), userView(after));
    return userView(after);
  });
}
