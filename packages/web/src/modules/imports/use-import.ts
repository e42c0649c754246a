import { useMutation, useQuery } from '@tanstack/react-query';
import type { ImportJob, ImportKind, ImportResult, Problem } from '@qingyuan/shared';
import { ApiError, api, withQuery } from '../../app/api-client.ts';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'qy_csrf') return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Uploads the raw .xlsx bytes (the JSON client does not send files); problems are thrown as ApiError like elsewhere. */
async function uploadImport(kind: ImportKind, file: File, dryRun: boolean, jobId: string): Promise<ImportResult> {
  const csrf = csrfToken();
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/imports/${kind}`, { dryRun, jobId }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': XLSX_MIME, accept: 'application/json, application/problem+json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: file,
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '网络连接失败，请检查网络后重试', status: 0, code: 'CLIENT_FALLBACK' });
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const problem = body && typeof body === 'object' && 'title' in body ? (body as Problem) : { type: 'about:blank', title: `上传失败（${String(response.status)}）`, status: response.status, code: 'CLIENT_FALLBACK' };
    throw new ApiError(problem);
  }
  return body as ImportResult;
}

export function useUploadImport(kind: ImportKind) {
  return useMutation({
    mutationFn: ({ file, dryRun, jobId }: { file: File; dryRun: boolean; jobId: string }) => uploadImport(kind, file, dryRun, jobId),
  });
}

/** The progress of a running import, polled every second while `active`. */
export function useImportJob(jobId: string | null, active: boolean) {
  return useQuery({
    queryKey: ['imports', 'job', jobId],
    queryFn: () => api.get<ImportJob>(`/api/imports/jobs/${String(jobId)}`),
    enabled: jobId !== null && active,
    refetchInterval: active ? 1000 : false,
    retry: true,
  });
}
