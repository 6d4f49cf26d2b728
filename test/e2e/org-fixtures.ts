import { idNumberCheckChar } from '@pingyi/contracts';

let serial = 0;

/** A birth date between 1940 and 1975 (days 1–28; of age before the earliest 入党日期 the tests use), so generated ID numbers rarely collide across a run. */
const randomBirth = () =>
  `${1940 + Math.floor(Math.random() * 36)}${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;

/** A valid 18-digit resident ID number (a Baotou region), practically distinct per call within a run. */
export function idNumber(birth = randomBirth(), gender: 'male' | 'female' = 'male'): string {
  serial++;
  const seq = String(100 + ((serial * 7 + Math.floor(Math.random() * 50) * 2) % 900)).padStart(3, '0');
  const fixed = seq.slice(0, 2) + String((Number(seq[2]) & ~1) + (gender === 'male' ? 1 : 0));
  const region = String(150200 + (Math.floor(Math.random() * 90) + 1));
  const first17 = `${region}${birth}${fixed}`;
  return first17 + idNumberCheckChar(first17);
}

let phoneSerial = Math.floor(Math.random() * 1_000_000);
export function phone(): string {
  phoneSerial = (phoneSerial + 7919) % 100_000_000;
  return `199${String(phoneSerial).padStart(8, '0')}`;
}

/** A short random code prefix so runs never collide. */
export const runPrefix = (): string => `e${Math.random().toString(36).slice(2, 7)}`;

/** An import job as `orgImportJob` answers it (the fields the security tests read). */
export interface ImportJobView {
  id: string;
  status: string;
  errorCount: number;
  errors: { row: number; column: string | null; message: string }[];
  message: string | null;
}

/** CSV bytes (UTF-8 with BOM) of the given rows. */
export const csvBytes = (rows: string[][]): Buffer =>
  Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

/** Polls `orgImportJob` until the job has ended (succeeded or failed). */
export async function importJobEnded(
  call: (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown }>,
  id: string,
): Promise<ImportJobView> {
  const query = `query($id: ID!) { orgImportJob(id: $id) { id status errorCount errors { row column message } message } }`;
  for (let attempt = 0; attempt < 480; attempt++) {
    const job = ((await call(query, { id })).data as { orgImportJob: ImportJobView }).orgImportJob;
    if (['succeeded', 'failed'].includes(job.status)) return job;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`import job ${id} did not end`);
}
