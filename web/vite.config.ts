// The explorer is a static page: `vite build` writes web/dist/ (relative URLs, so it can
// be served from any path). The wasm package is read from ../wasm/pkg (built by
// scripts/build-wasm.sh), not installed from npm, so the page always runs this checkout's.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  resolve: {
    alias: { 'origin-schema': fileURLToPath(new URL('../wasm/pkg', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    // The wasm package (2.4 MB) and Graphviz (1.2 MB) are large by nature.
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
});
