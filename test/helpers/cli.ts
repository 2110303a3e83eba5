// Runs the real `lifa` command as a child process, the way a user does.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/// The result of one `lifa` run.
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/// Run `node bin/lifa.js ...args` from the project root, with `input` on stdin.
export function lifa(args: readonly string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): CliRun {
  const run = spawnSync(process.execPath, ['bin/lifa.js', ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
    // Whole registers of comments come out on stdout (the corpus's CSV is over 1 MB).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/// Absolute path of a file in the project.
export function projectPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}
