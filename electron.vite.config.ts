import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // Electron main process.
          index: resolve('src/main/index.ts'),
          // The training process (Electron utilityProcess or Node child process).
          trainer: resolve('src/main/engine/trainer-process.ts'),
          // The CSV import worker thread (src/main/data/service.ts starts it).
          'csv-worker': resolve('src/main/data/csv-worker.ts'),
          // The browser host: `npm run web`.
          web: resolve('src/web/main.ts'),
          // The command line: `npx neurite`.
          cli: resolve('src/main/cli/main.ts'),
          // Engine entry points for bench/ (plain Node scripts).
          bench: resolve('src/main/engine/bench-api.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve('src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
