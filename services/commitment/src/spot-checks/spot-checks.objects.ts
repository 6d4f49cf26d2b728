import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SpotCheckPick', { description: '抽中的对象' })
export class SpotCheckPickObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ nullable: true }) orgPath?: string;
  @Field({ description: '签号：SHA-256(种子 换行 类别 换行 编号)，签号最小的若干个中签' }) ticket!: string;
  @Field(() => Int, { nullable: true, description: '加权抽查时该对象的风险权重' }) weight?: number;
}

@ObjectType('SpotCheckWeight', { description: '抽查所用的风险权重' })
export class SpotCheckWeightObject {
  @Field() subjectId!: string;
  @Field(() => Int) weight!: number;
}

@ObjectType('InspectionTask', { description: '抽查任务：对照“三不过关”检查台账' })
export class InspectionTaskObject {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: '所属抽查；由防走过场提示直接送督查的为空' })
  drawId?: string;
  @Field(() => ID, { nullable: true, description: '直接送督查的那份点评所属的承诺' }) commitmentId?: string;
  @Field({ nullable: true, description: '送督查的理由' }) reason?: string;
  @Field({ nullable: true, description: '送督查的人' }) sentBy?: string;
  @Field({ description: 'unit（党组织）或 cadre（干部）' }) subjectKind!: string;
  @Field() subjectKindLabel!: string;
  @Field() subjectId!: string;
  @Field() subjectName!: string;
  @Field() orgPath!: string;
  @Field({ description: 'open（待检查）或 done（已检查）' }) status!: string;
  @Field() statusLabel!: string;
  @Field({ nullable: true, description: '自评是否认真（“回头看”总结是否认真）' })
  selfEvaluationSerious?: boolean;
  @Field({ nullable: true, description: '是否点出了不足' }) shortcomingsNamed?: boolean;
  @Field({ nullable: true, description: '整改措施是否具体（四定）' }) measuresConcrete?: boolean;
  @Field({ nullable: true, description: '三项均过关' }) passed?: boolean;
  @Field({ nullable: true }) note?: string;
  @Field({ nullable: true }) inspectorId?: string;
  @Field(() => Int, { nullable: true, description: '本次检查结果责令重新点评的承诺数（登记未过关时）' })
  redoOrdered?: number;
  @Field({ nullable: true }) inspectedAt?: Date;
}

@ObjectType('SpotCheckDraw', { description: '每周摇号抽查：种子和候选名单留存，任何人可按同一方法复核' })
export class SpotCheckDrawObject {
  @Field(() => ID) id!: string;
  @Field() campaignId!: string;
  @Field({ description: '抽查范围（组织路径）' }) scopePath!: string;
  @Field({ description: '抽查周（ISO 周，如 2026-W48）' }) week!: string;
  @Field({ description: '随机种子' }) seed!: string;
  @Field({ description: '摇号方法：sha256-rank/v1（等概率）或 sha256-weighted/v1（按风险加权）' })
  method!: string;
  @Field(() => [SpotCheckWeightObject], {
    description: '按风险加权时所用的权重（随抽查留存，未列出的候选为 1）',
  })
  riskWeights!: SpotCheckWeightObject[];
  @Field() drawnBy!: string;
  @Field() drawnAt!: Date;
  @Field(() => Int, { description: '应抽党组织数' }) unitCount!: number;
  @Field(() => Int, { description: '应抽干部数' }) cadreCount!: number;
  @Field(() => Int, { description: '候选党组织数' }) unitCandidates!: number;
  @Field(() => Int, { description: '候选干部数' }) cadreCandidates!: number;
  @Field(() => [SpotCheckPickObject]) units!: SpotCheckPickObject[];
  @Field(() => [SpotCheckPickObject]) cadres!: SpotCheckPickObject[];
  @Field({ description: '按留存的种子和候选名单重新摇号，结果与记录一致' }) reproducible!: boolean;
  @Field(() => [InspectionTaskObject]) tasks!: InspectionTaskObject[];
}
