import { Module } from '@nestjs/common';
import { LifecycleCommands } from './lifecycle.commands';
import { LifecycleQueries } from './lifecycle.queries';
import { LifecycleResolver } from './lifecycle.resolver';
import { OrgEventsConsumer } from './org-events.consumer';
import { RectificationResolver } from './rectification.resolver';

@Module({
  providers: [
    LifecycleCommands,
    LifecycleQueries,
    LifecycleResolver,
    RectificationResolver,
    OrgEventsConsumer,
  ],
})
export class LifecycleModule {}
