import { Module } from '@nestjs/common';
import { MassEvaluationResolver } from './mass-evaluation.resolver';
import { MassEvaluationService } from './mass-evaluation.service';
import { PublicBoard } from './public-board';

@Module({ providers: [MassEvaluationService, PublicBoard, MassEvaluationResolver] })
export class MassEvaluationModule {}
