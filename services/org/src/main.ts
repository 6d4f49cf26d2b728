import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@pingyi/config';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.ORG_PORT, config.LISTEN_HOST);
  console.log(`org subgraph on http://${config.LISTEN_HOST}:${config.ORG_PORT}/graphql`);
}

bootstrap().catch((e: unknown) => {
  console.error('org service failed to start:', e);
  process.exit(1);
});
