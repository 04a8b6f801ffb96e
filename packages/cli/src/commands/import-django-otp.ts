import { readFile } from 'node:fs/promises';
import { EXIT, failure, usageError } from '../cli-error.js';
import type { CommandSpec } from '../command.js';
import {
  type DjangoOtpImportReport,
  type DjangoOtpRowReport,
  type DjangoUserIdOption,
  importDjangoOtp,
} from '../django-otp/index.js';
import { plural } from '../format.js';
import { type Output, printable } from '../io.js';

/** Below this many device rows an import is quick enough to need no progress lines. */
const PROGRESS_FROM = 100;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw failure(`Cannot read the ${what} ${printable(path)}${code ? ` (${code})` : ''}.`);
  }
}

/** `--user-map`: a JSON object from Django user primary keys to user ids (null: leave the user out). */
async function readUserMap(path: string): Promise<Record<string, string | null>> {
  let map: unknown;
  try {
    map = JSON.parse(await readText(path, 'user map'));
  } catch (error) {
    if (error instanceof SyntaxError) throw usageError(`The user map ${printable(path)} is not JSON.`);
    throw error;
  }
  const valid =
    typeof map === 'object' &&
    map !== null &&
    !Array.isArray(map) &&
    Object.values(map).every((id) => id === null || (typeof id === 'string' && id.length > 0));
  if (!valid) {
    throw usageError(
      `The user map ${printable(path)} must be a JSON object from Django user ids to user ids (or null), like {"12": "alice"}.`,
    );
  }
  return map as Record<string, string | null>;
}

async function userIdOption(options: Readonly<Record<string, string | boolean | undefined>>) {
  const template = options['user-id'];
  const mapFile = options['user-map'];
  if (typeof template === 'string' && typeof mapFile === 'string')
    throw usageError('Give --user-id or --user-map, not both.');
  if (typeof mapFile === 'string') return readUserMap(mapFile);
  if (typeof template !== 'string')
    throw usageError("Say how Django users map to yours: --user-id 'django:{pk}' or --user-map map.json.");
  if (!/\{(pk|username)\}/.test(template) || /\{(?!pk\}|username\})[^{}]*\}/.test(template))
    throw usageError('--user-id must contain {pk} or {username}, and no other placeholder.');
  return template as DjangoUserIdOption;
}

const LABEL: Record<DjangoOtpRowReport['outcome'], string> = {
  imported: 'imported',
  'would-import': 'would import',
  duplicate: 'already imported',
  skipped: 'skipped',
  failed: 'failed',
};

function rowLine(row: DjangoOtpRowReport): string {
  const user = row.userId === undefined ? '' : ` (user ${printable(row.userId)})`;
  return `  ${printable(row.model)} ${printable(row.pk ?? '?')}${user}: ${printable(row.reason ?? '')}`;
}

function summary(report: DjangoOtpImportReport, file: string): string {
  const counts = (Object.keys(LABEL) as Array<DjangoOtpRowReport['outcome']>)
    .filter((outcome) => report.counts[outcome] > 0 || outcome === 'failed')
    .map((outcome) => `${LABEL[outcome]} ${report.counts[outcome]}`);
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${plural(report.total, 'django-otp device')} in ${printable(file)}: ${counts.join(', ')}.`,
  ];
  for (const outcome of ['failed', 'skipped'] as const) {
    const rows = report.rows.filter((row) => row.outcome === outcome);
    if (rows.length > 0) lines.push(`${outcome === 'failed' ? 'Failed' : 'Skipped'}:`, ...rows.map(rowLine));
  }
  return lines.join('\n');
}

/** Progress lines on stderr for a large import: about every tenth of the way. */
function progressReporter(out: Output) {
  let next = 0;
  return ({ done, total }: { done: number; total: number }) => {
    if (total < PROGRESS_FROM) return;
    if (done >= next || done === total) {
      out.warn(`otpkit: ${done} of ${total} device rows (${Math.floor((done / total) * 100)}%)`);
      next = done + Math.ceil(total / 10);
    }
  };
}

/** `otpkit import django-otp <file>`: django-otp's devices from a `dumpdata` file. */
export const importDjangoOtpCommand: CommandSpec = {
  path: ['import', 'django-otp'],
  summary: "import django-otp's devices from a manage.py dumpdata file",
  args: ['file'],
  options: {
    'user-id': {
      type: 'string',
      value: 'template',
      description: "user id for a Django user: {pk} and {username} are replaced ('django:{pk}')",
    },
    'user-map': {
      type: 'string',
      value: 'file',
      description: 'JSON object from Django user ids to user ids (null leaves a user out)',
    },
    'dry-run': { type: 'boolean', description: 'check every row and report, writing nothing' },
  },
  details: [
    'Reads the JSON of `manage.py dumpdata otp_totp otp_hotp otp_static otp_email` (add auth.user',
    'for {username} or for email devices without their own address). TOTP and HOTP secrets are',
    'sealed, static tokens hashed into the user’s backup codes; drift and the last used step or',
    'counter carry over, so a code already used stays used. Running it again creates nothing twice.',
    'A row that cannot be imported is reported with its reason and the others go on; the exit code',
    'is 1 when any row failed. Throttling state, Twilio SMS and YubiKey devices do not carry over.',
    'Needs OTPKIT_KEYS. See docs/migrating-from-django-otp.md.',
  ].join('\n'),
  examples: [
    "otpkit import django-otp otp.json --user-id 'django:{pk}' --dry-run",
    'otpkit import django-otp otp.json --user-map users.json --json',
  ],
  async run({ args, options, out, resources }) {
    const userId = await userIdOption(options);
    const dump = await readText(args.file!, 'dump');
    const otp = await resources.service({ keys: true });
    const report = await importDjangoOtp({
      otp,
      dump,
      userId,
      dryRun: options['dry-run'] === true,
      onProgress: progressReporter(out),
    });
    out.result(report, summary(report, args.file!));
    return report.counts.failed > 0 ? EXIT.failed : EXIT.ok;
  },
};
