import type { AppConfig } from '@pingyi/config';

/** The subgraphs composed into the supergraph. */
export function subgraphList(config: AppConfig): { name: string; url: string }[] {
  return [
    { name: 'org', url: config.subgraphUrls.org },
    { name: 'commitment', url: config.subgraphUrls.commitment },
    { name: 'insight', url: config.subgraphUrls.insight },
  ];
}
