import { Module } from '@nestjs/common';
import { AccountabilityResolver } from './accountability.resolver';
import { AccountabilityService } from './accountability.service';

@Module({ providers: [AccountabilityService, AccountabilityResolver] })
export class AccountabilityModule {}
