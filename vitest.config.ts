import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on a 2-core CI machine.
    // Most files spend their time waiting on child processes (a server, Chromium, LibreOffice), so two
    // at a time keep both cores busy.
    maxWorkers: 2,
  },
});
