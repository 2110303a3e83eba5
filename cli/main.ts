/// The `lifa` command line: `main(argv)` parses arguments, runs one command and returns its exit code.
/// Usage errors and bad input exit with 2 and one line on stderr; nothing prints a stack trace.
import { Command, CommanderError } from 'commander';
import { CliError } from './errors.ts';
import { registerImport } from './commands/import.ts';
import { registerExport } from './commands/export.ts';
import { registerServe } from './commands/serve.ts';
import { registerUser } from './commands/user.ts';
import { registerGrant } from './commands/grant.ts';
import { registerDiff } from './commands/diff.ts';
import { registerComments } from './commands/comments.ts';
import { registerSummary } from './commands/summary.ts';
import { registerAmend } from './commands/amend.ts';
import { registerVerify } from './commands/verify.ts';
import { registerMigrate } from './commands/migrate.ts';

/// Every command, in the order `lifa --help` lists them. Later issues append theirs here.
const commands: ReadonlyArray<(program: Command) => void> = [
  registerImport,
  registerExport,
  registerServe,
  registerUser,
  registerGrant,
  registerDiff,
  registerComments,
  registerSummary,
  registerAmend,
  registerVerify,
  registerMigrate,
];

/// Build the commander program (exposed for tests of the help text).
export function buildProgram(): Command {
  const program = new Command('lifa')
    .description('Lifa (立法): drafting studio for legislation — import, export, compare, serve, comments')
    .version('0.1.0', '-v, --version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Commander's own errors become our one-line CliErrors (see main), so swallow its printing.
      writeErr: () => {},
    });
  for (const register of commands) register(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => {} });
  return program;
}

/// Run the CLI with `argv` (without node and script). Resolves to the process exit code.
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length === 0) {
      process.stdout.write(program.helpInformation());
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      process.stderr.write(`lifa: ${error.message.replace(/^error: /, '').split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`lifa: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lifa: internal error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
