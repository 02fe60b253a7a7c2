/** `h2h import ENTITY FILE`: a CSV file into the org, with a progress bar and a rejects file. */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Command, Option } from 'commander';
import { importFile, rejectsCsv, type ImportView, type Progress } from '../app/imports.ts';
import { ENTITIES, type Entity } from '../import/columns.ts';
import { CliError, openConfigured, resolveOrg } from './open.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.ceil(seconds - m * 60)} s`;
}

/** One line of progress: a bar on a terminal, plain text in a log. */
function progressLine(p: Progress, bar: boolean): string {
  const { job } = p;
  const share = job.fileSize > 0 ? Math.min(1, job.bytesDone / job.fileSize) : 1;
  const left = p.secondsLeft === null ? '' : ` · ${duration(p.secondsLeft)} left`;
  const text = `${n(job.rowsRead)} rows · ${n(p.rate)} rows/s${left}`;
  if (!bar) return `${(share * 100).toFixed(0)}% · ${text}`;
  const width = 30;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% · ${text}`;
}

function summary(job: ImportView, seconds: number): string {
  const parts = [`${n(job.inserted)} new`, `${n(job.updated)} updated`, `${n(job.duplicates - job.updated)} duplicates skipped`, `${n(job.rejected)} rejected`];
  const rate = seconds > 0 ? ` (${n(job.rowsRead / seconds)} rows/s)` : '';
  return `${job.entity}: ${n(job.rowsRead)} rows read: ${parts.join(', ')} in ${seconds.toFixed(1)} s${rate}`;
}

async function writeRejects(file: string, lines: AsyncIterable<string>): Promise<void> {
  const tmp = `${file}.tmp`;
  const out = fs.createWriteStream(tmp);
  for await (const line of lines) if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  await fsp.rename(tmp, file);
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV file of accounts, contacts, orders or interactions; run it again after a stop and it goes on where it stopped')
    .addArgument(program.createArgument('<entity>', 'what the file holds').choices([...ENTITIES]))
    .argument('<file>', 'the CSV file (UTF-8 or Windows-1252; separated by , ; or tab)')
    .option('--map <map.json>', 'which column fills which field: {"Header in file": "field"} (null skips a column)')
    .addOption(new Option('--on-duplicate <rule>', 'what to do with a row that is already there').choices(['skip', 'update']).default('skip'))
    .option('--rejects <file>', 'where to write the rejected rows (default FILE.rejects.csv, only when there are some)')
    .option('--org <id>', 'the org id (needed when the database has more than one org)')
    .action(async (entity: Entity, file: string, opts: { map?: string; onDuplicate: 'skip' | 'update'; rejects?: string; org?: string }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`there is no file ${file}`);
      let map: unknown;
      if (opts.map) {
        try {
          map = JSON.parse(await fsp.readFile(opts.map, 'utf8'));
        } catch (e) {
          throw new CliError(`cannot read the map ${opts.map}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      const { ctx, close } = await openConfigured();
      try {
        const org = await resolveOrg(ctx, opts.org);
        const actor = { orgId: org.id, userId: null, role: 'admin' as const, kind: 'system' as const };
        const tty = process.stderr.isTTY === true;
        let lastPrint = 0;
        const started = Date.now();
        const result = await importFile(ctx, actor, { entity, file, onDuplicate: opts.onDuplicate, map }, (p) => {
          const now = Date.now();
          if (tty) process.stderr.write(`\r${progressLine(p, true)}\u001b[K`);
          else if (now - lastPrint >= 2000) {
            process.stderr.write(`${progressLine(p, false)}\n`);
            lastPrint = now;
          }
        });
        if (tty) process.stderr.write('\n');
        const { job } = result;
        if (result.alreadyDone) {
          console.log(`${file} was imported already (${job.finishedAt}); nothing to do. ${summary(job, 0).replace(/ in 0\.0 s$/, '')}`);
          return;
        }
        if (result.resumed) console.log(`went on with the import of ${file} where it had stopped`);
        if (job.status === 'failed') throw new CliError(`${job.error ?? 'the import failed'} (${n(job.rowsRead)} rows were imported before it stopped; run the same command again to go on)`);
        console.log(summary(job, (Date.now() - started) / 1000));
        for (const r of job.reasons) console.log(`  ${n(r.count)} × ${r.reason}`);
        if (job.rejected > 0) {
          const target = opts.rejects ?? `${file}.rejects.csv`;
          await writeRejects(target, rejectsCsv(ctx, actor, job.id));
          console.log(`rejected rows, with their line and reason: ${target}`);
        }
      } finally {
        await close();
      }
    });
}
