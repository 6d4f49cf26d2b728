import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { EvidenceStore } from './evidence.store';

@Module({ controllers: [EvidenceController], providers: [EvidenceStore] })
export class EvidenceModule {}
