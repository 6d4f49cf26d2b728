import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `handle` once per (consumer, event id): the inbox row and the handler's writes commit together,
 * so a redelivered event is skipped and a failed handler leaves no inbox row.
 * Returns false when the event had already been handled.
 */
export async function handleOnce(
  em: EntityManager,
  consumer: string,
  eventId: string,
  handle: (tx: EntityManager) => Promise<void>,
): Promise<boolean> {
  const schema = em.config.get('schema') ?? 'public';
  return em.fork().transactional(async (tx) => {
    const rows: unknown[] = await tx
      .getConnection()
      .execute(
        `insert into "${schema}".inbox_event (consumer, event_id) values (?, ?) on conflict do nothing returning event_id`,
        [consumer, eventId],
        'all',
        tx.getTransactionContext(),
      );
    if (rows.length === 0) return false;
    await handle(tx);
    return true;
  });
}
