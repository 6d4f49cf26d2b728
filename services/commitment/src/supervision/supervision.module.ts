import { Module } from '@nestjs/common';
import { SupervisionResolver } from './supervision.resolver';
import { SupervisionService } from './supervision.service';

@Module({ providers: [SupervisionService, SupervisionResolver] })
export class SupervisionModule {}
