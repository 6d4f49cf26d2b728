import { Module } from '@nestjs/common';
import { OrgEventsConsumer } from './org-events.consumer';
import { OrgSync } from './org-sync';
import { PendingStepsResender } from './pending-steps.resender';

/** The lifecycle core's providers: org sync, the org-event consumer that drives it, and the pending steps' resender. */
@Module({ providers: [OrgSync, OrgEventsConsumer, PendingStepsResender] })
export class LifecycleModule {}
