import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PERSON_PHOTO_MAX_BYTES, PERSON_PHOTO_TYPES, type PersonDetail, type Problem } from '@qingyuan/shared';
import { ApiError, api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

const photoPath = (id: string) => `/api/persons/${encodeURIComponent(id)}/photo`;
/** Kept apart from the detail key: refreshing the detail must not read (and audit) the photo again. */
const photoKey = (id: string) => [...personKeys.all, 'photo', id] as const;

/** The photo's bytes: an image response, not JSON, so read with a plain same-origin fetch. */
async function fetchPhoto(id: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(photoPath(id), { credentials: 'same-origin', headers: { accept: 'image/*, application/problem+json' } });
  } catch {
    throw new ApiError({ type: 'about:blank', title: '网络连接失败，请检查网络后重试', status: 0, code: 'CLIENT_FALLBACK' });
  }
  if (!response.ok) {
    const problem = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as Problem) : null;
    throw new ApiError(problem ?? { type: 'about:blank', title: '照片读取失败', status: response.status, code: 'CLIENT_FALLBACK' });
  }
  return response.blob();
}

/**
 * The person's photo as an object URL (revoked when it changes or the page goes), or null when there is none. Each
 * read is audited on the server (person.photo_viewed), so it is read once and never refetched on its own.
 */
export function usePersonPhoto(person: Pick<PersonDetail, 'id' | 'hasPhoto'>) {
  const query = useQuery({
    queryKey: photoKey(person.id),
    queryFn: () => fetchPhoto(person.id),
    enabled: person.hasPhoto,
    staleTime: Infinity,
    retry: false,
  });
  const blob = person.hasPhoto ? query.data : undefined;
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return undefined;
    }
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => { URL.revokeObjectURL(objectUrl); };
  }, [blob]);
  return { url, isLoading: person.hasPhoto && query.isPending, error: query.error };
}

/** A Chinese reason the browser refuses the file before uploading, or null (the server checks the content again). */
export function photoFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!(PERSON_PHOTO_TYPES as readonly string[]).includes(file.type)) return '照片仅支持 JPEG、PNG 图片';
  if (file.size === 0) return '照片文件为空';
  if (file.size > PERSON_PHOTO_MAX_BYTES) return '照片不能超过2MB';
  return null;
}

async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Marks the cached detail as having (or not having) a photo without reading it again (a read is audited). */
function setHasPhoto(client: ReturnType<typeof useQueryClient>, id: string, hasPhoto: boolean): void {
  client.setQueryData<PersonDetail>(personKeys.detail(id), (p) => (p ? { ...p, hasPhoto } : p));
}

/** Uploads (or replaces) the photo; the chosen file becomes the shown photo without another audited read. */
export function useUploadPersonPhoto(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      await api.put<undefined>(photoPath(id), { fileName: file.name, contentBase64: await fileToBase64(file) });
      return file;
    },
    onSuccess: (file) => {
      client.setQueryData<Blob>(photoKey(id), file);
      setHasPhoto(client, id, true);
    },
  });
}

export function useDeletePersonPhoto(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<undefined>(photoPath(id)),
    onSuccess: () => {
      client.removeQueries({ queryKey: photoKey(id) });
      setHasPhoto(client, id, false);
    },
  });
}
