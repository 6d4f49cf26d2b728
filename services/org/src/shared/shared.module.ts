import { Module } from '@nestjs/common';
import { RegistryReadService } from './registry-read.service';

/** What every feature module of the org subgraph reads units and members with. */
@Module({ providers: [RegistryReadService], exports: [RegistryReadService] })
export class SharedModule {}
