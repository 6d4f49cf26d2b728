import { Client, Connection } from '@temporalio/client';
import { SearchAttributes } from '@pingyi/contracts';
import { temporal } from '@temporalio/proto';
import { clientTracingInterceptors } from '@pingyi/observability/dist/temporal-client';

export interface TemporalOptions {
  address: string;
  namespace: string;
}

export async function connectTemporal(o: TemporalOptions): Promise<Client> {
  const connection = await Connection.connect({ address: o.address, connectTimeout: '5s' });
  // Starts, Updates and signals carry the caller's trace context to the workflow (README, Traces).
  return new Client({ connection, namespace: o.namespace, interceptors: clientTracingInterceptors() });
}

/** For health checks: the frontend answers. */
export async function pingTemporal(client: Client): Promise<{ serverVersion: string }> {
  const info = await client.connection.workflowService.getSystemInfo({});
  return { serverVersion: info.serverVersion ?? 'unknown' };
}

const indexedValueType = temporal.api.enums.v1.IndexedValueType;

/** Registers the platform's search attributes on an external cluster (the dev server gets them as flags). */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<void> {
  const existing = await client.connection.operatorService.listSearchAttributes({ namespace });
  const have = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = Object.values(SearchAttributes).filter((a) => !have.has(a.name));
  if (missing.length === 0) return;
  await client.connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((a) => [
        a.name,
        indexedValueType[`INDEXED_VALUE_TYPE_${a.type.toUpperCase()}` as 'INDEXED_VALUE_TYPE_KEYWORD'],
      ]),
    ),
  });
}

export * from './steps';
export * from './interval-schedule';
