import { Module } from '@nestjs/common';
import { MilestoneNoticesResolver } from './milestone-notices.resolver';
import { MilestoneNoticesService } from './milestone-notices.service';

@Module({ providers: [MilestoneNoticesService, MilestoneNoticesResolver] })
export class MilestoneNoticesModule {}
