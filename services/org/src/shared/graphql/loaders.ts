import DataLoader from 'dataloader';
import type { MemberRecord, UnitRecord } from '../records';
import type { RegistryReadService } from '../registry-read.service';

export interface Loaders {
  unit: DataLoader<string, UnitRecord | undefined>;
  member: DataLoader<string, MemberRecord | undefined>;
}

const perRequest = new WeakMap<object, Loaders>();

/** DataLoaders live as long as one GraphQL request (keyed by its context object). */
export function loadersFor(context: object, reads: RegistryReadService): Loaders {
  let l = perRequest.get(context);
  if (!l) {
    l = {
      unit: new DataLoader(async (ids) => {
        const found = await reads.unitsByIds(ids);
        return ids.map((id) => found.get(id));
      }),
      member: new DataLoader(async (ids) => {
        const found = await reads.membersByIds(ids);
        return ids.map((id) => found.get(id));
      }),
    };
    perRequest.set(context, l);
  }
  return l;
}
