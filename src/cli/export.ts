/** `h2h export`: every entity of an org to a directory, one CSV or JSON Lines file each. */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Actor, AppContext } from '../app/context.ts';
import { EXPORT_ENTITIES, EXPORT_FORMATS, exportRows, toChunks, type ExportEntity, type ExportFormat, type ExportRecord } from '../app/exports.ts';
import { CliError, openConfigured, resolveOrg } from './open.ts';

function parseFormat(value: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f === value.toLowerCase());
  if (!format) throw new CliError(`unknown export format "${value}"; use ${EXPORT_FORMATS.join(' or ')}`);
  return format;
}

function parseEntities(value: string | undefined): ExportEntity[] {
  if (value === undefined) return [...EXPORT_ENTITIES];
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const entities: ExportEntity[] = [];
  for (const name of names) {
    const entity = EXPORT_ENTITIES.find((e) => e === name);
    if (!entity) throw new CliError(`"${name}" is not something h2h exports; choose from ${EXPORT_ENTITIES.join(', ')}`);
    if (!entities.includes(entity)) entities.push(entity);
  }
  if (entities.length === 0) throw new CliError(`--entity names nothing; choose from ${EXPORT_ENTITIES.join(', ')}`);
  return entities;
}

const fsReason = (e: unknown) => (e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : String(e));

/** The directory, made if missing; refused with the reason when it cannot be written to. */
function prepareDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (e) {
    const why = fsReason(e);
    throw new CliError(`cannot write to ${dir} (${why === 'EEXIST' || why === 'ENOTDIR' ? 'not a directory' : why})`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new CliError(`cannot write to ${dir} (not a directory)`);
}

/**
 * Writes one entity's file and returns how many rows it holds. The rows go to `FILE.tmp`, with
 * backpressure, and only a finished file is renamed into place: a failed export leaves no file
 * that looks complete.
 */
async function writeExport(ctx: AppContext, actor: Actor, entity: ExportEntity, format: ExportFormat, file: string): Promise<number> {
  let count = 0;
  async function* counted(rows: AsyncIterable<ExportRecord>): AsyncGenerator<ExportRecord> {
    for await (const row of rows) {
      count++;
      yield row;
    }
  }
  const tmp = `${file}.tmp`;
  try {
    await pipeline(toChunks(entity, format, counted(exportRows(ctx, actor, entity))), fs.createWriteStream(tmp));
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof Error && 'path' in e) throw new CliError(`cannot write ${file} (${fsReason(e)})`);
    throw e;
  }
  return count;
}

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description(`write an org's ${EXPORT_ENTITIES.join(', ')} to DIR, one file each (accounts.csv, …), with the import's column names`)
    .argument('<dir>', 'where to write the files; made if missing')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`, 'csv')
    .option('--entity <list>', `only these, comma-separated (${EXPORT_ENTITIES.join(',')})`)
    .option('--org <id>', 'the org id (needed when the database has more than one org)')
    .action(async (dir: string, opts: { format: string; entity?: string; org?: string }) => {
      const format = parseFormat(opts.format);
      const entities = parseEntities(opts.entity);
      prepareDir(dir);
      const { ctx, close } = await openConfigured();
      try {
        const org = await resolveOrg(ctx, opts.org);
        const actor: Actor = { orgId: org.id, userId: null, role: 'admin', kind: 'system' };
        for (const entity of entities) {
          const file = path.join(dir, `${entity}.${format}`);
          const rows = await writeExport(ctx, actor, entity, format, file);
          console.log(`${file}: ${rows} ${rows === 1 ? 'row' : 'rows'}`);
        }
      } finally {
        await close();
      }
    });
}
