import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Identity } from '@pingyi/contracts';
import { CurrentIdentity } from '@pingyi/nest';
import { ExportJobs } from './export-jobs.service';
import { ExportJobView, StartExportInput } from './export.types';

/** 导出：台账与登记表，按本人管理范围。 */
@Resolver()
export class ExportsResolver {
  constructor(private readonly jobs: ExportJobs) {}

  @Mutation(() => ExportJobView, {
    description:
      '开始导出所选组织（含全部下级）在活动中的台账；用 exportJob 查看进度，完成后经 GET /exports/:id 下载',
  })
  startExport(@CurrentIdentity() who: Identity, @Args('input') input: StartExportInput) {
    return this.jobs.start(who, input);
  }

  @Query(() => ExportJobView, { description: '导出任务的状态与进度' })
  exportJob(@CurrentIdentity() who: Identity, @Args('id', { type: () => ID }) id: string) {
    return this.jobs.job(who, id);
  }
}
