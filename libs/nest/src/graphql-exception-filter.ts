import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';

/**
 * Resolver errors go back to GraphQL untouched, so the subgraph's error formatter alone answers and logs them (a
 * refusal one WARN line, a failure ERROR with its correlation id). Nest's default handler would also log every
 * refusal at ERROR with a stack. HTTP routes (health) keep Nest's default handling.
 */
@Catch()
export class GraphqlErrorPassThrough extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
