/** Process templates: the built-in ones and the org's own, with stages and criteria in sv and en. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../api/types.ts';
import { useReturnFocus } from '../accounts/form.tsx';
import { localized, useTemplates } from '../accounts/templates.ts';
import { ErrorMessage } from '../ui/problem.tsx';
import { draftOf, TemplateEditor } from './template-editor.tsx';

type Editing = { template: Template | null; copyOf?: Template } | null;

export function TemplatesSection() {
  const { t, i18n } = useTranslation('settings');
  const tc = useTranslation().t;
  const templates = useTemplates();
  const [editing, setEditing] = useState<Editing>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const newButton = useReturnFocus<HTMLButtonElement>();
  const lang = i18n.language;
  const other = lang === 'en' ? 'sv' : 'en';

  const done = (saved?: Template) => {
    const from = editing;
    setEditing(null);
    if (saved) setOpenId(saved.id);
    const target = saved ?? from?.template ?? from?.copyOf;
    newButton.later(target ? `[id="template-${target.id}"]` : undefined);
  };

  const editor =
    editing &&
    (() => {
      const from = editing.copyOf;
      const initial = from
        ? draftOf(from, {
            sv: i18n.getFixedT('sv', 'settings')('templates.copyName', { name: from.name.sv }),
            en: i18n.getFixedT('en', 'settings')('templates.copyName', { name: from.name.en }),
          })
        : draftOf(editing.template);
      const key = editing.template?.id ?? `new-${editing.copyOf?.id ?? ''}`;
      return <TemplateEditor key={key} template={editing.template} initial={initial} onDone={done} />;
    })();

  return (
    <section id="templates" className="card section" aria-labelledby="templates-title">
      <div className="section-head">
        <h2 id="templates-title">{t('templates.title')}</h2>
        <button ref={newButton.ref} type="button" className="primary" aria-expanded={editing !== null && editing.template === null} onClick={() => setEditing({ template: null })}>
          {t('templates.new')}
        </button>
      </div>
      <p className="muted intro">{t('templates.intro')}</p>
      {editing && editing.template === null && editor}

      {templates.isPending ? (
        <p className="muted">{tc('loading')}</p>
      ) : templates.isError ? (
        <ErrorMessage error={templates.error} />
      ) : (
        <ul className="template-list">
          {templates.data.map((tpl) =>
            editing?.template?.id === tpl.id ? (
              <li key={tpl.id} className="template">
                {editor}
              </li>
            ) : (
              <li key={tpl.id} className="template">
                <div className="template-head">
                  <h3 id={`template-${tpl.id}`} tabIndex={-1}>
                    {localized(tpl.name, lang)}{' '}
                    <span className="muted other-lang" lang={other}>
                      · {localized(tpl.name, other)}
                    </span>
                  </h3>
                  <div className="template-actions">
                    {tpl.builtin ? (
                      <button type="button" className="small" aria-label={`${t('templates.copy')}: ${localized(tpl.name, lang)}`} onClick={() => setEditing({ template: null, copyOf: tpl })}>
                        {t('templates.copy')}
                      </button>
                    ) : (
                      <button type="button" className="small" aria-label={`${tc('edit')} ${localized(tpl.name, lang)}`} onClick={() => setEditing({ template: tpl })}>
                        {tc('edit')}
                      </button>
                    )}
                  </div>
                </div>
                <p className="template-facts">
                  <code>{tpl.key}</code>
                  <span className={`badge ${tpl.builtin ? '' : 'accent'}`}>{tpl.builtin ? t('templates.builtin') : t('templates.own')}</span>
                  <span className="muted">{tpl.stages.map((st) => localized(st.name, lang)).join(' → ')}</span>
                </p>
                <details open={openId === tpl.id} onToggle={(e) => setOpenId(e.currentTarget.open ? tpl.id : openId === tpl.id ? null : openId)}>
                  <summary>
                    {t('templates.show', { count: tpl.stages.length })}
                    <span className="visually-hidden"> – {localized(tpl.name, lang)}</span>
                  </summary>
                  <ol className="stage-view">
                    {tpl.stages.map((st) => (
                      <li key={st.key}>
                        <div className="stage-name">
                          <strong lang="sv">{st.name.sv}</strong> <span lang="en">· {st.name.en}</span> <code>{st.key}</code>
                        </div>
                        {st.criteria.length === 0 ? (
                          <p className="muted small">{t('templates.noCriteria')}</p>
                        ) : (
                          <ul className="criterion-view">
                            {st.criteria.map((c) => (
                              <li key={c.key}>
                                <code>{c.key}</code>
                                <span lang="sv">{c.text.sv}</span>
                                <span lang="en" className="muted">
                                  {c.text.en}
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ol>
                </details>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
