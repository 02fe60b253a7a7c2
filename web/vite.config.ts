import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** In `npm run dev:web`, /p and /p/… are the buyer's room, as the H2H server answers them (src/http/web.ts). */
const roomPages = (): Plugin => ({
  name: 'h2h-room-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path === '/p' || path.startsWith('/p/')) req.url = '/portal.html';
      next();
    });
  },
});

// Two pages, built into web/dist and served by the H2H server itself:
// index.html, the seller app; portal.html, the buyer's room (its own small
// bundle, served for every /p/… address; it shares no code with the seller
// app beyond React and LinkedText).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), roomPages()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: { input: { index: `${import.meta.dirname}/index.html`, portal: `${import.meta.dirname}/portal.html` } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
