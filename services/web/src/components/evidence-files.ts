import { currentSession } from '../session';

/** A file kept by the server (`POST /files` answer). */
export interface UploadedFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Where an upload belongs: a commitment (践诺) or a rectification (整改办结). */
export type EvidenceTarget = { commitmentId: string } | { rectificationId: string };

/** 1.2 MB, 35 KB, 800 字节. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** The server's words from a refused file request ({ error: { message } }), or a plain description. */
export function refusalOf(status: number, text: string): string {
  try {
    const m = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
    if (m) return m;
  } catch {
    // not JSON: described below
  }
  return status === 0 ? '无法连接服务器，请检查网络后重试' : `上传失败（HTTP ${status}）`;
}

/** Uploads one file as the raw body with the caller's token, reporting progress (0–100). */
export function uploadEvidence(
  file: File,
  target: EvidenceTarget,
  onProgress: (percent: number) => void,
): Promise<UploadedFile> {
  const q = new URLSearchParams({ ...target, filename: file.name });
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', `/files?${q.toString()}`);
    const token = currentSession()?.token;
    if (token) x.setRequestHeader('authorization', `Bearer ${token}`);
    x.setRequestHeader('content-type', 'application/octet-stream');
    x.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded * 100) / e.total));
    };
    x.onload = () => {
      if (x.status === 201) resolve(JSON.parse(x.responseText) as UploadedFile);
      else reject(new Error(refusalOf(x.status, x.responseText)));
    };
    x.onerror = () => reject(new Error(refusalOf(0, '')));
    x.send(file);
  });
}

/** Fetches a kept file with the caller's token and hands it to the browser under its name. */
export async function downloadEvidence(id: string, filename: string): Promise<void> {
  const token = currentSession()?.token;
  const r = await fetch(`/files/${encodeURIComponent(id)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!r.ok) throw new Error(refusalOf(r.status, await r.text()).replace('上传', '下载'));
  saveBlob(await r.blob(), filename);
}

/** Hands a fetched file to the browser's downloads under its name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
