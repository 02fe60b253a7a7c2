/**
 * Creating or changing an org's own process: stages in order, each with exit
 * criteria, names and texts in Swedish and English. Keys follow the English
 * name until one is typed by hand. The server's field errors land beside the
 * field they belong to, even after the stages have been reordered.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../api/client.ts';
import type { Localized, Template } from '../api/types.ts';
import { FieldErrorText, FormField, FormProblem, useFieldErrors, useReturnFocus, type ConflictRule, type FieldMessage } from '../accounts/form.tsx';
import { localized, TEMPLATES_KEY } from '../accounts/templates.ts';

interface DraftCriterion {
  uid: string;
  key: string;
  keyTouched: boolean;
  sv: string;
  en: string;
}

interface DraftStage extends DraftCriterion {
  criteria: DraftCriterion[];
}

interface Draft {
  key: string;
  keyTouched: boolean;
  sv: string;
  en: string;
  stages: DraftStage[];
}

const TEMPLATE_CONFLICTS: ConflictRule[] = [
  { match: /already exists/i, field: 'key', key: 'keyTaken' },
  { match: /built-in/i, key: 'builtin' },
  { match: /stage\(s\) (.+?);/i, key: 'stagesInUse', vars: (m) => ({ stages: m[1] }) },
];

let counter = 0;
const uid = () => `u${++counter}`;

/** `Köpet är klart` → `kopet_ar_klart`: a key the server accepts. */
export function slug(text: string): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(s) ? s : s ? `k_${s}` : '';
}

const blankCriterion = (): DraftCriterion => ({ uid: uid(), key: '', keyTouched: false, sv: '', en: '' });
const blankStage = (): DraftStage => ({ uid: uid(), key: '', keyTouched: false, sv: '', en: '', criteria: [blankCriterion()] });

/** A draft from a template; with `copyNames`, a new process made from it. */
export function draftOf(template: Template | null, copyNames?: Localized): Draft {
  if (!template) return { key: '', keyTouched: false, sv: '', en: '', stages: [blankStage(), blankStage()] };
  return {
    key: copyNames ? `${template.key}_own`.slice(0, 64) : template.key,
    keyTouched: true,
    sv: copyNames?.sv ?? template.name.sv,
    en: copyNames?.en ?? template.name.en,
    stages: template.stages.map((s) => ({
      uid: uid(),
      key: s.key,
      keyTouched: true,
      sv: s.name.sv,
      en: s.name.en,
      criteria: s.criteria.map((c) => ({ uid: uid(), key: c.key, keyTouched: true, sv: c.text.sv, en: c.text.en })),
    })),
  };
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** The order of stages and criteria when the draft was sent, to place the answer's errors. */
type Sent = { uid: string; criteria: string[] }[];

export function TemplateEditor({ template, initial, onDone }: { template: Template | null; initial: Draft; onDone: (saved?: Template) => void }) {
  const { t, i18n } = useTranslation('settings');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const headingId = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [sent, setSent] = useState<Sent>([]);
  const [focusUid, setFocusUid] = useState<string | null>(null);
  const addStageButton = useReturnFocus<HTMLButtonElement>();
  const editing = template !== null;

  useEffect(() => {
    if (!focusUid) return;
    document.querySelector<HTMLElement>(`[data-focus="${focusUid}"]`)?.focus();
    setFocusUid(null);
  }, [focusUid]);

  const save = useMutation({
    mutationFn: (stages: DraftStage[]) => {
      const body = {
        name: { sv: draft.sv, en: draft.en },
        stages: stages.map((s) => ({
          key: s.key,
          name: { sv: s.sv, en: s.en },
          criteria: s.criteria.map((c) => ({ key: c.key, text: { sv: c.sv, en: c.en } })),
        })),
      };
      return editing ? put<Template>(`/process-templates/${template.id}`, body) : post<Template>('/process-templates', { key: draft.key, ...body });
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: TEMPLATES_KEY });
      onDone(saved);
    },
  });
  const fe = useFieldErrors(save.error, TEMPLATE_CONFLICTS);
  const stageIndex = (s: DraftStage) => sent.findIndex((x) => x.uid === s.uid);
  const stageError = (s: DraftStage, path: string, exact = false): FieldMessage | undefined => {
    const i = stageIndex(s);
    return i < 0 ? undefined : fe(`stages.${i}${path}`, { exact });
  };
  const criterionError = (s: DraftStage, c: DraftCriterion, path: string): FieldMessage | undefined => {
    const i = stageIndex(s);
    const j = i < 0 ? -1 : (sent[i]?.criteria.indexOf(c.uid) ?? -1);
    return j < 0 ? undefined : fe(`stages.${i}.criteria.${j}${path}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A criterion row left wholly empty is not meant: it is left out, not reported.
    const stages = draft.stages.map((s) => ({ ...s, criteria: s.criteria.filter((c) => c.key.trim() || c.sv.trim() || c.en.trim()) }));
    setSent(stages.map((s) => ({ uid: s.uid, criteria: s.criteria.map((c) => c.uid) })));
    save.mutate(stages);
  };

  const setTop = (p: Partial<Draft>) =>
    setDraft((d) => {
      const next = { ...d, ...p };
      if (!editing && !next.keyTouched && (p.en !== undefined || p.sv !== undefined)) next.key = slug(next.en || next.sv);
      return next;
    });
  const setStage = (uid: string, p: Partial<DraftStage>) =>
    setDraft((d) => ({
      ...d,
      stages: d.stages.map((s) => {
        if (s.uid !== uid) return s;
        const next = { ...s, ...p };
        if (!next.keyTouched && (p.en !== undefined || p.sv !== undefined)) next.key = slug(next.en || next.sv);
        return next;
      }),
    }));
  const setCriterion = (stageUid: string, cUid: string, p: Partial<DraftCriterion>) =>
    setDraft((d) => ({
      ...d,
      stages: d.stages.map((s) =>
        s.uid !== stageUid
          ? s
          : {
              ...s,
              criteria: s.criteria.map((c) => {
                if (c.uid !== cUid) return c;
                const next = { ...c, ...p };
                if (!next.keyTouched && (p.en !== undefined || p.sv !== undefined)) next.key = slug(next.en || next.sv);
                return next;
              }),
            },
      ),
    }));
  const setCriteria = (stageUid: string, f: (cs: DraftCriterion[]) => DraftCriterion[]) =>
    setDraft((d) => ({ ...d, stages: d.stages.map((s) => (s.uid === stageUid ? { ...s, criteria: f(s.criteria) } : s)) }));

  const addStage = () => {
    const s = blankStage();
    setDraft((d) => ({ ...d, stages: [...d.stages, s] }));
    setFocusUid(s.uid);
  };
  const removeStage = (i: number) => {
    setDraft((d) => ({ ...d, stages: d.stages.filter((_, k) => k !== i) }));
    addStageButton.later();
  };
  const addCriterion = (stageUid: string) => {
    const c = blankCriterion();
    setCriteria(stageUid, (cs) => [...cs, c]);
    setFocusUid(c.uid);
  };

  const topStages = fe('stages', { exact: true });
  const n = draft.stages.length;

  return (
    <form className="template-editor" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{editing ? t('templates.editTitle', { name: localized(template.name, i18n.language) }) : t('templates.newTitle')}</h3>
      <div className="row">
        <FormField label={t('templates.nameSv')} message={fe('name.sv')}>
          {(p) => <input {...p} lang="sv" required maxLength={100} value={draft.sv} onChange={(e) => setTop({ sv: e.target.value })} />}
        </FormField>
        <FormField label={t('templates.nameEn')} message={fe('name.en')}>
          {(p) => <input {...p} lang="en" required maxLength={100} value={draft.en} onChange={(e) => setTop({ en: e.target.value })} />}
        </FormField>
        <FormField label={t('templates.key')} message={fe('key')} hint={editing ? t('templates.keyFixed') : t('templates.keyHint')}>
          {(p) => (
            <input
              {...p}
              className="key-input"
              required
              maxLength={64}
              readOnly={editing}
              spellCheck={false}
              value={draft.key}
              onChange={(e) => setTop({ key: e.target.value, keyTouched: true })}
            />
          )}
        </FormField>
      </div>

      <h4 className="stages-title">{t('templates.stages')}</h4>
      {topStages && <FieldErrorText message={topStages} />}
      <ol className="stage-editors">
        {draft.stages.map((s, i) => {
          const stageNo = i + 1;
          const label = (text: string) => (
            <>
              {text}
              <span className="visually-hidden"> {t('templates.ofStage', { n: stageNo })}</span>
            </>
          );
          const criteriaError = stageError(s, '.criteria', true);
          return (
            <li key={s.uid} className="stage-editor">
              <fieldset>
                <legend>
                  {t('templates.stageN', { n: stageNo })}
                  {(s.sv || s.en) && <span className="muted">: {i18n.language === 'en' ? s.en || s.sv : s.sv || s.en}</span>}
                </legend>
                <div className="stage-tools">
                  <button type="button" className="small" aria-disabled={i === 0} onClick={() => i > 0 && setDraft((d) => ({ ...d, stages: move(d.stages, i, i - 1) }))}>
                    <span aria-hidden="true">↑</span> {t('templates.up')}
                    <span className="visually-hidden"> {t('templates.stageRef', { n: stageNo })}</span>
                  </button>
                  <button type="button" className="small" aria-disabled={i === n - 1} onClick={() => i < n - 1 && setDraft((d) => ({ ...d, stages: move(d.stages, i, i + 1) }))}>
                    <span aria-hidden="true">↓</span> {t('templates.down')}
                    <span className="visually-hidden"> {t('templates.stageRef', { n: stageNo })}</span>
                  </button>
                  <button type="button" className="small danger" onClick={() => removeStage(i)}>
                    {t('templates.removeStage')}
                    <span className="visually-hidden"> {stageNo}</span>
                  </button>
                </div>
                <div className="row">
                  <FormField label={label(t('templates.nameSv'))} message={stageError(s, '.name.sv')}>
                    {(p) => <input {...p} data-focus={s.uid} lang="sv" maxLength={100} value={s.sv} onChange={(e) => setStage(s.uid, { sv: e.target.value })} />}
                  </FormField>
                  <FormField label={label(t('templates.nameEn'))} message={stageError(s, '.name.en')}>
                    {(p) => <input {...p} lang="en" maxLength={100} value={s.en} onChange={(e) => setStage(s.uid, { en: e.target.value })} />}
                  </FormField>
                  <FormField label={label(t('templates.key'))} message={stageError(s, '.key')}>
                    {(p) => (
                      <input {...p} className="key-input" maxLength={64} spellCheck={false} value={s.key} onChange={(e) => setStage(s.uid, { key: e.target.value, keyTouched: true })} />
                    )}
                  </FormField>
                </div>

                <p className="criteria-title">{t('templates.criteria')}</p>
                {criteriaError && <FieldErrorText message={criteriaError} />}
                {s.criteria.length === 0 && <p className="muted small">{t('templates.noCriteria')}</p>}
                <ol className="criterion-editors">
                  {s.criteria.map((c, j) => {
                    const where = t('templates.criterionOf', { n: j + 1, stage: stageNo });
                    const which = t('templates.criterionRef', { n: j + 1, stage: stageNo });
                    const cLabel = (text: string) => (
                      <>
                        {text}
                        <span className="visually-hidden"> {where}</span>
                      </>
                    );
                    const m = s.criteria.length;
                    return (
                      <li key={c.uid} className="criterion-editor">
                        <FormField className="grow" label={cLabel(t('templates.textSv'))} message={criterionError(s, c, '.text.sv')}>
                          {(p) => <textarea {...p} data-focus={c.uid} lang="sv" rows={2} maxLength={300} value={c.sv} onChange={(e) => setCriterion(s.uid, c.uid, { sv: e.target.value })} />}
                        </FormField>
                        <FormField className="grow" label={cLabel(t('templates.textEn'))} message={criterionError(s, c, '.text.en')}>
                          {(p) => <textarea {...p} lang="en" rows={2} maxLength={300} value={c.en} onChange={(e) => setCriterion(s.uid, c.uid, { en: e.target.value })} />}
                        </FormField>
                        <FormField className="key-field" label={cLabel(t('templates.key'))} message={criterionError(s, c, '.key')}>
                          {(p) => (
                            <input
                              {...p}
                              className="key-input"
                              maxLength={64}
                              spellCheck={false}
                              value={c.key}
                              onChange={(e) => setCriterion(s.uid, c.uid, { key: e.target.value, keyTouched: true })}
                            />
                          )}
                        </FormField>
                        <div className="criterion-tools">
                          <button type="button" className="small icon" aria-disabled={j === 0} onClick={() => j > 0 && setCriteria(s.uid, (cs) => move(cs, j, j - 1))}>
                            <span aria-hidden="true">↑</span>
                            <span className="visually-hidden">
                              {t('templates.up')} {which}
                            </span>
                          </button>
                          <button type="button" className="small icon" aria-disabled={j === m - 1} onClick={() => j < m - 1 && setCriteria(s.uid, (cs) => move(cs, j, j + 1))}>
                            <span aria-hidden="true">↓</span>
                            <span className="visually-hidden">
                              {t('templates.down')} {which}
                            </span>
                          </button>
                          <button
                            type="button"
                            className="small icon danger"
                            onClick={() => {
                              setCriteria(s.uid, (cs) => cs.filter((x) => x.uid !== c.uid));
                              setFocusUid(`add-${s.uid}`);
                            }}
                          >
                            <span aria-hidden="true">✕</span>
                            <span className="visually-hidden">
                              {t('templates.removeCriterion')} {which}
                            </span>
                          </button>
                        </div>
                      </li>
                    );
                  })}
                </ol>
                <button type="button" className="small" data-focus={`add-${s.uid}`} onClick={() => addCriterion(s.uid)}>
                  <span aria-hidden="true">+</span> {t('templates.addCriterion')}
                  <span className="visually-hidden"> {t('templates.toStage', { n: stageNo })}</span>
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button ref={addStageButton.ref} type="button" onClick={addStage}>
        <span aria-hidden="true">+</span> {t('templates.addStage')}
      </button>

      <FormProblem error={save.error} conflicts={TEMPLATE_CONFLICTS} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {editing ? t('templates.save') : t('templates.create')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {tc('cancel')}
        </button>
      </div>
    </form>
  );
}
