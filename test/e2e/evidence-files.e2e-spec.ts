import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { gql, graphqlUrl, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  driveToPublicity,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
  useWorld,
} from './lifecycle-fixtures';

const filesUrl = () => graphqlUrl().replace(/\/graphql$/, '/files');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = (bytes = 0) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n% 佐证\n'), Buffer.alloc(bytes, 0x20), Buffer.from('\n%%EOF\n')]);
const MAX = 20 * 1024 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  json: { id?: string; filename?: string; error?: { code: string; message: string } };
}

async function call(path: string, init: RequestInit & { duplex?: 'half' }): Promise<Answer> {
  const r = await fetch(filesUrl() + path, init);
  const body = Buffer.from(await r.arrayBuffer());
  const json = (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(body.toString()) : {};
  return { status: r.status, headers: r.headers, body, json };
}

const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** `POST /files` through the gateway: the file itself as the body, its place and name in the query. */
const upload = (
  token: string | undefined,
  target: Record<string, string>,
  filename: string,
  body: Buffer | ReadableStream<Uint8Array>,
  extra: Record<string, string> = {},
) =>
  call(`?${new URLSearchParams({ ...target, filename }).toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...auth(token), ...extra },
    body,
    duplex: 'half',
  });
const download = (token: string | undefined, id: string) => call(`/${id}`, { headers: auth(token) });

/** Nothing else of a refused upload is kept: the commitment's files stay as they were. */
const filesOf = async (
  pg: { query: (q: string, v: unknown[]) => Promise<{ rows: { n: number }[] }> },
  id: string,
) =>
  (
    await pg.query(
      `select (select count(*) from commitment.evidence_file where commitment_id = $1)::int
            + (select count(*) from commitment.evidence_chunk k join commitment.evidence_file f on f.id = k.file_id
                where f.commitment_id = $1)::int n`,
      [id],
    )
  ).rows[0]!.n;

const PROGRESS = `mutation($id: ID!, $files: [ID!]!, $evidence: [String!]) {
  reportProgress(commitmentId: $id, itemIndex: 0, percent: 40, note: "已走访二十户", evidence: $evidence, evidenceFileIds: $files) { ok } }`;

describe('evidence files through the gateway (issue 15, reaching people)', () => {
  const ctx = useWorld();
  const w = ctx.w;
  let id = '';
  let otherCounty = '';
  let countyAdmin = '';

  beforeAll(async () => {
    await w.addUnit('C2', 'county', 'P');
    otherCounty = await tokenFor(['county_admin'], w.unit['C2']!.path, `${w.p}-admin-C2`);
    countyAdmin = await tokenFor(['county_admin'], w.unit['C']!.path, `${w.p}-admin-C`);
    const [M, sB] = [w.person('M'), w.person('sB')];
    ({ commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings()));
    await driveToPublicity(id, M.token, sB.token);
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    await eventually('fulfilment', async () => (await getCommitment(w.admin, id))['stage'] === 'fulfilment');
  }, 180_000);

  it('is read back by the right people, refused to a peer member and to another county, with its Chinese name', async () => {
    const [M, N, sB] = [w.person('M'), w.person('N'), w.person('sB')];
    const name = '走访照片（第一季度）张三家 #1.png';
    const up = await upload(M.token, { commitmentId: id }, name, PNG);
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ filename: name, contentType: 'image/png', size: PNG.length });
    const fileId = up.json.id!;
    // The subject (uploader), the branch secretary who reviews, the county and the prefecture read it back.
    for (const token of [M.token, sB.token, countyAdmin, w.admin]) {
      const d = await download(token, fileId);
      expect(d.status).toBe(200);
      expect(d.body.equals(PNG)).toBe(true);
      expect(d.headers.get('content-type')).toBe('image/png');
      expect(d.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = d.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(name);
    }
    // Listed on the commitment for those who read it.
    const listed = await must<{ commitment: { evidenceFiles: Record<string, unknown>[] } }>(
      `query($id: ID!) { commitment(id: $id) { evidenceFiles { id filename contentType size uploaderId } } }`,
      { id },
      sB.token,
    );
    expect(listed.commitment.evidenceFiles).toContainEqual({
      id: fileId,
      filename: name,
      contentType: 'image/png',
      size: PNG.length,
      uploaderId: M.id,
    });
    // A peer member of the same branch: forbidden; another county's admin and the anonymous: not found / signed out.
    const peer = await download(N.token, fileId);
    expect(peer.status).toBe(403);
    expect(peer.json.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(peer.json.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(peer.body.includes(PNG)).toBe(false);
    const stranger = await download(otherCounty, fileId);
    expect(stranger.status).toBe(404);
    expect(stranger.json.error!.message).toBe('未找到该佐证材料，或不在您的查看范围内');
    const anonymous = await download(undefined, fileId);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error!.message).toMatch(/[\u4e00-\u9fff]/);
    // Neither may they upload to the commitment.
    expect((await upload(N.token, { commitmentId: id }, 'a.png', PNG)).status).toBe(403);
    expect((await upload(otherCounty, { commitmentId: id }, 'a.png', PNG)).status).toBe(404);
    // Malformed or unknown ids are simply not found.
    expect((await download(M.token, 'x')).status).toBe(404);
    expect((await download(M.token, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('attaches files to a progress report (the uploader’s own, of the same commitment only)', async () => {
    const [M, sB] = [w.person('M'), w.person('sB')];
    const mine = (await upload(M.token, { commitmentId: id }, '走访台账.pdf', pdf())).json.id!;
    const theirs = (await upload(sB.token, { commitmentId: id }, '支部意见.pdf', pdf())).json.id!;
    // Not the uploader's: refused before the step is sent.
    const r = await gql(PROGRESS, { id, files: [theirs] }, { token: M.token });
    expect(code(r)).toBe('BAD_INPUT');
    expect(r.errors![0]!.message).toContain(theirs);
    // A file of another commitment (N's own) cannot be attached to M's either.
    const N = w.person('N');
    const { commitmentId: other } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    const elsewhere = (await upload(N.token, { commitmentId: other }, 'n.pdf', pdf())).json.id!;
    expect(code(await gql(PROGRESS, { id, files: [elsewhere] }, { token: M.token }))).toBe('BAD_INPUT');
    // The text evidence of before still works alone, and with the file.
    await must(PROGRESS, { id, files: [], evidence: ['入户走访记录'] }, M.token);
    await must(PROGRESS, { id, files: [mine], evidence: ['入户走访记录'] }, M.token);
    const c = await eventually('the progress with its file', async () => {
      const x = await getCommitment(w.admin, id);
      return (x['timeline'] as { type: string }[]).filter((t) => t.type === 'commitment.progress_reported')
        .length >= 2
        ? x
        : null;
    });
    const progress = await must<{ commitment: { timeline: { type: string; dataJson: string }[] } }>(
      `query($id: ID!) { commitment(id: $id) { timeline { type dataJson } } }`,
      { id: c['id'] },
      w.admin,
    );
    const data = progress.commitment.timeline
      .filter((t) => t.type === 'commitment.progress_reported')
      .map((t) => JSON.parse(t.dataJson) as { evidence: string[] });
    expect(data.map((d) => d.evidence)).toContainEqual(['入户走访记录', `file:${mine}`]);
  });

  it('refuses a file over the limit and a file whose content is not an accepted type; nothing is kept', async () => {
    const M = w.person('M');
    const before = await filesOf(ctx.pg, id);
    // Declared too large: refused at the gateway before any byte goes on.
    const big = await upload(M.token, { commitmentId: id }, '大文件.pdf', pdf(MAX));
    expect(big.status).toBe(413);
    expect(big.json.error!.message).toContain('20 MB');
    // Sent without a length (chunked), counted on the way: refused when it passes the limit.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === 0) c.enqueue(pdf());
        if (sent++ > 21) c.close();
        else c.enqueue(chunk);
      },
    });
    const chunked = await upload(M.token, { commitmentId: id }, '大文件2.pdf', stream);
    expect(chunked.status).toBe(413);
    // An .exe renamed .pdf, a photo named .pdf, an HTML page and an SVG named .png: refused by their bytes.
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 1)]);
    const refusals = [
      ['整改报告.pdf', exe],
      ['照片.pdf', PNG],
      ['页面.png', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['图.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['空.pdf', Buffer.alloc(0)],
    ] as const;
    for (const [name, bytes] of refusals) {
      const r = await upload(M.token, { commitmentId: id }, name, bytes, {
        'content-type': 'application/pdf',
      });
      expect([name, r.status]).toEqual([name, bytes.length === 0 ? 400 : 415]);
      expect(r.json.error!.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await filesOf(ctx.pg, id)).toBe(before);
  });

  it('keeps Office documents and large PDFs whole (streamed in chunks), Office never inline', async () => {
    const M = w.person('M');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['户主', '走访日期']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await upload(M.token, { commitmentId: id }, '走访台账.xlsx', xlsx);
    expect(x.status).toBe(201);
    const dx = await download(M.token, x.json.id!);
    expect(dx.body.equals(xlsx)).toBe(true);
    expect(dx.headers.get('content-disposition')).toMatch(/^attachment;/);
    const large = pdf(2_500_000);
    const p = await upload(M.token, { commitmentId: id }, '年度报告.pdf', large);
    expect(p.status).toBe(201);
    const dp = await download(w.admin, p.json.id!);
    expect(createHash('sha256').update(dp.body).digest('hex')).toBe(
      createHash('sha256').update(large).digest('hex'),
    );
    expect(dp.headers.get('content-length')).toBe(String(large.length));
  });

  it('attaches files to a rectification’s completion; its verifier reads them, a peer does not', async () => {
    const [X, N, sB] = [w.person('X'), w.person('N'), w.person('sB')];
    const { commitmentId: cid } = await openOne(w, { kind: 'member', id: X.id }, fastSettings());
    await driveToMassEvaluation(cid, X.token, sB.token, GOOD_REVIEW(X.id));
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id: cid }, sB.token);
    const c = await eventually('rectifications opened', async () => {
      const x = await getCommitment(w.admin, cid);
      return x['stage'] === 'rectification' && x['rectifications'].length > 0 ? x : null;
    });
    const rid = (c['rectifications'] as { id: string }[])[0]!.id;
    const up = await upload(X.token, { rectificationId: rid }, '整改完成照片.png', PNG);
    expect(up.status).toBe(201);
    const COMPLETE = `mutation($id: ID!, $files: [ID!]!) {
      completeRectification(rectificationId: $id, note: "已建立走访台账", evidenceFileIds: $files) { ok } }`;
    // A file not uploaded by the owner is refused; the owner's own file alone is evidence enough.
    const foreign = (await upload(sB.token, { commitmentId: cid }, '核验.png', PNG)).json.id!;
    expect(code(await gql(COMPLETE, { id: rid, files: [foreign] }, { token: X.token }))).toBe('BAD_INPUT');
    await must(COMPLETE, { id: rid, files: [up.json.id] }, X.token);
    expect((await download(sB.token, up.json.id!)).status).toBe(200);
    expect((await download(N.token, up.json.id!)).status).toBe(403);
    expect((await download(otherCounty, up.json.id!)).status).toBe(404);
  });
});
