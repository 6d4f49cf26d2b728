import { Module } from '@nestjs/common';
import { CommitmentQueries } from './commitment.queries';
import { CommitmentsResolver } from './commitments.resolver';
import { CoverageQueries } from './coverage.queries';
import { SearchQueries } from './search.queries';

@Module({ providers: [CommitmentQueries, CoverageQueries, SearchQueries, CommitmentsResolver] })
export class CommitmentsModule {}
