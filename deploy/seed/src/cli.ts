import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '@pingyi/config';
import { PRESET_NAMES, type PresetName } from './generator';
import { openOrgOrm } from './org-orm';
import { seedPreset, type SeedProgress } from './seed-db';

const PHASE: Record<SeedProgress['phase'], string> = {
  generate: '生成数据',
  units: '写入组织',
  members: '写入党员',
  relations: '写入联系/结对/检查组',
};

function bar(p: SeedProgress): string {
  const pct = p.total ? p.done / p.total : 1;
  const filled = Math.round(pct * 30);
  return `\r${PHASE[p.phase].padEnd(12, '　')} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(pct * 100).toFixed(0).padStart(3)}% ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}   `;
}

/** npm run seed -- --preset baotou|fogang|dongwu|tiny [--seed N] */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { preset: { type: 'string', default: 'dongwu' }, seed: { type: 'string' } },
  });
  const preset = values.preset as PresetName;
  if (!PRESET_NAMES.includes(preset))
    throw new Error(`未知的预设 --preset ${values.preset}；可选：${PRESET_NAMES.join('、')}`);
  const config = loadConfig();
  const orm = await openOrgOrm(config.DATABASE_URL, { migrate: true });
  let last = '';
  try {
    const r = await seedPreset(orm, {
      preset,
      seed: values.seed ? Number(values.seed) : undefined,
      pepper: config.ID_NUMBER_PEPPER,
      onProgress: (p) => {
        const line = bar(p);
        if (line !== last && process.stderr.isTTY) process.stderr.write(line);
        if (p.done === p.total) process.stderr.write(process.stderr.isTTY ? '\n' : `${bar(p).trim()}\n`);
        last = line;
      },
    });
    console.log(
      `预设 ${r.preset} 已载入（根组织 ${r.rootCode}，用时 ${(r.ms / 1000).toFixed(1)} 秒）：` +
        `组织 新增 ${r.units.inserted}、更新 ${r.units.updated}、未变 ${r.units.unchanged}；` +
        `党员 新增 ${r.members.inserted}、更新 ${r.members.updated}、未变 ${r.members.unchanged}；关系 新增 ${r.relations}`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
