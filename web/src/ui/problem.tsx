/** API problems as readable sentences in the user's language, next to what caused them. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function problemText(err: unknown, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (!(err instanceof ApiError)) return t('problem.internal');
  const known = t(`problem.${err.code}`, { detail: err.problem.detail, defaultValue: '' });
  return known || t('problem.fallback', { detail: err.problem.detail });
}

/** A message for the whole form or action; renders nothing without an error. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {problemText(error, t)}
    </p>
  );
}

/** The error of one field, from a 422's field errors. */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldError(field)?.message;
}
