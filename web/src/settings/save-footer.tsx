/**
 * The end of a settings form: what is wrong (the fields' own messages, or
 * the server's problem), Save, and "Saved." said to screen readers too.
 */
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../accounts/form.tsx';

export function SaveFooter({ invalid, error, pending, save, saving, said }: { invalid: boolean; error: unknown; pending: boolean; save: string; saving: string; said: string }) {
  const tc = useTranslation().t;
  return (
    <>
      {invalid ? (
        <p className="error" role="alert">
          {tc('problem.validation')}
        </p>
      ) : (
        <FormProblem error={error} />
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? saving : save}
        </button>
        <p className="saved" role="status">
          {said}
        </p>
      </div>
    </>
  );
}
