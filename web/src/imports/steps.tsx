/** Where in the three steps of an import the user is: file, columns, import. */
import { useTranslation } from 'react-i18next';

const STEPS = ['file', 'columns', 'run'] as const;

export function ImportSteps({ step }: { step: 0 | 1 | 2 }) {
  const { t } = useTranslation('imports');
  return (
    <ol className="import-steps" aria-label={t('steps.label')}>
      {STEPS.map((s, i) => (
        <li key={s} className={i < step ? 'past' : i === step ? 'current' : undefined} aria-current={i === step ? 'step' : undefined}>
          <span className="step-n" aria-hidden="true">
            {i < step ? '✓' : i + 1}
          </span>
          <span>
            {t(`steps.${s}`)}
            {i < step && <span className="visually-hidden"> ({t('steps.done')})</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
