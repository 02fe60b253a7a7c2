/** Step 1: what the file holds, the file itself (chosen or dropped), and its upload with progress. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { problemText, sentence } from '../ui/problem.tsx';
import { importKey, RECENT_KEY, uploadImport, type Uploaded, type UploadProgress } from './api.ts';
import { ENTITIES, type Entity } from './fields.ts';
import { fileSize, percent } from './format.ts';

/** Files people drop by mistake: a workbook, not its CSV. */
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

interface Props {
  entity: Entity | null;
  onEntity: (e: Entity) => void;
  file: File | null;
  onFile: (f: File | null) => void;
  onUploaded: (job: Uploaded) => void;
  /** coming back from a later step: the heading takes the focus */
  focusOnMount?: boolean;
}

type Where = 'entity' | 'file' | 'form';

/** Where an upload's problem belongs: the query's entity, the file (body, fileName), or the form as a whole. */
function placeOf(err: unknown): Where {
  if (!(err instanceof ApiError)) return 'form';
  const fields = (err.problem.errors ?? []).map((e) => e.field);
  if (fields.some((f) => f.startsWith('query.entity'))) return 'entity';
  if (fields.some((f) => f === 'body' || f.startsWith('body.') || f.startsWith('query.fileName'))) return 'file';
  if (err.code === 'payload_too_large' || err.code === 'unsupported_media_type') return 'file';
  return 'form';
}

export function UploadForm({ entity, onEntity, file, onFile, onUploaded, focusOnMount = false }: Props) {
  const { t } = useTranslation('imports');
  const tc = useTranslation().t;
  const qc = useQueryClient();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const firstEntity = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<{ where: Where; text: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const uploading = progress !== null;

  // Leaving the page while a file goes up stops the upload.
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  // A file dropped beside the drop zone would make the browser open it in place of the page.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const choose = (f: File | null) => {
    onFile(f);
    setError(f && SPREADSHEET.test(f.name) ? { where: 'file', text: t('upload.spreadsheet') } : null);
  };

  const upload = async () => {
    if (!entity || !file) return;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const job = await uploadImport(entity, file, setProgress, controller.signal);
      qc.setQueryData(importKey(job.id), job);
      void qc.invalidateQueries({ queryKey: RECENT_KEY });
      onUploaded(job);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') {
        setError({ where: 'form', text: t('upload.cancelled') });
      } else {
        const where = placeOf(err);
        const field = err instanceof ApiError ? err.problem.errors?.[0]?.message : undefined;
        setError({ where, text: where !== 'form' && field ? sentence(field) : problemText(err, tc) });
        if (where === 'file') fileInput.current?.focus();
      }
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (uploading) return;
    if (!entity) {
      setError({ where: 'entity', text: t('upload.chooseEntity') });
      firstEntity.current?.focus();
    } else if (!file) {
      setError({ where: 'file', text: t('upload.chooseFile') });
      fileInput.current?.focus();
    } else if (SPREADSHEET.test(file.name) || file.size === 0) {
      setError({ where: 'file', text: file.size === 0 ? t('upload.empty') : t('upload.spreadsheet') });
      fileInput.current?.focus();
    } else {
      void upload();
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (uploading) return;
    const dropped = e.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const errorAt = (where: Where) => (error?.where === where ? error.text : null);
  const entityError = errorAt('entity');
  const fileError = errorAt('file');
  const formError = errorAt('form');
  const ids = { entityError: `${id}-entity-error`, fileError: `${id}-file-error`, fileHint: `${id}-file-hint`, chosen: `${id}-chosen` };
  const shown = progress ? percent(progress.loaded, progress.total) : 0;

  return (
    <form className="card section import-step" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('upload.title')}
      </h2>

      <fieldset className={`entity-choice${entityError ? ' field-invalid' : ''}`} aria-describedby={entityError ? ids.entityError : undefined} disabled={uploading}>
        <legend>{t('upload.entity')}</legend>
        <div className="entity-options">
          {ENTITIES.map((e, i) => (
            <div key={e} className={`entity-option${entity === e ? ' chosen' : ''}`}>
              <input
                ref={i === 0 ? firstEntity : undefined}
                type="radio"
                id={`${id}-${e}`}
                name={`${id}-entity`}
                value={e}
                checked={entity === e}
                onChange={() => {
                  onEntity(e);
                  if (error?.where === 'entity') setError(null);
                }}
                aria-describedby={`${id}-${e}-hint`}
              />
              <label htmlFor={`${id}-${e}`}>{t(`entity.${e}`)}</label>
              <small id={`${id}-${e}-hint`} className="hint">
                {t(`entityHint.${e}`)}
              </small>
            </div>
          ))}
        </div>
        {entityError && (
          <small id={ids.entityError} className="field-error">
            {entityError}
          </small>
        )}
      </fieldset>

      <div
        className={`dropzone${dragging ? ' dragging' : ''}${fileError ? ' field-invalid' : ''}${file ? ' has-file' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          if (!uploading) setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = uploading ? 'none' : 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <input
          ref={fileInput}
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".csv,text/csv"
          disabled={uploading}
          aria-invalid={Boolean(fileError)}
          aria-describedby={[file ? ids.chosen : null, fileError ? ids.fileError : null, ids.fileHint].filter(Boolean).join(' ')}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        <p className="drop-lead">{dragging ? t('upload.dropNow') : t('upload.drop')}</p>
        <label htmlFor={`${id}-file`} className={`button${uploading ? ' disabled' : ''}`}>
          {file ? t('upload.otherFile') : t('upload.chooseButton')}
        </label>
        {file && (
          <p id={ids.chosen} className="chosen">
            <span className="visually-hidden">{t('upload.chosen')} </span>
            <strong>{file.name}</strong> <span className="muted">({fileSize(file.size)})</span>
          </p>
        )}
        <small id={ids.fileHint} className="hint">
          {t('upload.fileHint')}
        </small>
        {fileError && (
          <small id={ids.fileError} className="field-error">
            {fileError}
          </small>
        )}
      </div>

      {progress && (
        <div className="upload-progress">
          <label htmlFor={`${id}-progress`}>{t('upload.sending', { percent: shown, size: fileSize(progress.total) })}</label>
          <progress id={`${id}-progress`} value={progress.loaded} max={progress.total || 1}>
            {shown} %
          </progress>
        </div>
      )}
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        {/* Not disabled while the file goes up: a disabled button would drop the keyboard's focus. */}
        <button type="submit" className="primary" aria-disabled={uploading}>
          {uploading ? t('upload.uploading') : t('upload.submit')}
        </button>
        {uploading && (
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('upload.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
