import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mintAccessToken } from '@pingyi/auth';
import { GraphQLCallError, callGraphQL } from './graphql-client';
import { REPO_ROOT } from './paths';

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
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'services/org/dist/seed/seed-cli.js'), '--preset', preset],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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

/** Demo commitments for the first branches of the seeded tree, through the gateway (idempotent). */
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
    'query { searchUnits(input: { level: branch, first: 3 }) { items { id name path } } }',
    {},
  );
  let created = 0;
  for (const u of searchUnits.items) {
    try {
      await callGraphQL(
        graphqlUrl,
        token,
        'mutation($input: DraftCommitmentInput!) { draftCommitment(input: $input) { id } }',
        {
          input: {
            campaignId: 'demo-2026',
            subjectId: u.id,
            subjectKind: 'unit',
            orgPath: u.path,
            title: `${u.name}：为群众办好三件实事`,
          },
        },
      );
      created++;
    } catch (e) {
      if (!(e instanceof GraphQLCallError) || e.code !== 'CONFLICT') throw e;
    }
  }
  say(`[demo] 演示承诺：新建 ${created} 条，已有 ${searchUnits.items.length - created} 条`);
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
