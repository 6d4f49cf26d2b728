import { coded, HealthProblem, runHealthChecks } from './health';

describe('readiness report', () => {
  it('names each failing part with its code and Chinese reason', async () => {
    const r = await runHealthChecks({
      database: async () => ({ schema: 'x' }),
      kafka: coded('KAFKA_UNAVAILABLE', 'Kafka 不可用 (unavailable)', async () => {
        throw new Error('connect ECONNREFUSED\n  at stack line');
      }),
      'worker:commitment': async () => {
        throw new HealthProblem('WORKER_DOWN', '任务队列 commitment 没有存活的 worker 进程', {
          processes: 0,
        });
      },
    });
    expect(r.status).toBe('error');
    expect(r.failing).toEqual([
      {
        part: 'kafka',
        code: 'KAFKA_UNAVAILABLE',
        message: 'Kafka 不可用 (unavailable)：connect ECONNREFUSED',
      },
      {
        part: 'worker:commitment',
        code: 'WORKER_DOWN',
        message: '任务队列 commitment 没有存活的 worker 进程',
      },
    ]);
    expect(r.checks['worker:commitment']).toMatchObject({ ok: false, detail: { processes: 0 } });
    expect(r.checks['database']).toEqual({ ok: true, detail: { schema: 'x' } });
  });
});
