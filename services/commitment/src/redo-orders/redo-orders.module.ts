import { Module } from '@nestjs/common';
import { RedoOrdersResolver } from './redo-orders.resolver';
import { RedoOrdersService } from './redo-orders.service';

@Module({ providers: [RedoOrdersService, RedoOrdersResolver] })
export class RedoOrdersModule {}
