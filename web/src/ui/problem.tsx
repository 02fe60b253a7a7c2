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

/** A field message ("must not be empty") as a sentence: "Must not be empty." */
export const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');

/**
 * The error of one field, from a 422's field errors, as a sentence. The server
 * words it in the language the app asked for (Accept-Language).
 */
export function fieldProblem(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fieldError(field)?.message;
  return message === undefined ? undefined : sentence(message);
}
