import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The workbench is served by the gateway at `/`; in `npm run dev -w @pingyi/web` requests go to a local gateway. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The same rule code as the server (三不过关, item rules: pure TS + zod from libs/contracts, no Node built-ins).
    alias: [{ find: /^@pingyi\/contracts\/(.*)$/, replacement: `${here('../../libs/contracts/src/')}$1` }],
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/auth', '/files'].map((p) => [
        p,
        `http://127.0.0.1:${process.env['GATEWAY_PORT'] ?? 4000}`,
      ]),
    ),
  },
});
