import { Module } from '@nestjs/common';
import { CommitmentQueries } from './commitment.queries';
import { CommitmentsResolver } from './commitments.resolver';
import { CoverageQueries } from './coverage.queries';

@Module({ providers: [CommitmentQueries, CoverageQueries, CommitmentsResolver] })
export class CommitmentsModule {}
