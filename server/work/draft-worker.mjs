// Starts draft-worker.ts from the TypeScript sources, through tsx's loader (a worker thread does not
// inherit the loader of the thread that starts it). The packaged app has no sources: it runs a
// bundled draft-worker.ts under this same name next to its main.js (scripts/build-main.js).
import { register } from 'tsx/esm/api';

register();
await import('./draft-worker.ts');
