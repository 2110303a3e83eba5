// vitest globalSetup: a folder for the services this run starts on demand (test/helpers/services.ts),
// and their teardown when the run ends. Starts nothing itself, so runs that need no PostgreSQL pay nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopSharedCluster } from './services.ts';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'lifa-services-'));
  // Workers are forked after global setup, so they inherit it.
  process.env.LIFA_TEST_SERVICES = folder;
  return () => {
    stopSharedCluster(folder);
    rmSync(folder, { recursive: true, force: true });
  };
}
