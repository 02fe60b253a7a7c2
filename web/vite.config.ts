import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The seller app, built into web/dist and served by the H2H server itself.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
