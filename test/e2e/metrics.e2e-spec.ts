import { gql, graphqlUrl, tokenFor } from './helpers';

const gatewayMetrics = () => new URL('/metrics', graphqlUrl()).toString();
const commitmentMetrics = () => new URL('/metrics', process.env['PINGYI_E2E_COMMITMENT_URL']).toString();

/** Prometheus metrics from the gateway and every subgraph (the workers' are checked in worker-restart). */
describe('metrics', () => {
  it('times each GraphQL operation by name at the gateway and at the subgraph it reaches', async () => {
    const token = await tokenFor(['member'], 'metrics.unit', 'metrics-member');
    const r = await gql('query MetricsProbe { myInbox(first: 1) { id } }', {}, { token });
    expect(r.errors).toBeUndefined();
    const gateway = await (await fetch(gatewayMetrics())).text();
    expect(gateway).toMatch(
      /pingyi_graphql_operation_duration_seconds_count\{service="gateway",operation="MetricsProbe",type="query",outcome="ok"\} [1-9]/,
    );
    expect(gateway).toMatch(/pingyi_nodejs_eventloop_lag_seconds\{service="gateway"\}/);
    const commitment = await (await fetch(commitmentMetrics())).text();
    expect(commitment).toMatch(
      /pingyi_graphql_operation_duration_seconds_count\{service="commitment",operation="MetricsProbe__commitment__\d+",type="query",outcome="ok"\} [1-9]/,
    );
  });

  it('reports the outbox backlog and the consumer lag when scraped', async () => {
    const text = await (await fetch(commitmentMetrics())).text();
    expect(text).toMatch(/pingyi_outbox_unpublished\{service="commitment"\} \d+/);
    expect(text).toMatch(/pingyi_outbox_oldest_unpublished_seconds\{service="commitment"\} [\d.]+/);
    expect(text).toMatch(
      /pingyi_kafka_consumer_lag\{(?=[^}]*service="commitment")(?=[^}]*topic="[^"]+")[^}]*group="[^"]+"[^}]*\} \d+/,
    );
  });

  it('never serves metrics through the public proxy', async () => {
    const r = await fetch(gatewayMetrics(), { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('');
  });
});
