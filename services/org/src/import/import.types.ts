import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ImportKindGql, ImportFormatGql, ImportStatusGql } from '../shared/graphql/enums';

@ObjectType('ImportRowError', { description: '导入文件中的一处错误' })
export class ImportRowErrorObject {
  @Field(() => Int, { description: '行号（表头为第 1 行）' }) row!: number;
  @Field(() => String, { nullable: true }) column!: string | null;
  @Field() message!: string;
}

@ObjectType('ImportJob', { description: '批量导入任务' })
export class ImportJobObject {
  @Field(() => ID) id!: string;
  @Field(() => ImportKindGql) kind!: string;
  @Field(() => ImportFormatGql) format!: string;
  @Field() fileName!: string;
  @Field() dryRun!: boolean;
  @Field(() => ImportStatusGql) status!: string;
  @Field(() => Int) totalRows!: number;
  @Field(() => Int) processedRows!: number;
  @Field(() => Int, { description: '进度百分比 0–100' }) percent!: number;
  @Field(() => Int) inserted!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) errorCount!: number;
  @Field(() => [ImportRowErrorObject]) errors!: ImportRowErrorObject[];
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ImportTemplate', { description: '导入模板文件' })
export class ImportTemplateObject {
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field({ description: '文件内容（Base64）' }) contentBase64!: string;
}

@InputType({ description: '开始批量导入' })
export class StartImportInput {
  @Field(() => ImportKindGql) kind!: 'units' | 'members';
  @Field({ description: '文件名（.csv 或 .xlsx）' }) fileName!: string;
  @Field({ description: '文件内容（Base64）' }) contentBase64!: string;
  @Field({ defaultValue: false, description: '只校验不写入' }) dryRun!: boolean;
}

@InputType()
export class TemplateInput {
  @Field(() => ImportKindGql) kind!: 'units' | 'members';
  @Field(() => ImportFormatGql, { defaultValue: 'xlsx' }) format!: 'csv' | 'xlsx';
}
