import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { ImportService } from './import.service';
import { ImportJobObject, ImportTemplateObject, StartImportInput, TemplateInput } from './import.types';

/** Bulk import of units and members: start a job, follow it, download the templates. */
@Resolver()
export class ImportResolver {
  constructor(private readonly imports: ImportService) {}

  @Query(() => ImportJobObject, { description: '导入任务进度与结果' })
  orgImportJob(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.imports.job(who, id);
  }

  @Query(() => ImportTemplateObject, { description: '下载导入模板' })
  orgImportTemplate(@Args('input') input: TemplateInput) {
    return this.imports.template(input);
  }

  @Mutation(() => ImportJobObject, {
    description: '开始批量导入（CSV 或 Excel）；先整体校验，有错误则不导入',
  })
  startOrgImport(@CurrentIdentity() who: Identity, @Args('input') input: StartImportInput) {
    return this.imports.start(who, input);
  }
}
