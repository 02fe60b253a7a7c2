/**
 * Step 2: which field each column of the file fills (the server's proposal to
 * start from), what to do with a row that is already there, and Start.
 * The map stays as the user left it whatever the server answers.
 */
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../accounts/form.tsx';
import { fieldProblem } from '../ui/problem.tsx';
import { startImport, type ImportView, type OnDuplicate } from './api.ts';
import { FileFacts } from './file-facts.tsx';
import { columnMap, fieldsOf, repeatedColumns, requiredGroups } from './fields.ts';
import { useFieldWords } from './words.ts';

interface Props {
  job: ImportView;
  /** the step's heading, which JobView draws */
  headingId: string;
  onStarted: (job: ImportView) => void;
  onOtherFile: () => void;
}

export function MappingForm({ job, headingId, onStarted, onOtherFile }: Props) {
  const { t } = useTranslation('imports');
  const words = useFieldWords();
  const id = useId();
  const headers = job.columns.map((c) => c.header);
  const [choices, setChoices] = useState<(string | null)[]>(() => job.columns.map((c) => c.field));
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>(job.onDuplicate);
  const start = useMutation({
    mutationFn: () => startImport(job.id, { columns: columnMap(headers, choices), onDuplicate }),
    onSuccess: onStarted,
  });

  const fields = fieldsOf(job.entity);
  const groups = requiredGroups(job.entity, choices);
  const missing = groups.filter((g) => g.filledBy === undefined);
  const repeats = repeatedColumns(choices);
  const columnsError = fieldProblem(start.error, 'columns');
  const ids = { error: `${id}-columns-error`, missing: `${id}-missing`, required: `${id}-required` };
  const columnName = (i: number) => headers[i] || t('mapping.noHeader', { n: i + 1 });

  const choose = (i: number, field: string | null) => setChoices((old) => old.map((f, j) => (j === i ? field : f)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!start.isPending) start.mutate();
  };

  return (
    <form className="mapping-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <FileFacts job={job} />
      <p className="muted intro">{t('mapping.intro')}</p>

      <div id={ids.required} className="required-fields">
        <h3>{t('mapping.required')}</h3>
        <ul>
          {groups.map((g) => {
            const filled = g.filledBy !== undefined;
            return (
              <li key={g.fields.join()} className={filled ? 'filled' : 'unfilled'}>
                <span aria-hidden="true" className="mark">
                  {filled ? '✓' : '!'}
                </span>
                <span>
                  <strong>{words.anyOf(job.entity, g.fields)}</strong>{' '}
                  {filled ? t('mapping.filledBy', { column: columnName(g.filledBy!) }) : <span className="missing-word">{t('mapping.notFilled')}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      </div>

      <table className="list mapping" aria-describedby={columnsError ? ids.error : undefined}>
        <caption className="visually-hidden">{t('mapping.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mapping.column')}</th>
            <th scope="col">{t('mapping.field')}</th>
          </tr>
        </thead>
        <tbody>
          {job.columns.map((c, i) => {
            const repeatOf = repeats.get(i);
            const note = `${id}-note-${i}`;
            const describedBy = [repeatOf !== undefined ? note : null, columnsError ? ids.error : null].filter(Boolean).join(' ') || undefined;
            const choice = choices[i] ?? null;
            return (
              <tr key={i} className={choice === null ? 'skipped' : undefined}>
                <th scope="row">
                  <label htmlFor={`${id}-col-${i}`} className={c.header ? undefined : 'muted'}>
                    {columnName(i)}
                  </label>
                </th>
                <td>
                  <select id={`${id}-col-${i}`} value={choice ?? ''} aria-describedby={describedBy} onChange={(e) => choose(i, e.target.value || null)}>
                    <option value="">{t('mapping.skip')}</option>
                    {fields.map((f) => (
                      <option key={f} value={f}>
                        {words.field(job.entity, f)}
                      </option>
                    ))}
                  </select>
                  {repeatOf !== undefined && (
                    <small id={note} className="repeat-note">
                      {t('mapping.repeat', { column: columnName(repeatOf) })}
                    </small>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {columnsError && (
        <p id={ids.error} className="field-error columns-error" role="alert">
          {columnsError}
        </p>
      )}

      <fieldset className="duplicate-choice" aria-describedby={`${id}-dup-hint`}>
        <legend>{t('duplicate.legend')}</legend>
        <small id={`${id}-dup-hint`} className="hint">
          {t(`duplicate.rule.${job.entity}`)}
        </small>
        {(['skip', 'update'] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name={`${id}-dup`} value={d} checked={onDuplicate === d} onChange={() => setOnDuplicate(d)} />
            {t(`duplicate.${d}`)}
          </label>
        ))}
      </fieldset>

      {missing.length > 0 && (
        <p id={ids.missing} className="notice">
          {t('mapping.missing', { fields: words.list(missing.map((g) => words.anyOf(job.entity, g.fields))) })}
        </p>
      )}
      {!columnsError && <FormProblem error={start.error} />}
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={start.isPending} aria-describedby={missing.length > 0 ? ids.missing : undefined}>
          {start.isPending ? t('mapping.starting') : t('mapping.start')}
        </button>
        <button type="button" onClick={onOtherFile}>
          {t('mapping.otherFile')}
        </button>
      </div>
    </form>
  );
}
