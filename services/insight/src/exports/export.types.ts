import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** What an export job writes. */
export enum ExportKind {
  commitment_ledger = 'commitment_ledger',
  review_ledger = 'review_ledger',
  registration_form = 'registration_form',
  rectification_ledger = 'rectification_ledger',
  mass_evaluation_summary = 'mass_evaluation_summary',
  registration_forms_zip = 'registration_forms_zip',
}
registerEnumType(ExportKind, {
  name: 'ExportKind',
  description: '导出内容',
  valuesMap: {
    commitment_ledger: { description: '承诺台账（XLSX）' },
    review_ledger: { description: '点评台账（XLSX）' },
    registration_form: { description: '一个对象的领导点评登记表（PDF，须指定 commitmentId）' },
    rectification_ledger: { description: '整改台账（XLSX）' },
    mass_evaluation_summary: { description: '群众评议汇总（XLSX；参评人数不足公布门槛的分组不予显示）' },
    registration_forms_zip: {
      description: '所选组织全部对象的领导点评登记表（ZIP，按单位分文件夹，每个对象一个 PDF）',
    },
  },
});

export const ExportKindLabel: Record<ExportKind, string> = {
  commitment_ledger: '承诺台账',
  review_ledger: '点评台账',
  registration_form: '领导点评登记表',
  rectification_ledger: '整改台账',
  mass_evaluation_summary: '群众评议汇总',
  registration_forms_zip: '领导点评登记表',
};

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'expired';
export const ExportStatusLabel: Record<ExportStatus, string> = {
  queued: '排队中',
  running: '正在生成',
  done: '已完成，可下载',
  failed: '生成失败',
  expired: '已过期，文件已删除',
};

@InputType('StartExportInput')
export class StartExportInput {
  @Field({ description: '活动 ID' }) campaignId!: string;
  @Field(() => String, { nullable: true, description: '导出的组织（含全部下级），缺省为本人管理范围' })
  orgPath?: string;
  @Field(() => ExportKind, { description: '导出内容' }) kind!: ExportKind;
  @Field(() => String, { nullable: true, description: '承诺编号（导出一个对象的登记表时）' })
  commitmentId?: string;
}

@ObjectType('ExportJob', { description: '导出任务：进度与下载地址（经网关 GET /exports/:id 下载）' })
export class ExportJobView {
  @Field(() => ID) id!: string;
  @Field(() => ExportKind) kind!: ExportKind;
  @Field({ description: '导出内容的中文名称' }) kindLabel!: string;
  @Field() campaignId!: string;
  @Field() orgPath!: string;
  @Field({ description: 'queued | running | done | failed | expired' }) status!: string;
  @Field({ description: '状态（中文）' }) statusLabel!: string;
  @Field(() => Int, { description: '已写出的行数' }) done!: number;
  @Field(() => Int, { nullable: true, description: '总行数' }) total!: number | null;
  @Field({ description: '进度（中文），如“已导出 12 / 30 行”' }) progressLabel!: string;
  @Field({ description: '下载时的文件名' }) filename!: string;
  @Field(() => String, { nullable: true, description: '下载地址（完成后）' }) downloadPath!: string | null;
  @Field(() => String, { nullable: true, description: '失败原因' }) error!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true, description: '文件保留至（完成后；过期后文件删除，需重新导出）' })
  expiresAt!: string | null;
}
