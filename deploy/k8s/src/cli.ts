#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { render, RENDERED, validateAll } from './validate';

/** `render` writes deploy/k8s/pingyi.yaml; `validate` checks it is current and every manifest against its schema. */
function main(command: string | undefined): number {
  if (command === 'render') {
    writeFileSync(RENDERED, render());
    console.log(`已生成 ${relative(process.cwd(), RENDERED)}`);
    return 0;
  }
  if (command !== 'validate') {
    console.error('用法：k8s render | validate');
    return 2;
  }
  let failed = 0;
  if (readFileSync(RENDERED, 'utf8') !== render()) {
    console.error('pingyi.yaml 不是 src/manifests.ts 的最新生成结果：请运行 render');
    failed++;
  }
  for (const f of validateAll()) {
    console.error(`${relative(process.cwd(), f.file)} 第 ${f.doc + 1} 个文档：${f.what}`);
    failed++;
  }
  console.log(failed ? `校验失败：${failed} 处` : '校验通过');
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
