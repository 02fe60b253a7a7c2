import { z } from 'zod';
import { addUser, getUser, listUsers, updateUser } from '../../app/users.ts';
import type { RouteTable } from '../route.ts';
import { email, idParams, password, role, text } from '../schemas.ts';

export function userRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/users',
    tag: 'users',
    summary: 'Users of your org',
    handler: async ({ actor, req }) => ({ items: await listUsers(req.server.h2h.ctx, actor) }),
  });

  api.add({
    method: 'POST',
    url: '/users',
    tag: 'users',
    summary: 'Add a user (admins only)',
    body: z.strictObject({ email, name: text(200), role, password: password.optional() }),
    status: 201,
    handler: ({ body, actor, req }) => addUser(req.server.h2h.ctx, actor, { ...body, name: body.name.trim() }),
  });

  api.add({
    method: 'GET',
    url: '/users/:id',
    tag: 'users',
    summary: 'One user',
    params: idParams,
    handler: ({ params, actor, req }) => getUser(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/users/:id',
    tag: 'users',
    summary: 'Change a user’s name, role, password or disable them (admins only)',
    params: idParams,
    body: z.strictObject({ name: text(200).optional(), role: role.optional(), disabled: z.boolean().optional(), password: password.optional() }),
    handler: ({ params, body, actor, req }) => updateUser(req.server.h2h.ctx, actor, params.id, body),
  });
}
