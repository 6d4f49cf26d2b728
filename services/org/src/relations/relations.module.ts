import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { MemberTransferResolver, UnitRelationsResolver } from './relation.resolver';
import { RelationService } from './relation.service';
import { TransferService } from './transfer.service';

/** Relations: secretaries, cadres, pairings, inspection groups and member transfers. */
@Module({
  imports: [SharedModule],
  providers: [UnitRelationsResolver, MemberTransferResolver, RelationService, TransferService],
})
export class RelationsModule {}
