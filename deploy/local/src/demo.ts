import { spawn } from 'node:child_process';
import { mintAccessToken } from '@pingyi/auth';
import { callGraphQL } from './graphql-client';

export const DEMO_PRESET_ROOTS: Record<string, string> = {
  dongwu: 'xl',
  fogang: 'qy',
  baotou: 'bt',
  tiny: 'wh',
};

/** Runs `npm run seed` for a preset against the stack's database, streaming its output. */
export function seedOrgPreset(
  preset: string,
  env: NodeJS.ProcessEnv,
  say: (m: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('@pingyi/seed/cli'), '--preset', preset], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const lines = out.trim().split('\n').filter(Boolean);
      if (code === 0) {
        say(`[demo] ${lines[lines.length - 1] ?? ''}`);
        resolve();
      } else reject(new Error(`演示数据导入失败 (seed failed):\n${lines.slice(-10).join('\n')}`));
    });
  });
}

/** A demo campaign over the first branches of the seeded tree, through the gateway (idempotent). */
export async function seedDemoCommitments(
  graphqlUrl: string,
  token: string,
  say: (m: string) => void,
): Promise<void> {
  const { searchUnits } = await callGraphQL<{
    searchUnits: { items: { id: string; name: string; path: string }[] };
  }>(
    graphqlUrl,
    token,
    'query { searchUnits(input: { level: branch, first: 5 }) { items { id name path } } }',
    {},
  );
  const root = searchUnits.items[0]?.path.split('.')[0];
  if (!root) return;
  const { openCampaign } = await callGraphQL<{ openCampaign: { started: number; existing: number } }>(
    graphqlUrl,
    token,
    `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { started existing } }`,
    {
      i: {
        id: 'demo-2026',
        name: '2026年度“承诺践诺、领导点评”活动（演示）',
        year: 2026,
        scopePath: root,
        subjects: searchUnits.items.map((u) => ({ kind: 'unit', id: u.id })),
      },
    },
  );
  say(`[demo] 演示活动：新建承诺 ${openCampaign.started} 项，已有 ${openCampaign.existing} 项`);
}

export async function demoToken(orgPath: string): Promise<string> {
  return mintAccessToken({
    secret: process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
    issuer: process.env['JWT_ISSUER'] ?? 'pingyi',
    personId: 'demo-admin',
    name: '演示管理员',
    roles: ['prefecture_admin'],
    orgPath,
  });
}
