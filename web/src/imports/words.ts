/** The fields of an import file as people say them: "Förnamn", "namn, förnamn eller efternamn". */
import { useTranslation } from 'react-i18next';
import type { ImportView } from './api.ts';
import type { Entity } from './fields.ts';
import { count } from './format.ts';

const lower = (w: string) => w.charAt(0).toLocaleLowerCase() + w.slice(1);
/** Items of a list after its first start in lower case ("Kund eller kundens organisationsnummer"); mid-sentence, all do. */
const inSentence = (words: readonly string[], mid = false) => words.map((w, i) => (i === 0 && !mid ? w : lower(w)));

export function useFieldWords() {
  const { t, i18n } = useTranslation('imports');
  const lang = i18n.language === 'en' ? 'en-GB' : 'sv-SE';
  const field = (entity: Entity, f: string) => t(`field.${entity}.${f}`, { defaultValue: f });
  /** one field of several will do: "Kund (namn eller organisationsnummer)"; a group without words of its own lists its fields */
  const anyOf = (entity: Entity, fields: readonly string[]) =>
    t(`group.${entity}.${fields[0] ?? ''}`, { defaultValue: new Intl.ListFormat(lang, { type: 'disjunction' }).format(inSentence(fields.map((f) => field(entity, f)))) });
  return {
    field,
    anyOf,
    /** all of them, mid-sentence: "orderdatum och belopp" */
    list: (items: readonly string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(inSentence(items, true)),
  };
}

/** "2 new, 1 duplicate, 1 rejected": the counts that are not 0. */
export function resultText(job: ImportView, t: (key: string, opts?: Record<string, unknown>) => string): string {
  const parts = (['inserted', 'updated', 'duplicates', 'rejected'] as const)
    .filter((k) => job[k] > 0)
    .map((k) => t(`result.${k}`, { count: job[k], n: count(job[k]) }));
  if (parts.length > 0) return parts.join(', ');
  return job.status === 'uploaded' ? '—' : t('result.none');
}
