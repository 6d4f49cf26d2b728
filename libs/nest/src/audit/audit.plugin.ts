import { Injectable, Logger } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import {
  OperationTypeNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Identity } from '@pingyi/contracts';
import { rootMutationFields, type ResponseError, type RootField } from './audit-target';
import { AuditWriter } from './audit-writer';

/** The parts of Apollo Server's request context this plugin reads. */
interface RequestContextLike {
  readonly schema: GraphQLSchema;
  readonly document?: DocumentNode;
  readonly operation?: OperationDefinitionNode;
  readonly request: { variables?: Record<string, unknown> };
  readonly contextValue: { identity?: Identity };
  readonly response: {
    body?:
      | {
          kind: 'single';
          singleResult: { data?: Record<string, unknown> | null; errors?: readonly ResponseError[] };
        }
      | { kind: 'incremental' };
  };
}

/**
 * Audits every mutation a subgraph serves: one entry per root mutation field (who, roles, scope, operation, target,
 * outcome, time), written before the answer leaves the service. Queries are not audited.
 */
@Plugin()
@Injectable()
export class AuditPlugin {
  private readonly log = new Logger('Audit');
  constructor(private readonly writer: AuditWriter) {}

  async requestDidStart() {
    let fields: RootField[] = [];
    return {
      didResolveOperation: async (rc: RequestContextLike): Promise<void> => {
        if (rc.operation?.operation !== OperationTypeNode.MUTATION || !rc.document) return;
        fields = rootMutationFields(rc.schema, rc.document, rc.operation, rc.request.variables);
      },
      willSendResponse: async (rc: RequestContextLike): Promise<void> => {
        const identity = rc.contextValue.identity;
        if (fields.length === 0 || !identity) return;
        const body = rc.response.body;
        const result = body?.kind === 'single' ? body.singleResult : undefined;
        try {
          const entries = await this.writer.entriesFor(identity, fields, result?.data, result?.errors);
          await this.writer.record(entries);
        } catch (e) {
          this.log.error(
            `audit failed for ${fields.map((f) => f.operation).join(', ')}: ${(e as Error).message}`,
          );
        }
      },
    };
  }
}
