/**
 * Export downloads: a whole entity of the org as one CSV or JSON Lines file, streamed a chunk at
 * a time with backpressure, so neither the server nor a slow client holds the whole file.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { EXPORT_COLUMNS, EXPORT_ENTITIES, EXPORT_FORMATS, MEDIA_TYPES, exportFileName, exportRows, toChunks } from '../../app/exports.ts';
import { SECURITY_HEADERS } from '../headers.ts';
import type { RouteTable } from '../route.ts';

const COLUMNS = EXPORT_ENTITIES.map((e) => `${e}: ${EXPORT_COLUMNS[e].join(', ')}`).join('; ');

/** The client went away mid-download: nothing to report to anyone. */
class ClientGone extends Error {}

/** Writes a chunk, and when the socket's buffer is full waits until it has drained. */
function send(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new ClientGone());
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new ClientGone());
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

export function exportRoutes(api: RouteTable): void {
  api.stream({
    url: '/exports/:entity',
    tag: 'exports',
    summary: 'Every row of one entity of your organisation, as a CSV or JSON Lines download (admins only)',
    description:
      'CSV (the default): UTF-8 with a BOM, `,`-separated, CRLF lines, a header row of the import’s field names. A text cell that starts with ' +
      '`=`, `+`, `-`, `@`, tab or CR gets a leading `\'` so that a spreadsheet shows it rather than runs it; numbers are written plainly. ' +
      'Amounts and values are decimal strings in major units (`1234.50`). `format=jsonl`: one JSON object per line, the same keys, ' +
      `\`null\` for what is absent. Columns — ${COLUMNS}.`,
    params: z.strictObject({ entity: z.enum(EXPORT_ENTITIES) }),
    query: z.strictObject({ format: z.enum(EXPORT_FORMATS).default('csv') }),
    produces: 'text/csv',
    handler: async ({ params, query, actor, req, reply }) => {
      const ctx = req.server.h2h.ctx;
      // Refusals and the first page of rows come before the reply is taken over: they still answer problem+json.
      const rows = exportRows(ctx, actor, params.entity);
      const fileName = await exportFileName(ctx, actor, params.entity, query.format);
      const chunks = toChunks(params.entity, query.format, rows);
      const first = await chunks.next();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': MEDIA_TYPES[query.format],
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      });
      try {
        if (!first.done) await send(res, first.value);
        for await (const chunk of chunks) await send(res, chunk);
        res.end();
      } catch (err) {
        await chunks.return(undefined);
        // Half a file must not look whole: cut the connection, so the client sees the download fail.
        if (!(err instanceof ClientGone)) req.log.error({ err }, 'export failed after it started');
        res.destroy();
      }
    },
  });
}
