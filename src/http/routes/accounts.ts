import { z } from 'zod';
import { TIERS } from '../../domain/loyalty.ts';
import { createAccount, createContact, getAccount, getContact, listAccounts, listContacts, updateAccount, updateContact } from '../../app/accounts.ts';
import { accountTimeline } from '../../app/timeline.ts';
import type { RouteTable } from '../route.ts';
import { accountKind, buyingRole, cursor, email, id, idParams, limit, optionalText, text } from '../schemas.ts';

const accountBody = z.strictObject({
  kind: accountKind.optional(),
  name: text(200),
  orgNumber: z.string().max(20).nullish(),
  website: z.url('must be a web address').max(500).nullish(),
});

const contactBody = z.strictObject({
  name: text(200),
  email: email.nullish(),
  phone: optionalText(50),
  title: optionalText(200),
  buyingRole: buyingRole.optional(),
});

const searchQuery = z.strictObject({ q: z.string().max(200).optional(), cursor, limit });

export function accountRoutes(api: RouteTable): void {
  api.add({
    method: 'GET',
    url: '/accounts',
    tag: 'accounts',
    summary: 'Accounts in Swedish alphabetical order; `q` finds names by prefix (ång finds Ångström AB), `tier` keeps one loyalty tier',
    query: searchQuery.extend({ tier: z.enum(TIERS).optional() }),
    handler: ({ query, actor, req }) => listAccounts(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'POST',
    url: '/accounts',
    tag: 'accounts',
    summary: 'Add an account (a company, the default, or a person); a Swedish organisation number is checked by its check digit',
    body: accountBody,
    status: 201,
    handler: ({ body, actor, req }) => createAccount(req.server.h2h.ctx, actor, { ...body, kind: body.kind ?? 'company' }),
  });

  api.add({
    method: 'GET',
    url: '/accounts/:id',
    tag: 'accounts',
    summary: 'One account',
    params: idParams,
    handler: ({ params, actor, req }) => getAccount(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/accounts/:id',
    tag: 'accounts',
    summary: 'Change an account',
    params: idParams,
    body: accountBody.partial(),
    handler: ({ params, body, actor, req }) => updateAccount(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/accounts/:id/timeline',
    tag: 'accounts',
    summary: 'Everything that happened on any of the account’s journeys, newest first, paged by cursor; each item names its journey',
    params: idParams,
    query: z.strictObject({ cursor, limit }),
    handler: ({ params, query, actor, req }) => accountTimeline(req.server.h2h.ctx, actor, params.id, query),
  });

  api.add({
    method: 'GET',
    url: '/accounts/:id/contacts',
    tag: 'contacts',
    summary: 'The contacts of one account',
    params: idParams,
    query: searchQuery,
    handler: ({ params, query, actor, req }) => listContacts(req.server.h2h.ctx, actor, { ...query, accountId: params.id }),
  });

  api.add({
    method: 'POST',
    url: '/accounts/:id/contacts',
    tag: 'contacts',
    summary: 'Add a contact with a buying role to an account',
    params: idParams,
    body: contactBody,
    status: 201,
    handler: ({ params, body, actor, req }) => createContact(req.server.h2h.ctx, actor, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/contacts',
    tag: 'contacts',
    summary: 'All contacts, in Swedish order; `q` finds names by prefix',
    query: searchQuery.extend({ accountId: id.optional() }),
    handler: ({ query, actor, req }) => listContacts(req.server.h2h.ctx, actor, query),
  });

  api.add({
    method: 'GET',
    url: '/contacts/:id',
    tag: 'contacts',
    summary: 'One contact',
    params: idParams,
    handler: ({ params, actor, req }) => getContact(req.server.h2h.ctx, actor, params.id),
  });

  api.add({
    method: 'PATCH',
    url: '/contacts/:id',
    tag: 'contacts',
    summary: 'Change a contact',
    params: idParams,
    body: contactBody.partial(),
    handler: ({ params, body, actor, req }) => updateContact(req.server.h2h.ctx, actor, params.id, body),
  });
}
