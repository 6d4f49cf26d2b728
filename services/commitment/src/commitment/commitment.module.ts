import { Module } from '@nestjs/common';
import { CommitmentResolver } from './commitment.resolver';
import { CommitmentService } from './commitment.service';

@Module({ providers: [CommitmentResolver, CommitmentService] })
export class CommitmentModule {}
