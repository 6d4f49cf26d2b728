import { Module } from '@nestjs/common';
import { ImportResolver } from './import.resolver';
import { ImportService } from './import.service';

/** Bulk import: the GraphQL side (the worker runs the import itself, see import.activities.ts). */
@Module({ providers: [ImportResolver, ImportService] })
export class ImportModule {}
