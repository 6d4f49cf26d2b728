import '@pingyi/observability/dist/json-console';
import 'reflect-metadata';
import { loadConfig } from '@pingyi/config';
import { bootstrapHttpApp } from '@pingyi/nest';
import { AppModule } from './app.module';

bootstrapHttpApp('org subgraph', AppModule, loadConfig().ORG_PORT);
