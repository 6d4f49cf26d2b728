import { Module, type DynamicModule } from '@nestjs/common';
import { AuditPlugin } from './audit.plugin';
import { AUDIT_OPTIONS, AuditWriter, type AuditOptions } from './audit-writer';

/** The audit plugin for one service's subgraph; import it next to `federatedGraphQLModule()`. */
@Module({})
export class AuditModule {
  static forService(o: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      providers: [{ provide: AUDIT_OPTIONS, useValue: o }, AuditWriter, AuditPlugin],
      exports: [AuditWriter, AUDIT_OPTIONS],
    };
  }
}
