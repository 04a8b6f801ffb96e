import { EXIT } from '../cli-error.js';
import { type CommandSpec, integerOption } from '../command.js';
import { createProgress } from '../rotate/progress.js';
import { type RotationReport, rotateKeys } from '../rotate/rotate-keys.js';
import { rotationSummary } from '../rotate/rotation-summary.js';

const INTERRUPTED = 130;

/** `otpkit keys rotate`: re-seal every stored secret under the primary key. */
export const keysRotateCommand: CommandSpec = {
  path: ['keys', 'rotate'],
  summary: 're-seal every stored secret under the primary key',
  args: [],
  options: {
    'dry-run': { type: 'boolean', description: 'count what would change; write nothing' },
    'batch-size': { type: 'string', value: 'n', description: 'devices read per page, 1–10000 (default 200)' },
    limit: { type: 'string', value: 'n', description: 'stop after resealing n devices (rotate in slices)' },
  },
  details: [
    'Walks every device and rewrites those whose secrets are sealed under a key other than the',
    'primary (the first in OTPKIT_KEYS, or OTPKIT_PRIMARY_KEY), each with a compare-and-set on the',
    "device's version, so a login at the same moment is never lost. Devices already under the",
    'primary are skipped: after an interruption (Ctrl-C, --limit, a crash), run it again to continue.',
    'Every sealed secret is opened on the way, so a key value that does not match its id is found:',
    'the report asks "is it the right key?", and a real run writes nothing under a primary key that',
    'does not open what is already sealed under its id. Keyed hashes (backup codes, email codes)',
    'cannot be re-hashed without their codes: the report counts the unused ones left under old keys,',
    'which must stay in OTPKIT_KEYS until they are regenerated (used ones need no key).',
    'Exit code 1 when a device could not be resealed (its key is missing, or it was tampered with);',
    '2 when a key in OTPKIT_KEYS opens none of the secrets sealed under its id.',
  ].join('\n'),
  examples: [
    'OTPKIT_KEYS=k2:NEW…,k1:OLD… otpkit keys rotate --dry-run',
    'OTPKIT_KEYS=k2:NEW…,k1:OLD… otpkit keys rotate --batch-size 500',
  ],
  async run({ options, out, io, resources }) {
    const keyring = resources.keyring();
    const batchSize = integerOption(options['batch-size'], 'batch-size', {
      min: 1,
      max: 10_000,
      default: 200,
    });
    const limit = integerOption(options.limit, 'limit', { min: 1, max: 100_000_000 });
    const dryRun = options['dry-run'] === true;
    const store = await resources.store();
    const db = await resources.database();

    let stopRequested = false;
    const onInterrupt = () => {
      // A second Ctrl-C leaves at once; every commit is atomic, so nothing is half-written.
      if (stopRequested) process.exit(INTERRUPTED);
      stopRequested = true;
      out.warn('\nStopping after the current write (Ctrl-C again to quit now)…');
    };
    process.on('SIGINT', onInterrupt);
    const progress = createProgress(io.stderr, { dryRun });
    let report: RotationReport;
    try {
      report = await rotateKeys({
        db,
        tablePrefix: resources.tablePrefix(),
        store,
        keyring,
        batchSize,
        dryRun,
        limit,
        stopRequested: () => stopRequested,
        onProgress: progress.update,
      });
    } finally {
      progress.done();
      process.off('SIGINT', onInterrupt);
    }
    out.result(
      report,
      rotationSummary(
        report,
        limit,
        keyring.keyIds.filter((id) => id !== keyring.primaryKeyId),
      ),
    );
    // A key value that does not match its id is the operator's setting to fix, like a missing key.
    if (report.wrongKeys.length > 0) return EXIT.usage;
    if (report.failed.length > 0) return EXIT.failed;
    return report.stoppedBy === 'interrupt' ? INTERRUPTED : EXIT.ok;
  },
};
