import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('InsightStageCount', { description: '某一环节的承诺数' })
export class StageCount {
  @Field({ description: '环节代码' }) stage!: string;
  @Field({ description: '环节名称' }) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('InsightMilestoneCount', { description: '达到某一节点的承诺数（累计：已过该节点的都计入）' })
export class MilestoneCount {
  @Field({ description: '节点代码' }) milestone!: string;
  @Field({ description: '节点名称' }) label!: string;
  @Field(() => Int) reached!: number;
}

@ObjectType({ description: '某一点评方式的点评数' })
export class ModeCount {
  @Field({ description: '点评方式代码' }) mode!: string;
  @Field({ description: '点评方式（集中点评、专项点评、现场点评、谈话点评、书面点评等）' }) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '某一评定等次的承诺数' })
export class GradeCount {
  @Field({ description: '等次代码' }) grade!: string;
  @Field({ description: '等次（好、中、差）' }) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '领导点评' })
export class ReviewFigures {
  @Field(() => Int, { description: '通过的领导点评数' }) total!: number;
  @Field(() => Int, { description: '未通过系统复核、退回重新点评的次数' }) sentBackByCheck!: number;
  @Field(() => [ModeCount], { description: '按点评方式' }) byMode!: ModeCount[];
}

@ObjectType({ description: '重新点评（责令重做）次数' })
export class RedoFigures {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: '系统复核不通过退回' }) byCheck!: number;
  @Field(() => Int, { description: '管理员责令' }) byAdmin!: number;
  @Field(() => Int, { description: '抽查发现问题责令' }) byInspection!: number;
}

@ObjectType({
  description: '群众评议满意度（按评议人类别；份数低于活动规定的最少份数时不公布，各项为空）',
})
export class SatisfactionFigures {
  @Field({ description: '评议人类别代码；all 为全部' }) category!: string;
  @Field({ description: '评议人类别' }) label!: string;
  @Field({ description: '份数不足，不公布' }) withheld!: boolean;
  @Field(() => Int, { nullable: true }) responses!: number | null;
  @Field(() => Int, { nullable: true, description: '满意' }) satisfied!: number | null;
  @Field(() => Int, { nullable: true, description: '基本满意' }) basicallySatisfied!: number | null;
  @Field(() => Int, { nullable: true, description: '不满意' }) unsatisfied!: number | null;
  @Field(() => Float, { nullable: true, description: '满意率（满意与基本满意之和占比）' }) rate!:
    number | null;
}

@ObjectType({ description: '整改事项' })
export class RectificationFigures {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: '整改中或待核验' }) open!: number;
  @Field(() => Int, { description: '整改中或待核验且已过期限' }) overdue!: number;
  @Field(() => Int, { description: '挂牌督办' }) listed!: number;
  @Field(() => Int, { description: '已核验销号（含回访办结）' }) verified!: number;
  @Field(() => Int, { description: '回访不满意后重新整改' }) reopened!: number;
  @Field(() => Int, { description: '已撤销' }) cancelled!: number;
  @Field(() => Int, { description: '曾被上追问责' }) escalated!: number;
  @Field(() => Float, { nullable: true, description: '整改率：已核验销号占（总数－已撤销）的比例' })
  rate!: number | null;
}

@ObjectType({ description: '问责' })
export class AccountabilityFigures {
  @Field(() => Int, { description: '上追问责记录数（每次上追一级一条）' }) records!: number;
  @Field(() => Int, { description: '已填写原因的记录数' }) causesFilled!: number;
}

/** Every figure of a node (or of a unit under it, for the ranking). */
@ObjectType({ description: '一个组织（含其下级）在一次活动中的各项数字' })
export class Figures {
  @Field(() => Int, { description: '承诺主体数（含已撤销）' }) subjects!: number;
  @Field(() => [StageCount], { description: '按环节' }) byStage!: StageCount[];
  @Field(() => [MilestoneCount], { description: '按节点（累计）' }) milestones!: MilestoneCount[];
  @Field(() => Int, { description: '进行中且未超期' }) onTime!: number;
  @Field(() => Int, { description: '当前环节已超期' }) overdue!: number;
  @Field(() => Int, { description: '异议（群众意见）条数' }) objections!: number;
  @Field(() => Int, { description: '收到异议的主体数' }) subjectsWithObjections!: number;
  @Field(() => ReviewFigures) reviews!: ReviewFigures;
  @Field(() => [GradeCount], { description: '评定等次' }) grades!: GradeCount[];
  @Field(() => RedoFigures) redoOrders!: RedoFigures;
  @Field(() => [SatisfactionFigures], { description: '群众评议满意度：第一项为全部，其后按评议人类别' })
  satisfaction!: SatisfactionFigures[];
  @Field(() => RectificationFigures) rectifications!: RectificationFigures;
  @Field(() => AccountabilityFigures) accountability!: AccountabilityFigures;
}
