import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages, built into web/dist and served by the H2H server itself:
// index.html, the seller app; portal.html, the buyer's room (its own small
// bundle, served for every /p/… address; it shares no code with the seller
// app beyond React).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: { input: { index: `${import.meta.dirname}/index.html`, portal: `${import.meta.dirname}/portal.html` } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
