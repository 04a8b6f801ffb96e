import { EXIT } from './cli-error.js';
import { COMMANDS } from './commands/index.js';
import { describeError } from './describe-error.js';
import { createOutput, type Io } from './io.js';
import { parseCommandLine } from './parse-command-line.js';
import { createResources, type Resources } from './resources.js';
import { VERSION } from './version.js';

/**
 * Run the `otpkit` command line and resolve its exit code: 0 success, 1 refused or failed,
 * 2 usage or configuration error. Every failure is one sentence on stderr (and, with `--json`,
 * `{ "ok": false, "error": { code, message } }` on stdout); no stack trace unless OTPKIT_DEBUG=1.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let json = argv.includes('--json');
  let resources: Resources | undefined;
  try {
    const line = parseCommandLine(argv, COMMANDS);
    if (line.kind === 'help') {
      io.stdout.write(`${line.text}\n`);
      return EXIT.ok;
    }
    if (line.kind === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    json = line.json;
    resources = createResources(line.flags, io);
    const out = createOutput(io, json);
    return await line.command.run({ args: line.args, options: line.options, out, io, resources });
  } catch (error) {
    const report = describeError(error);
    io.stderr.write(`otpkit: ${report.message}\n`);
    if (io.env.OTPKIT_DEBUG === '1' && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: report.code, message: report.message } })}\n`,
      );
    }
    return report.exitCode;
  } finally {
    await resources?.close().catch(() => undefined);
  }
}
