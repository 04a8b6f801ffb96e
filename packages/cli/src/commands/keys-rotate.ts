import { EXIT } from '../cli-error.js';
import { type CommandSpec, integerOption } from '../command.js';
import { plural } from '../format.js';
import { printable } from '../io.js';
import { createProgress } from '../rotate/progress.js';
import { type RotationReport, rotateKeys } from '../rotate/rotate-keys.js';

const INTERRUPTED = 130;

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${printable(name)}: ${n}`)
    .join(', ');

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function summary(report: RotationReport, limit: number | undefined, oldKeys: readonly string[]): string {
  const { primary } = report;
  const hashes = sum(report.oldHashes);
  const lines = [
    ...(report.dryRun ? ['Dry run: nothing was written.'] : []),
    `Primary key:      ${primary}`,
    `Devices checked:  ${report.scanned} of ${Math.max(report.total, report.scanned)}`,
    `${report.dryRun ? 'Would reseal:   ' : 'Resealed:       '}  ${plural(report.resealedDevices, 'device')} (${plural(report.resealedSecrets, 'secret')})`,
    `Up to date:       ${plural(report.upToDate, 'device')}`,
    ...(report.vanished > 0 ? [`Removed meanwhile: ${plural(report.vanished, 'device')}`] : []),
    ...(report.failed.length > 0
      ? [
          `Failed:           ${plural(report.failed.length, 'device')}`,
          ...report.failed.map(
            (f) => `  ${printable(f.deviceId)} (${printable(f.kind)} of ${printable(f.userId)}): ${f.reason}`,
          ),
        ]
      : []),
  ];
  if (hashes > 0) {
    lines.push(
      `Keyed hashes under old keys: ${hashes} (${list(report.oldHashes)}) on ${plural(sum(report.oldHashDevices), 'device')} (${list(report.oldHashDevices)}).`,
      '  A hash cannot be recomputed without its code: the keys above must stay in OTPKIT_KEYS until those',
      '  users regenerate their backup codes (an email code is replaced at its next sign-in).',
    );
  }
  if (report.stoppedBy === 'limit') {
    lines.push(`Stopped after --limit ${limit}: run the command again to continue where it stopped.`);
  } else if (report.stoppedBy === 'interrupt') {
    lines.push('Interrupted: run the command again to continue where it stopped.');
  } else if (report.keysStillNeeded.length > 0) {
    lines.push(`Keep ${report.keysStillNeeded.join(', ')} in OTPKIT_KEYS.`);
  } else if (oldKeys.length === 0) {
    lines.push(`Every stored secret is under ${primary}.`);
  } else if (report.dryRun) {
    lines.push(`After a real run, nothing stored would need ${oldKeys.join(', ')}.`);
  } else {
    const them = oldKeys.length === 1 ? 'it' : 'them';
    lines.push(
      `Nothing stored needs ${oldKeys.join(', ')} any more: you may remove ${them} from OTPKIT_KEYS on every server.`,
    );
  }
  return lines.join('\n');
}

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
    'Keyed hashes (backup codes, email codes) cannot be re-hashed without their codes: the report',
    'counts those left under old keys, which must stay in OTPKIT_KEYS until they are regenerated.',
    'Exit code 1 when a device could not be resealed (its key is missing, or it was tampered with).',
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
      summary(
        report,
        limit,
        keyring.keyIds.filter((id) => id !== keyring.primaryKeyId),
      ),
    );
    if (report.failed.length > 0) return EXIT.failed;
    return report.stoppedBy === 'interrupt' ? INTERRUPTED : EXIT.ok;
  },
};
