import { z } from 'zod';
import { createTemplate, getTemplate, listTemplates, replaceTemplate } from '../../app/templates.ts';
import type { RouteTable } from '../route.ts';
import { idParams, key, localizedText } from '../schemas.ts';

const stages = z
  .array(
    z.strictObject({
      key,
      name: localizedText(100),
      criteria: z.array(z.strictObject({ key, text: localizedText(300) })).max(20),
    }),
  )
  .min(2, 'a process needs at least two stages')
  .max(20);

export function templateRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/process-templates',
    tag: 'process templates',
    summary: 'The built-in B2B and consumer processes and your own',
    handler: async ({ actor, req }) => ({ items: await listTemplates(req.server.h2h.ctx, actor) }),
  });

  api.add({
    method: 'POST',
    url: '/process-templates',
    tag: 'process templates',
    summary: 'Create your own process: stages with exit criteria, names in sv and en (admins only)',
    body: z.strictObject({ key, name: localizedText(100), stages }),
    status: 201,
    handler: ({ body, actor, req }) => createTemplate(req.server.h2h.ctx, actor, body),
  });

  api.add({
    method: 'GET',
    url: '/process-templates/:id',
    tag: 'process templates',
    summary: 'One process template',
    params: idParams,
    handler: ({ params, actor, req }) => getTemplate(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PUT',
    url: '/process-templates/:id',
    tag: 'process templates',
    summary: 'Replace your own process’s names and stages (admins only; stages with open journeys stay)',
    params: idParams,
    body: z.strictObject({ name: localizedText(100), stages }),
    handler: ({ params, body, actor, req }) => replaceTemplate(req.server.h2h.ctx, actor, params.id, body),
  });
}
