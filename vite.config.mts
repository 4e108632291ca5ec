import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin console (web/): `npm run build` writes it to dist/web, which the service serves at
 * `/` (src/console-static.ts). `npm run web:dev` serves it with hot reload and hands /api and
 * /docs to the service that `npm start` runs on port 3000.
 */
const service = 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': service, '/docs': service },
  },
});
