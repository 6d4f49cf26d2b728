import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { mintAccessToken } from '@pingyi/auth';
import { callGraphQL } from './graphql-client';

interface Job {
  id: string;
  status: 'pending' | 'validating' | 'applying' | 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  percent: number;
  errorCount: number;
  errors: { row: number; column: string | null; message: string }[];
  message: string | null;
}

const STATUS: Record<Job['status'], string> = {
  pending: '排队中',
  validating: '校验中',
  applying: '写入中',
  succeeded: '已完成',
  failed: '失败',
};

function bar(job: Job): string {
  const filled = Math.round((job.percent / 100) * 30);
  return `\r${STATUS[job.status]} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${String(job.percent).padStart(3)}% ${job.processedRows}/${job.totalRows}   `;
}

/**
 * npm run import -- --kind units|members --file 文件.xlsx [--dry-run] [--org 组织路径]
 * npm run import -- --template 党员导入模板.xlsx --kind members
 */
export async function cmdImport(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      file: { type: 'string' },
      template: { type: 'string' },
      'dry-run': { type: 'boolean' },
      org: { type: 'string', default: 'xl' },
      url: { type: 'string', default: process.env['PINGYI_GRAPHQL_URL'] ?? 'http://127.0.0.1:4000/graphql' },
    },
  });
  if (values.kind !== 'units' && values.kind !== 'members')
    throw new Error('需要 --kind units（组织）或 --kind members（党员）');
  const token =
    process.env['PINGYI_TOKEN'] ??
    (await mintAccessToken({
      secret: process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
      issuer: process.env['JWT_ISSUER'] ?? 'pingyi',
      personId: 'import-cli',
      roles: ['prefecture_admin'],
      orgPath: values.org,
    }));
  if (values.template) {
    const format = values.template.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    const d = await callGraphQL<{ orgImportTemplate: { contentBase64: string; fileName: string } }>(
      values.url,
      token,
      'query($i: TemplateInput!) { orgImportTemplate(input: $i) { fileName contentBase64 } }',
      { i: { kind: values.kind, format } },
    );
    writeFileSync(values.template, Buffer.from(d.orgImportTemplate.contentBase64, 'base64'));
    console.log(`模板已保存：${values.template}`);
    return;
  }
  if (!values.file) throw new Error('需要 --file 文件路径（.csv 或 .xlsx）');
  const bytes = readFileSync(values.file);
  const started = await callGraphQL<{ startOrgImport: Job }>(
    values.url,
    token,
    'mutation($i: StartImportInput!) { startOrgImport(input: $i) { id status totalRows processedRows percent errorCount errors { row column message } message } }',
    {
      i: {
        kind: values.kind,
        fileName: basename(values.file),
        contentBase64: bytes.toString('base64'),
        dryRun: !!values['dry-run'],
      },
    },
  );
  let job = started.startOrgImport;
  while (job.status !== 'succeeded' && job.status !== 'failed') {
    process.stderr.write(bar(job));
    await new Promise((r) => setTimeout(r, 500));
    job = (
      await callGraphQL<{ orgImportJob: Job }>(
        values.url,
        token,
        'query($id: ID!) { orgImportJob(id: $id) { id status totalRows processedRows percent errorCount errors { row column message } message } }',
        { id: job.id },
      )
    ).orgImportJob;
  }
  process.stderr.write(bar(job) + '\n');
  if (job.status === 'failed') {
    console.error(job.message ?? '导入失败');
    for (const e of job.errors.slice(0, 100))
      console.error(`  第 ${e.row} 行${e.column ? `【${e.column}】` : ''}：${e.message}`);
    if (job.errorCount > 100) console.error(`  ……另有 ${job.errorCount - 100} 处错误`);
    process.exitCode = 1;
    return;
  }
  console.log(job.message ?? '导入完成');
}
