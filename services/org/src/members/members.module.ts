import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { MemberQueriesService } from './member-queries.service';
import { MemberResolver } from './member.resolver';
import { MemberService } from './member.service';

/** Members: lists and the member aggregate's changes. */
@Module({ imports: [SharedModule], providers: [MemberResolver, MemberQueriesService, MemberService] })
export class MembersModule {}
