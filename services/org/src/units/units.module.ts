import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CampaignSubjectsResolver } from './campaign-subjects.resolver';
import { UnitQueriesService } from './unit-queries.service';
import { UnitResolver } from './unit.resolver';
import { UnitService } from './unit.service';

/** Units: the tree, search and the unit aggregate's changes. */
@Module({
  imports: [SharedModule],
  providers: [UnitResolver, UnitQueriesService, UnitService, CampaignSubjectsResolver],
})
export class UnitsModule {}
