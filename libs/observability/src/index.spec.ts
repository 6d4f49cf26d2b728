import {
  answerScrape,
  graphqlMetricsPlugin,
  MAX_OPERATION_LABELS,
  mayScrape,
  metrics,
  operationLabel,
  startMetrics,
} from './index';

describe('observability', () => {
  it('serves metrics to scrapers inside only, never through the public proxy', () => {
    expect(mayScrape('127.0.0.1', undefined)).toBe(true);
    expect(mayScrape('::ffff:10.2.3.4', undefined)).toBe(true);
    expect(mayScrape('172.20.0.5', undefined)).toBe(true);
    expect(mayScrape('203.0.113.9', undefined)).toBe(false);
    expect(mayScrape('172.32.0.1', undefined)).toBe(false);
    expect(mayScrape('127.0.0.1', '203.0.113.9')).toBe(false);
  });

  it('keeps operation names as labels up to a bound, so clients cannot grow the series without end', () => {
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('bad name{')).toBe('anonymous');
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) operationLabel(`Op${i}`);
    expect(operationLabel('Op1')).toBe('Op1');
    expect(operationLabel('Brand_New')).toBe('other');
  });

  it('times operations by name, type and outcome and answers a scrape in the text format', async () => {
    startMetrics('unit');
    const hooks = await graphqlMetricsPlugin.requestDidStart();
    await hooks.willSendResponse({
      operationName: 'Op2',
      operation: { operation: 'query' },
      response: { body: { kind: 'single', singleResult: { errors: [{}] } } },
    });
    const res = { statusCode: 0, headers: {} as Record<string, string>, body: '' };
    await answerScrape(
      { socket: { remoteAddress: '127.0.0.1' }, headers: {} },
      {
        get statusCode() {
          return res.statusCode;
        },
        set statusCode(v: number) {
          res.statusCode = v;
        },
        setHeader: (n: string, v: string) => (res.headers[n] = v),
        end: (b: string) => (res.body = b),
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(metrics.contentType);
    expect(res.body).toMatch(
      /pingyi_graphql_operation_duration_seconds_count\{service="unit",operation="Op2",type="query",outcome="error"\} 1/,
    );
    expect(res.body).toMatch(/pingyi_process_cpu_seconds_total/);
  });
});
