import type { AppConfig } from '@pingyi/config';

/** The subgraphs composed into the supergraph. */
export function subgraphList(config: AppConfig): { name: string; url: string }[] {
  return [{ name: 'commitment', url: config.subgraphUrls.commitment }];
}
