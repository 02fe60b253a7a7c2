import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate, translateReason } from '../../src/http/messages.ts';

/** Every .ts file under a folder. */
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

/**
 * The English messages the source words for people: field errors given to invalid(),
 * validation problems, the schemas' "must …" rules and the process checks. A `${…}`
 * in a template becomes 7, which every placeholder pattern accepts.
 */
function messagesInSource(): { file: string; message: string }[] {
  const patterns = [
    /\binvalid\(\s*[^,]+,\s*(['`])((?:\\.|(?!\1)[^\\])*)\1\s*\)/g,
    /new AppError\(\s*'validation',\s*(['`])((?:\\.|(?!\1)[^\\])*)\1/g,
    /(['`])(must (?:\\.|(?!\1)[^\\])*)\1/g,
    /\bmessage: (['`])((?:\\.|(?!\1)[^\\])*)\1/g,
    /problems\.push\((['`])((?:\\.|(?!\1)[^\\])*)\1\)/g,
    /\.(?:min|max)\(\s*\d+,\s*(['`])((?:\\.|(?!\1)[^\\])*)\1\)/g,
  ];
  const found: { file: string; message: string }[] = [];
  for (const file of files(path.resolve('src'))) {
    // messages.ts holds the translations; config and the CLI speak to the operator, in English.
    if (file.endsWith(`${path.sep}messages.ts`) || file.endsWith(`${path.sep}config.ts`) || file.includes(`${path.sep}cli${path.sep}`)) continue;
    const source = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const m of source.matchAll(pattern)) found.push({ file: path.relative(process.cwd(), file), message: m[2]!.replace(/\$\{[^}]*\}/g, '7').replace(/\\'/g, "'") });
    }
  }
  return found;
}

describe('error messages in Swedish', () => {
  it('has a Swedish form for every message the source words for people', () => {
    const found = messagesInSource();
    // The scan itself must see the messages it guards, or it proves nothing.
    expect(found.length).toBeGreaterThan(25);
    expect(found.map((f) => f.message)).toContain('No user with that id in your organisation.');
    const untranslated = found.filter((f) => translate(f.message, 'sv') === f.message).map((f) => `${f.file}: ${f.message}`);
    expect(untranslated).toEqual([]);
  });

  it('keeps the field path and the values it quotes, and leaves English alone', () => {
    expect(translate('body.name: must be at most 200 characters', 'sv')).toBe('body.name: får vara högst 200 tecken');
    expect(translate('"12345" is not a Swedish organisation number: it needs 10 digits (NNNNNN-NNNN) and a correct check digit.', 'sv')).toBe(
      '"12345" är inget svenskt organisationsnummer: det har 10 siffror (NNNNNN-NNNN) och en riktig kontrollsiffra.',
    );
    expect(translate('The process is not valid: a process needs at least two stages; stage "x" appears twice.', 'sv')).toBe(
      'Processen är inte giltig: en process behöver minst två steg; steget "x" finns två gånger.',
    );
    expect(translate('must be at most 200 characters', 'en')).toBe('must be at most 200 characters');
  });
});

describe('why an import refused a row, in Swedish', () => {
  it('has a Swedish form for every reason the import layer words', () => {
    const templates: string[] = [];
    for (const file of ['src/import/values.ts', 'src/import/rows.ts', 'src/app/import-writers.ts']) {
      const source = fs.readFileSync(path.resolve(file), 'utf8');
      for (const m of source.matchAll(/(?:fail\(|reason: |reasons\.push\(|=> )`((?:[^`\\]|\\.)*\$\{quote\([^`]*|[^`]*(?:is no account|names no account)[^`]*)`/g)) templates.push(m[1]!);
    }
    // The scan must find what it guards.
    expect(templates.length).toBeGreaterThan(15);
    const samples = templates.map((t) => t.replace(/\$\{quote\([^)]*\)\}/g, '"x"').replace(/\$\{what\}/g, 'a buying role').replace(/\$\{[^}]*\}/g, '7'));
    const untranslated = samples.filter((s) => translateReason(s, 'sv') === s);
    expect(untranslated).toEqual([]);
  });

  it('keeps field names and the values quoted, part by part', () => {
    expect(translateReason('orderedAt: "31/02/2024" is not a date; "amount" is missing', 'sv')).toBe('orderedAt: "31/02/2024" är inget datum; "amount" saknas');
    expect(translateReason('orderedAt: "31/02/2024" is not a date', 'en')).toBe('orderedAt: "31/02/2024" is not a date');
  });
});
