import { mintAccessToken } from '@pingyi/auth';

const DEMO = [
  {
    campaignId: 'demo-2026',
    subjectId: 'bt-kdq-b001',
    subjectKind: 'unit',
    orgPath: 'bt.kdq.b001',
    title: '为群众办好三件实事',
  },
  {
    campaignId: 'demo-2026',
    subjectId: 'm-000001',
    subjectKind: 'member',
    orgPath: 'bt.kdq.b001',
    title: '带头学习，帮扶两户困难群众',
  },
  {
    campaignId: 'demo-2026',
    subjectId: 'bt-dh-b002',
    subjectKind: 'unit',
    orgPath: 'bt.dh.b002',
    title: '社区“三有一化”建设达标',
  },
];

/** Loads a little demo data through the gateway, as a user would (idempotent). */
export async function seedDemo(graphqlUrl: string, say: (m: string) => void): Promise<void> {
  const token = await mintAccessToken({
    secret: process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
    issuer: process.env['JWT_ISSUER'] ?? 'pingyi',
    personId: 'demo-seed',
    roles: ['prefecture_admin'],
    orgPath: 'bt',
  });
  let created = 0;
  for (const input of DEMO) {
    const r = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($input: DraftCommitmentInput!) { draftCommitment(input: $input) { id } }',
        variables: { input },
      }),
    });
    const body = (await r.json()) as { errors?: { extensions?: { code?: string }; message: string }[] };
    const err = body.errors?.[0];
    if (!err) created++;
    else if (err.extensions?.code !== 'CONFLICT')
      throw new Error(`演示数据导入失败 (demo seed failed): ${err.message}`);
  }
  say(`[demo] 演示数据：新建 ${created} 条承诺，已有 ${DEMO.length - created} 条`);
}
