import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { RulesResolver } from './rules.resolver';

/** Who reviews whom and the escalation chain (the workflows' activities use the same rules). */
@Module({ imports: [SharedModule], providers: [RulesResolver] })
export class RulesModule {}
