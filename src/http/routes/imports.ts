import { z } from 'zod';
import { getImport, listImports, rejectsCsv, startImport, uploadImport, type ImportView } from '../../app/imports.ts';
import type { Locale } from '../../domain/process.ts';
import { ENTITIES } from '../../import/columns.ts';
import type { RouteTable } from '../route.ts';
import { cursor, idParams, limit } from '../schemas.ts';
import { SECURITY_HEADERS } from '../headers.ts';
import { acceptedLocale, translateReason } from '../messages.ts';

const entity = z.enum(ENTITIES);

/** The job with the reasons for its rejected rows in the caller's language (Accept-Language; else English). */
const said = <V extends ImportView>(view: V, locale: Locale | null): V =>
  locale ? { ...view, reasons: view.reasons.map((r) => ({ ...r, kind: translateReason(r.kind, locale), reason: translateReason(r.reason, locale) })) } : view;
const fileName = z.string().min(1).max(255);

export function importRoutes(api: RouteTable): void {
  api.upload({
    url: '/imports',
    tag: 'imports',
    summary: 'Upload a CSV file to import (admins); the answer proposes which column fills which field',
    description:
      'Send the file itself as the body (`text/csv` or `application/octet-stream`), with `entity` and `fileName` in the query. ' +
      'Encoding (UTF-8 with or without BOM, Windows-1252) and separator (`,` `;` tab) are detected. 201 with a new job in status ' +
      '`uploaded`; the same file uploaded again for the same entity gives 200 with its earlier job. Then `POST /imports/{id}/start`.',
    query: z.strictObject({ entity, fileName: fileName.default('import.csv') }),
    consumes: ['text/csv', 'application/octet-stream'],
    status: (r) => ((r as { created: boolean }).created ? 201 : 200),
    handler: async ({ query, body, actor, req }) => {
      const { job, created } = await uploadImport(req.server.h2h.ctx, actor, { entity: query.entity, fileName: query.fileName, body, uploadDir: req.server.h2h.uploadDir });
      return { ...said(job, acceptedLocale(req)), created };
    },
  });

  api.add({
    method: 'POST',
    url: '/imports/:id/start',
    tag: 'imports',
    summary: 'Start (or go on with) an uploaded import, with the column map and what to do with duplicates',
    description:
      '`columns` maps a header of the file to a field (`null` skips the column); headers left out keep the proposed field. ' +
      'The import runs in the background: poll `GET /imports/{id}`. An import that stopped goes on after its last committed row.',
    params: idParams,
    body: z.strictObject({
      columns: z.record(z.string().max(255), z.string().max(64).nullable()).optional(),
      onDuplicate: z.enum(['skip', 'update']).optional(),
    }),
    status: 202,
    handler: async ({ params, body, actor, req }) => said(await startImport(req.server.h2h.ctx, actor, params.id, body), acceptedLocale(req)),
  });

  api.add({
    method: 'GET',
    url: '/imports/:id',
    tag: 'imports',
    summary: 'An import: its columns, status and progress (bytes and rows done), counts, and the commonest reasons for rejected rows',
    params: idParams,
    handler: async ({ params, actor, req }) => said(await getImport(req.server.h2h.ctx, actor, params.id), acceptedLocale(req)),
  });

  api.add({
    method: 'GET',
    url: '/imports',
    tag: 'imports',
    summary: 'Imports, newest first',
    query: z.strictObject({ cursor, limit }),
    handler: async ({ query, actor, req }) => {
      const page = await listImports(req.server.h2h.ctx, actor, { before: query.cursor, limit: query.limit });
      return { ...page, items: page.items.map((v) => said(v, acceptedLocale(req))) };
    },
  });

  api.stream({
    url: '/imports/:id/rejects',
    tag: 'imports',
    summary: "An import's rejected rows as CSV: row number, reason, then the file's own columns",
    params: idParams,
    produces: 'text/csv',
    handler: async ({ params, actor, req, reply }) => {
      const lines = rejectsCsv(req.server.h2h.ctx, actor, params.id, (reason) => translateReason(reason, acceptedLocale(req) ?? 'en'));
      // The first line comes before the reply starts: a missing job is still a 404 problem.
      const first = await lines.next();
      reply.hijack();
      reply.raw.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="rejects-${params.id}.csv"`,
        'cache-control': 'no-store',
      });
      if (!first.done) reply.raw.write(first.value);
      for await (const line of lines) if (!reply.raw.write(line)) await new Promise<void>((resolve) => reply.raw.once('drain', () => resolve()));
      reply.raw.end();
    },
  });
}
