/**
 * The import API (src/http/routes/imports.ts): the upload goes by
 * XMLHttpRequest, the one browser API that reports an upload's progress;
 * everything else by the app's own client.
 */
import { ApiError, get, post, type Problem } from '../api/client.ts';
import i18n from '../i18n/index.ts';
import type { Entity } from './fields.ts';

export type ImportStatus = 'uploaded' | 'running' | 'done' | 'failed';
export type OnDuplicate = 'skip' | 'update';

export interface ImportView {
  id: string;
  entity: Entity;
  fileName: string;
  fileSize: number;
  status: ImportStatus;
  encoding: string | null;
  separator: string | null;
  /** the file's header row and the field each column fills (null: not imported) */
  columns: { header: string; field: string | null }[];
  /** required fields no column fills yet */
  missing: string[];
  onDuplicate: OnDuplicate;
  bytesDone: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  reasons: { reason: string; count: number }[];
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** An upload's answer: `created` is false when this very file was uploaded before, and the job is that earlier one. */
export type Uploaded = ImportView & { created: boolean };

export interface UploadProgress {
  loaded: number;
  total: number;
}

const offline = () => new ApiError({ type: '/api/problems/offline', title: 'offline', status: 0, detail: 'The server cannot be reached.' });

/** A problem+json answer as ApiError, the way api() in client.ts makes it. */
function problemOf(status: number, statusText: string, text: string): ApiError {
  let data: Partial<Problem> = {};
  try {
    data = text ? (JSON.parse(text) as Partial<Problem>) : {};
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ApiError({ type: data.type ?? '/api/problems/internal', title: data.title ?? '', status, detail: data.detail ?? statusText, ...data });
}

/**
 * Sends the file itself as the body (not a form), reporting the bytes sent.
 * The returned promise rejects with ApiError, or with an AbortError when `signal` aborts.
 */
export function uploadImport(entity: Entity, file: File, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ entity, fileName: file.name || 'import.csv' });
    xhr.open('POST', `/api/v1/imports?${query.toString()}`);
    // Same-origin, so the session cookie goes along as with fetch's credentials: 'same-origin'.
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Uploaded);
        } catch {
          reject(problemOf(xhr.status, xhr.statusText, ''));
        }
      } else {
        reject(problemOf(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(offline());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export const startImport = (id: string, body: { columns: Record<string, string | null>; onDuplicate: OnDuplicate }) => post<ImportView>(`/imports/${id}/start`, body);
export const getImport = (id: string) => get<ImportView>(`/imports/${id}`);

/** Where the rejected rows of an import download from, as CSV. */
export const rejectsUrl = (id: string) => `/api/v1/imports/${id}/rejects`;

export const importKey = (id: string) => ['imports', id] as const;
export const RECENT_KEY = ['imports', 'recent'] as const;
