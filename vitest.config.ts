import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A ceiling for a hung test, not a speed check (speed is for bench/): tests that start a server,
    // Chromium or several `lifa` processes one after another take tens of seconds on a busy 2-core
    // machine, two files at a time.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on a 2-core CI machine.
    // Most files spend their time waiting on child processes (a server, Chromium, LibreOffice), so two
    // at a time keep both cores busy.
    maxWorkers: 2,
    globalSetup: ['test/helpers/services-setup.ts'],
  },
});
