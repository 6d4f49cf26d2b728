import {
  Context,
  Directive,
  Field,
  ID,
  Int,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '@pingyi/nest';
import { subtreeSql, visible } from '../scope/scope';
import { emSql } from '../shared/em-sql';

/** The commitment service's campaign, as far as the org registry adds to it (its subjects to launch). */
@ObjectType('Campaign')
@Directive('@key(fields: "id")')
export class CampaignSubjectsObject {
  @Field(() => ID) id!: string;
  @Field() @Directive('@external') scopePath!: string;
}

/**
 * How many units and members a campaign launches commitments for (the active ones of its scope, as the launch lists
 * them), so its progress can be shown as a share. Only for callers who see the campaign's whole scope.
 */
@Resolver(() => CampaignSubjectsObject)
export class CampaignSubjectsResolver {
  constructor(private readonly em: EntityManager) {}

  @ResolveField(() => Int, {
    nullable: true,
    description: '活动范围内应建立承诺的对象数（在册组织和党员；仅对可见整个活动范围的人显示）',
  })
  @Directive('@requires(fields: "scopePath")')
  async subjectsTotal(@Parent() c: CampaignSubjectsObject, @Context() ctx: SubgraphContext) {
    if (!visible(ctx.identity, c.scopePath, c)) return null;
    const [r] = await emSql(this.em.fork()).query<{ n: number }>(
      `select (count(*) filter (where status = 'active') + coalesce(sum(member_count), 0))::int as n
         from org.unit where ${subtreeSql('path', 1)}`,
      [c.scopePath],
    );
    return r?.n ?? 0;
  }
}
