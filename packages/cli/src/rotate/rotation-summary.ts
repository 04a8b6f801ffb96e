import { plural } from '../format.js';
import { printable } from '../io.js';
import type { RotationReport } from './rotate-keys.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${printable(name)}: ${n}`)
    .join(', ');

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const joined = (ids: readonly string[]) => ids.map(printable).join(', ');

/** "The key k2 does not open these secrets: is it the right key?", with the evidence. */
function wrongKeyLines(report: RotationReport): string[] {
  return report.wrongKeys.map((id) => {
    const { refused } = report.keyChecks[id] ?? { refused: 0 };
    const tried = refused === 1 ? 'the 1 secret' : `none of the ${refused} secrets`;
    const what = refused === 1 ? 'did not open' : 'opened';
    const stopped =
      report.stoppedBy === 'wrong-key' && id === report.primary
        ? ' Nothing was written: secrets resealed under it would not open on servers that hold the right key.'
        : '';
    return `The key ${printable(id)} does not open these secrets: is it the right key? (${tried} sealed under ${printable(id)} ${what}.)${stopped}`;
  });
}

/**
 * The last lines: which old keys the store still needs, in terms of what `OTPKIT_KEYS` holds now. A
 * key that is needed but not listed (the operator removed it too early) must be put back, never "kept".
 */
function keyAdvice(
  report: RotationReport,
  limit: number | undefined,
  listedOld: readonly string[],
): string[] {
  const { primary } = report;
  if (report.stoppedBy === 'wrong-key') {
    return [`Put the right ${printable(primary)} in OTPKIT_KEYS (the one your servers use) and run again.`];
  }
  const lines: string[] = [];
  if (report.stoppedBy === 'limit') {
    lines.push(`Stopped after --limit ${limit}: run the command again to continue where it stopped.`);
  } else if (report.stoppedBy === 'interrupt') {
    lines.push('Interrupted: run the command again to continue where it stopped.');
  }
  const missing = report.keysStillNeeded.filter((id) => !listedOld.includes(id));
  const keep = report.keysStillNeeded.filter((id) => listedOld.includes(id));
  if (missing.length > 0) {
    const them = missing.length === 1 ? 'it' : 'them';
    lines.push(
      `${joined(missing)} ${missing.length === 1 ? 'is' : 'are'} not in OTPKIT_KEYS, but stored secrets or codes still need ${them}: put ${them} back (on every server too), then run again.`,
    );
  }
  if (report.stoppedBy !== null) return lines;
  if (keep.length > 0) lines.push(`Keep ${joined(keep)} in OTPKIT_KEYS.`);
  else if (missing.length > 0) return lines;
  else if (listedOld.length === 0) lines.push(`Every stored secret is under ${printable(primary)}.`);
  else if (report.dryRun) lines.push(`After a real run, nothing stored would need ${joined(listedOld)}.`);
  else {
    const them = listedOld.length === 1 ? 'it' : 'them';
    lines.push(
      `Nothing stored needs ${joined(listedOld)} any more: you may remove ${them} from OTPKIT_KEYS on every server.`,
    );
  }
  return lines;
}

/**
 * The human summary of a rotation. `listedOld` are the key ids in `OTPKIT_KEYS` other than the
 * primary.
 */
export function rotationSummary(
  report: RotationReport,
  limit: number | undefined,
  listedOld: readonly string[],
): string {
  const hashes = sum(report.oldHashes);
  const lines = [
    ...(report.dryRun ? ['Dry run: nothing was written.'] : []),
    `Primary key:      ${printable(report.primary)}`,
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
    ...wrongKeyLines(report),
  ];
  if (hashes > 0) {
    lines.push(
      `Unused codes hashed under old keys: ${hashes} (${list(report.oldHashes)}) on ${plural(sum(report.oldHashDevices), 'device')} (${list(report.oldHashDevices)}).`,
      '  A hash cannot be recomputed without its code: those keys must stay in OTPKIT_KEYS until these',
      '  users regenerate their backup codes (an email code is replaced at its next sign-in).',
    );
  }
  lines.push(...keyAdvice(report, limit, listedOld));
  return lines.join('\n');
}
