import { defineConfig } from 'vite';

// Served by the API process under /app/ (api/web/web-app.ts). Vite 8 compiles TSX itself (oxc),
// so no React plugin is needed for a production build.
export default defineConfig({
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The forms (JSON Schema and its validator) are a chunk of their own, loaded by the screens
    // that have forms (React.lazy in app.tsx); the first screen does without them.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Mantine marks its modules "use client" for server rendering, which a browser bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
