import '@pingyi/observability/dist/json-console';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@pingyi/config';
import { JsonLogger, startTracing, traceRequests, useJsonLogs } from '@pingyi/observability';
import { AppModule } from './app.module';
import { serveWebApp, WEB_DIST } from './web-app';

useJsonLogs('gateway');
startTracing('gateway');

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: new JsonLogger() });
  // Every GraphQL request starts its own trace (its id answered in x-trace-id).
  app.use(traceRequests(false));
  app.enableShutdownHooks();
  // Bulk imports travel as base64 inside GraphQL: allow files up to 64 MB.
  app.useBodyParser('json', { limit: '96mb' });
  if (!serveWebApp(app)) console.warn(`web app not built (${WEB_DIST} missing): only /graphql is served`);
  await app.listen(config.GATEWAY_PORT, config.LISTEN_HOST);
  // Idle keep-alive connections are closed by the client first (see outlastClientKeepAlive in libs/nest).
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  console.log(`gateway on http://${config.LISTEN_HOST}:${config.GATEWAY_PORT}/graphql`);
}

bootstrap().catch((e: unknown) => {
  console.error('gateway failed to start:', e);
  process.exit(1);
});
