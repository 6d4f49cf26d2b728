import { useEffect, useRef, useState } from 'react';
import type { ExportKind, RecExportJobFragment } from '../gql/graphql';
import { request, ServerError } from '../api';
import { refusalOf, saveBlob } from '../components/evidence-files';
import { currentSession } from '../session';
import { ExportJobQuery, StartExportMutation } from './queries';

export type ExportJob = RecExportJobFragment;

const POLL_MS = 600;

/** Fetches a finished export through the gateway with the caller's token and saves it under its name. */
export async function downloadExport(job: ExportJob): Promise<void> {
  const token = currentSession()?.token;
  let r: Response;
  try {
    r = await fetch(job.downloadPath ?? `/exports/${encodeURIComponent(job.id)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ServerError(refusalOf(0, ''));
  }
  if (!r.ok) throw new ServerError(refusalOf(r.status, await r.text()).replace('上传', '下载'));
  saveBlob(await r.blob(), job.filename);
}

export interface ExportState {
  job: ExportJob | null;
  /** Which subject's file the job is (its commitment), for per-subject kinds. */
  commitmentId: string | null;
  error: string | null;
  busy: boolean;
  start: (kind: ExportKind, commitmentId?: string) => Promise<void>;
  download: () => Promise<void>;
}

/**
 * One export at a time for a node: starts it, polls its progress until it is done or failed, and downloads it once
 * done (automatically, and again on demand).
 */
export function useExport(campaignId: string, orgPath: string): ExportState {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [commitmentId, setCommitmentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const live = useRef(0);
  useEffect(() => () => void (live.current = -1), []);

  const download = async (j: ExportJob | null = job) => {
    if (!j) return;
    setError(null);
    await downloadExport(j).catch((e: Error) => setError(e.message));
  };

  const start = async (kind: ExportKind, forCommitment?: string) => {
    const run = ++live.current;
    setBusy(true);
    setError(null);
    setJob(null);
    setCommitmentId(forCommitment ?? null);
    try {
      let j = (
        await request(StartExportMutation, {
          input: { campaignId, orgPath, kind, ...(forCommitment ? { commitmentId: forCommitment } : {}) },
        })
      ).startExport;
      setJob(j);
      while (j.status === 'queued' || j.status === 'running') {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (live.current !== run) return;
        j = (await request(ExportJobQuery, { id: j.id })).exportJob;
        setJob(j);
      }
      if (j.status === 'done') await download(j);
    } catch (e) {
      if (live.current === run) setError((e as Error).message);
    } finally {
      if (live.current === run) setBusy(false);
    }
  };

  return { job, commitmentId, error, busy, start, download: () => download() };
}
