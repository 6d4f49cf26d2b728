import { Module } from '@nestjs/common';
import { OrgEventsConsumer } from './org-events.consumer';
import { OrgSync } from './org-sync';

/** The lifecycle core's providers: org sync and the org-event consumer that drives it. */
@Module({ providers: [OrgSync, OrgEventsConsumer] })
export class LifecycleModule {}
