import { Module } from '@nestjs/common';
import { CommitmentStepsResolver } from './commitment-steps.resolver';
import { RectificationStepsResolver } from './rectification-steps.resolver';
import { StepService } from './step.service';

@Module({ providers: [StepService, CommitmentStepsResolver, RectificationStepsResolver] })
export class StepsModule {}
