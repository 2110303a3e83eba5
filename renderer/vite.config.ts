// Builds the renderer (the web UI) into dist/renderer: `npm run build`. `lifa serve` serves that folder at
// `/`, and the desktop window loads it. Preact's JSX goes through Vite's oxc transform.
import { defineConfig } from 'vite';

// This folder, whatever the working directory (Vite runs the config in Node, which provides it).
const root = import.meta.dirname;

const serverOnlyLibraries = /node_modules[\\/](docx|diff|fast-xml-parser|xmlbuilder2|entities)[\\/]/;

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    // Source maps publish the source with the app: only when asked (LIFA_SOURCEMAP=1 npm run build).
    sourcemap: process.env.LIFA_SOURCEMAP === '1',
    chunkSizeWarningLimit: 1500,
    minify: process.env.LIFA_MINIFY !== '0',
    rolldownOptions: {
      // The renderer imports core through its index, which also re-exports the DOCX, XML and diff
      // exporters the server uses. These libraries have no side effects on import; saying so lets the
      // bundler drop them (about 150 kB), which shortens opening a draft.
      treeshake: { moduleSideEffects: (id: string) => !serverOnlyLibraries.test(id) },
    },
  },
});
