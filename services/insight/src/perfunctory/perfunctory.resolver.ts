import { Args, Query, Resolver } from '@nestjs/graphql';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, type Identity } from '@pingyi/contracts';
import { CurrentIdentity, DomainError, requireRole } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { InsightService } from '../graphql/insight.service';
import { SCHEMA as S } from '../model/ddl';
import { checkDraft } from './draft-check';
import { PerfunctoryCheck, PerfunctoryCheckArgs } from './perfunctory-draft.types';
import { flaggedAuthors, flaggedTexts, ownTexts, textDetail } from './perfunctory.read';
import {
  MyPerfunctoryArgs,
  PerfunctoryAuthorPage,
  PerfunctoryDetail,
  PerfunctoryPageArgs,
  PerfunctoryText,
  PerfunctoryTextArgs,
  PerfunctoryTextPage,
} from './perfunctory.types';

const bad = (message: string) => new DomainError(ErrorCode.BAD_INPUT, message);
/** Who supervises reviews (members see only their own flags). */
const SUPERVISORS = ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer'] as const;

function page(a: PerfunctoryPageArgs) {
  if (!Number.isInteger(a.offset) || a.offset < 0) throw bad('offset 不能为负数');
  if (!Number.isInteger(a.limit) || a.limit < 1 || a.limit > 500) throw bad('每页条数应在 1 至 500 之间');
  if (a.kind != null && a.kind !== 'review' && a.kind !== 'self_evaluation')
    throw bad('类型应为 review 或 self_evaluation');
  return { kind: a.kind ?? null, offset: a.offset, limit: a.limit };
}

/** 防走过场: flags on reviews and self-evaluations, for a subtree within the caller's scope; nothing is refused. */
@Resolver()
export class PerfunctoryResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly insight: InsightService,
  ) {}

  private scope(who: Identity, orgPath?: string): string {
    requireRole(who, ...SUPERVISORS);
    return this.insight.scope(who, orgPath);
  }

  @Query(() => PerfunctoryTextPage, {
    description: '防走过场：所查组织（含下级）有提示的点评和自评，得分高的在前（只作提示）',
  })
  perfunctoryTexts(@CurrentIdentity() who: Identity, @Args() a: PerfunctoryPageArgs) {
    const path = this.scope(who, a.orgPath);
    return flaggedTexts(emSql(this.em.fork()), S, { campaignId: a.campaignId, path, ...page(a) });
  }

  @Query(() => PerfunctoryAuthorPage, {
    description: '防走过场：所查组织（含下级）有提示的点评人，提示多的在前',
  })
  perfunctoryAuthors(@CurrentIdentity() who: Identity, @Args() a: PerfunctoryPageArgs) {
    const path = this.scope(who, a.orgPath);
    return flaggedAuthors(emSql(this.em.fork()), S, { campaignId: a.campaignId, path, ...page(a) });
  }

  @Query(() => PerfunctoryDetail, {
    description: '防走过场：一份点评的得分、理由与证据（本人管理范围内的高度相似各份并列）',
  })
  async perfunctoryText(@CurrentIdentity() who: Identity, @Args() a: PerfunctoryTextArgs) {
    const path = this.scope(who, undefined);
    const d = await textDetail(emSql(this.em.fork()), S, a.id, path);
    if (!d) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该点评');
    return d;
  }

  @Query(() => [PerfunctoryText], {
    description: '防走过场：本人在活动中写的点评（自评）及其提示，可在节点关闭前改进',
  })
  myPerfunctoryFlags(@CurrentIdentity() who: Identity, @Args() a: MyPerfunctoryArgs) {
    this.insight.scope(who, undefined);
    return ownTexts(emSql(this.em.fork()), S, a.campaignId, who.personId);
  }

  @Query(() => PerfunctoryCheck, {
    description: '防走过场：提交前检查点评草稿（不保存、不拒收），列出理由和本人可见的高度相似文本',
  })
  async checkPerfunctoryDraft(@CurrentIdentity() who: Identity, @Args() a: PerfunctoryCheckArgs) {
    const scope = this.insight.scope(who, undefined);
    const spent = a.secondsSpent ?? null;
    if (spent != null && spent < 0) throw bad('填写用时不能为负数');
    const r = await checkDraft(emSql(this.em.fork()), S, {
      commitmentId: a.commitmentId,
      draft: { ...a.draft },
      secondsSpent: spent,
      personId: who.personId,
      scope: who.roles.some((r) => (SUPERVISORS as readonly string[]).includes(r)) ? scope : null,
    });
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该承诺，或不在您的管理范围内');
    return r;
  }
}
