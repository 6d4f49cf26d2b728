import type { MikroORM } from '@mikro-orm/postgresql';
import type { Kafka } from 'kafkajs';
import { consumerStates, describeKafka } from '@pingyi/messaging';
import { scrapedGauge } from '@pingyi/observability';

let registered = false;

/** The outbox backlog and this process's consumer lag, read when Prometheus scrapes. */
export function registerServiceGauges(d: { orm: MikroORM; kafka: Kafka; schema: string }): void {
  if (registered) return;
  registered = true;
  const backlog = async () => {
    const [row] = await d.orm.em.getConnection().execute<{ n: number; oldest_s: number | null }[]>(
      `select count(*)::int n, extract(epoch from now() - min(created_at))::float8 oldest_s
           from "${d.schema}".outbox_event where published_at is null`,
    );
    return row;
  };
  scrapedGauge('pingyi_outbox_unpublished', '发件箱中尚未发布的事件数 (outbox backlog)', [], async () => [
    { value: (await backlog())?.n ?? 0 },
  ]);
  scrapedGauge(
    'pingyi_outbox_oldest_unpublished_seconds',
    '最早一条未发布事件已等待的秒数 (age of the oldest unpublished event)',
    [],
    async () => [{ value: (await backlog())?.oldest_s ?? 0 }],
  );
  scrapedGauge(
    'pingyi_kafka_consumer_lag',
    '本进程消费组在各主题上的积压消息数 (consumer lag)',
    ['group', 'topic'],
    async () => {
      const states = consumerStates();
      if (states.length === 0) return [];
      const { lag } = await describeKafka(d.kafka, states);
      return Object.entries(lag).map(([key, value]) => {
        const [group = '', topic = ''] = key.split('@');
        return { labels: { group, topic }, value };
      });
    },
  );
}
