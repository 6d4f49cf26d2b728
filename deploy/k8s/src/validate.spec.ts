import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { heapCapMiB, manifests, SERVICES, WORKERS } from './manifests';
import { render, RENDERED, validateAll, validateObject } from './validate';

const REPO = join(__dirname, '..', '..', '..');
/** Settings one service reads itself, outside the shared config schema. */
const READ_BY_ONE_SERVICE = ['STEP_DEADLINE_MS'];

describe('deploy/k8s', () => {
  it('the committed manifests are current and every document passes its kind schema', () => {
    expect(readFileSync(RENDERED, 'utf8')).toBe(render());
    expect(validateAll()).toEqual([]);
  });

  it('the schemas catch a wrong field, an unknown kind and a custom resource without spec', () => {
    const bad = JSON.parse(
      JSON.stringify(manifests().find((m) => (m as { kind: string }).kind === 'Deployment')),
    );
    bad.spec.replicas = 'two';
    expect(validateObject(bad, 'x', 0)[0]?.what).toMatch(/replicas/);
    const noTarget = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'w' },
      spec: {},
    };
    expect(validateObject(noTarget, 'x', 0)[0]?.what).toMatch(/scaleTargetRef/);
    expect(
      validateObject({ apiVersion: 'v1', kind: 'Nothing', metadata: { name: 'n' } }, 'x', 0),
    ).toHaveLength(1);
    expect(
      validateObject(
        { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'p' } },
        'x',
        0,
      ),
    ).toHaveLength(1);
  });

  it('every service and worker runs an entry point that exists, with probes and resources', () => {
    for (const part of [...SERVICES, ...WORKERS]) {
      expect(existsSync(join(REPO, part.entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts')))).toBe(
        true,
      );
    }
    const deployments = parseAllDocuments(readFileSync(RENDERED, 'utf8'))
      .map(
        (d) =>
          d.toJSON() as {
            kind: string;
            spec: { template: { spec: { containers: Record<string, unknown>[] } } };
          },
      )
      .filter((d) => d.kind === 'Deployment');
    expect(deployments).toHaveLength(SERVICES.length + WORKERS.length);
    for (const d of deployments)
      for (const c of d.spec.template.spec.containers) {
        expect(c).toHaveProperty('livenessProbe');
        expect(c).toHaveProperty('resources.requests.memory');
        expect(c).toHaveProperty('resources.limits.memory');
        const limit = heapCapMiB(
          (c as { resources: { limits: { memory: string } } }).resources.limits.memory,
        );
        expect(c.command).toEqual(['node', `--max-old-space-size=${limit}`, expect.stringMatching(/dist/)]);
      }
  });

  it('caps the V8 heap at three quarters of the memory limit', () => {
    expect(heapCapMiB('512Mi')).toBe(384);
    expect(heapCapMiB('2Gi')).toBe(1536);
    expect(() => heapCapMiB('1G')).toThrow();
  });

  it('every setting in the config map is one the services read', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EnvSchema } = require('@pingyi/config') as { EnvSchema: { shape: Record<string, unknown> } };
    const config = manifests().find((m) => (m as { kind: string }).kind === 'ConfigMap') as {
      data: Record<string, string>;
    };
    const unknown = Object.keys(config.data).filter(
      (k) => !(k in EnvSchema.shape) && !READ_BY_ONE_SERVICE.includes(k),
    );
    expect(unknown).toEqual([]);
  });
});
