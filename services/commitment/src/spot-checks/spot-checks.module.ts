import { Module } from '@nestjs/common';
import { SpotChecksResolver } from './spot-checks.resolver';
import { SpotChecksService } from './spot-checks.service';

@Module({ providers: [SpotChecksService, SpotChecksResolver] })
export class SpotChecksModule {}
