#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { mintAccessToken } from '@pingyi/auth';
import { Role } from '@pingyi/contracts';
import { PartError } from './errors';
import { ensureChromium } from './browser';
import { ensureKafka, ensureTemporal, ensureTemporalServer, startTemporalServerBuild } from './install';
import { ensureMaildev } from './mail';
import { DEMO_PRESET_ROOTS, demoToken, seedDemoCommitments, seedOrgPreset } from './demo';
import { cmdImport } from './import-cli';
import { startStack } from './stack';

const USAGE = `用法 (usage):
  node deploy/local/dist/cli.js start [--no-services] [--no-ui] [--no-demo] [--preset dongwu|fogang|baotou|tiny]
                                     [--profile dev|test|cluster] [--instance 名称] [--ephemeral]
                                                                              启动本地平台
  node deploy/local/dist/cli.js install [--cluster]                           仅安装 Temporal、Kafka、maildev 与 Chromium（浏览器测试）；--cluster 另构建集群用 Temporal 服务端
  node deploy/local/dist/cli.js install --cluster-only | --cluster-background 只构建集群用 Temporal 服务端（在本进程，或在后台进程）
  node deploy/local/dist/cli.js token --role <角色> --org <组织路径> [--person <编号>] [--name <姓名>]
  node deploy/local/dist/cli.js import --kind units|members --file 文件.xlsx [--dry-run] [--org 组织路径]
  node deploy/local/dist/cli.js import --kind units|members --template 模板.xlsx
角色 (roles): ${Role.options.join(', ')}`;

async function cmdStart(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'no-services': { type: 'boolean' },
      'no-ui': { type: 'boolean' },
      'no-demo': { type: 'boolean' },
      profile: { type: 'string', default: 'dev' },
      instance: { type: 'string' },
      ephemeral: { type: 'boolean' },
      preset: { type: 'string', default: 'dongwu' },
    },
  });
  const rootPath = DEMO_PRESET_ROOTS[values.preset];
  if (!rootPath)
    throw new Error(
      `未知的演示预设 --preset ${values.preset}；可选：${Object.keys(DEMO_PRESET_ROOTS).join('、')}`,
    );
  if (values.profile !== 'dev' && values.profile !== 'test' && values.profile !== 'cluster')
    throw new Error(`未知的 --profile: ${values.profile}`);
  // cluster: the dev profile's ports and services on Temporal's own server and three Kafka brokers (own data folder).
  const cluster = values.profile === 'cluster';
  // The development sign-in page of the web app offers people from this tree.
  if (!values['no-demo']) process.env['PINGYI_DEMO_ORG_ROOT'] ??= rootPath;
  let stopping = false;
  const started = Date.now();
  const stack = await startStack({
    profile: values.profile === 'cluster' ? 'dev' : values.profile,
    engines: cluster ? 'cluster' : 'single',
    instance: values.instance ?? (cluster ? 'cluster' : undefined),
    services: !values['no-services'],
    ui: !values['no-ui'],
    ephemeral: values.ephemeral ?? false,
    // A part that dies is reported and restarted; one that keeps dying stops the stack.
    supervise: true,
    onGiveUp: () => {
      console.error('组件反复失败，已停止全部组件 (a part kept failing; everything stopped)');
      process.exit(1);
    },
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止全部组件… (stopping everything)`);
    await stack.stop();
    console.log('已全部停止 (all stopped)');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    const token = await demoToken(rootPath);
    if (!values['no-services'] && !values['no-demo']) {
      console.log(`[demo] 载入演示组织 ${values.preset}…`);
      await seedOrgPreset(values.preset, { ...process.env, ...stack.env }, (m) => console.log(m));
      await seedDemoCommitments(stack.urls.graphql, token, (m) => console.log(m));
    }
    console.log(`
评议 Pingyi 已启动 (ready in ${((Date.now() - started) / 1000).toFixed(0)} s)
  工作台 web:   ${stack.urls.graphql.replace(/graphql$/, '')}
  GraphQL:      ${stack.urls.graphql}
  Temporal UI:  ${stack.urls.temporalUi ?? '（未启用 disabled）'}
  已发邮件 mail: ${stack.urls.mail ?? `外部 SMTP external (${stack.env['SMTP_URL']})`}
  健康检查 health:
${Object.entries(stack.urls.health)
  .map(([k, v]) => `    ${k.padEnd(12)}${v}`)
  .join('\n')}
  日志 logs:    ${stack.logDir}
  演示令牌（市级管理员，${rootPath}）demo token:
    Authorization: Bearer ${token}
按 Ctrl-C 停止 (press Ctrl-C to stop).`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop('error');
  }
}

async function cmdToken(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      person: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const roles = (values.role ?? []).map((r) => Role.safeParse(r));
  if (roles.length === 0 || roles.some((r) => !r.success) || !values.org) {
    throw new Error(`需要 --role（${Role.options.join('/')}）和 --org\n${USAGE}`);
  }
  const token = await mintAccessToken({
    secret: process.env['JWT_SECRET'] ?? 'pingyi-dev-jwt-secret-change-me-in-production',
    issuer: process.env['JWT_ISSUER'] ?? 'pingyi',
    personId: values.person ?? `dev-${values.org}`,
    name: values.name,
    roles: roles.map((r) => r.data!),
    orgPath: values.org,
    expiresIn: values.expires ?? '12h',
  });
  console.log(token);
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  switch (cmd) {
    case 'start':
      return cmdStart(rest);
    case 'install':
      // Only the cluster profile's Temporal server: built here, or (--cluster-background) in a detached process.
      if (rest.includes('--cluster-only')) return void ensureTemporalServer();
      if (rest.includes('--cluster-background')) return startTemporalServerBuild();
      ensureTemporal();
      // Temporal's own server is built from source (minutes) only for the cluster profile; starting that profile
      // builds it too when it is missing.
      if (rest.includes('--cluster')) ensureTemporalServer();
      ensureKafka();
      ensureMaildev();
      ensureChromium();
      console.log('Temporal、Kafka、maildev 与 Chromium 已安装 (installed)');
      return;
    case 'token':
      return cmdToken(rest);
    case 'import':
      return cmdImport(rest);
    case undefined:
    default:
      console.log(USAGE);
      process.exitCode = cmd ? 2 : 0;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof PartError || e instanceof Error ? e.message : e);
  process.exit(1);
});
