import { type DeviceRecord, type DeviceWrite, isOtpError, type Keyring, type OtpStore } from '@otpkit/core';
import { type AnyKysely, countDevices, scanDevices } from '@otpkit/store-sql';
import { type Examination, examineData, type KeyCounts, resealData } from './reseal-data.js';

/** Options of {@link rotateKeys}. */
export interface RotateKeysOptions {
  db: AnyKysely;
  tablePrefix?: string | undefined;
  store: OtpStore;
  keyring: Keyring;
  /** Devices read per page. */
  batchSize: number;
  /** Count what would change; write nothing. */
  dryRun: boolean;
  /** Stop once this many devices are resealed (or would be), for rotating in slices. */
  limit?: number | undefined;
  /** Epoch milliseconds, to tell spent email codes from live ones. @default Date.now() */
  now?: number;
  /** Asked between users: true stops the walk (Ctrl-C). Everything written so far stays written. */
  stopRequested?: () => boolean;
  onProgress?: (progress: RotationProgress) => void;
}

/** Where a rotation stands. */
export interface RotationProgress {
  /** Devices in the store when the walk began. */
  total: number;
  scanned: number;
  resealed: number;
  failed: number;
  /** True once per page, when all of it is handled; false for updates within a page. */
  pageDone: boolean;
}

/** A device whose secrets could not be resealed, and why (no secret in it). */
export interface DeviceFailure {
  deviceId: string;
  userId: string;
  kind: string;
  reason: string;
}

/** What {@link rotateKeys} did, or would do in a dry run. */
export interface RotationReport {
  primary: string;
  dryRun: boolean;
  /** True when every device was visited. */
  complete: boolean;
  /** `wrong-key`: the primary key does not open the secrets sealed under its id, so nothing more is written. */
  stoppedBy: 'limit' | 'interrupt' | 'wrong-key' | null;
  total: number;
  scanned: number;
  /** Devices rewritten (or that would be) and the envelopes resealed in them. */
  resealedDevices: number;
  resealedSecrets: number;
  /** Devices whose envelopes are all under the primary and open (or that hold only hashes). */
  upToDate: number;
  /** Devices deleted between the scan and the write. */
  vanished: number;
  failed: DeviceFailure[];
  /** Keyed hashes still usable (unused backup codes, live email codes) left under old keys, per key id. */
  oldHashes: KeyCounts;
  /** Devices holding such hashes, per kind. */
  oldHashDevices: Record<string, number>;
  /**
   * Old key ids the store still needs once the run is done (a dry run: once a real run is): for
   * keyed hashes and envelopes that failed; every old key when the walk did not finish.
   */
  keysStillNeeded: string[];
  /**
   * Listed key ids that opened none of the envelopes sealed under them (at least one was tried): the
   * key value under that id is not the one that sealed them.
   */
  wrongKeys: string[];
  /** Envelopes tried per listed key id: how many opened and how many did not. */
  keyChecks: Record<string, { opened: number; refused: number }>;
}

// Like the service: re-read and retry a compare-and-set lost to a login, then give up on the user.
const MAX_ATTEMPTS = 10;

/** Devices read per page while checking the primary key before a real run. */
const CHECK_PAGE = 1000;
/** Envelopes under the primary that all fail to open before the key is judged wrong without reading on. */
const WRONG_KEY_EVIDENCE = 20;

const unlistedReason = (keyId: string) => `sealed under key ${keyId}, which OTPKIT_KEYS does not list`;
const refusedReason = (keyId: string) =>
  `the key ${keyId} in OTPKIT_KEYS does not open it (not the key that sealed it, or tampered with)`;

/** Why a device's examination forbids resealing it, or null when every envelope opened. */
function problemOf(found: Examination): string | null {
  const unlisted = Object.keys(found.unlisted).find((id) => found.unlisted[id]! > 0);
  if (unlisted !== undefined) return unlistedReason(unlisted);
  const refused = Object.keys(found.refused)[0];
  return refused === undefined ? null : refusedReason(refused);
}

/** A keyring error met while resealing (the device changed since it was examined), in words. */
function describeFailure(error: unknown): string {
  if (isOtpError(error, 'OTP_KEY_INVALID')) return unlistedReason(error.details.keyId ?? 'unknown');
  if (isOtpError(error, 'OTP_SEAL_INVALID')) return 'a sealed secret does not open (tampered with or moved)';
  throw error;
}

interface UserOutcome {
  /** Devices another run resealed between the scan and the write. */
  alreadyDone: number;
  devices: number;
  secrets: number;
  vanished: number;
  failed: DeviceFailure[];
}

/**
 * Reseal the given devices of one user in one commit, guarded by the versions just read: a login
 * that writes the user or a device in between makes the commit fail, and the devices are read and
 * resealed again, so the login's write is never overwritten.
 */
async function resealUser(
  store: OtpStore,
  keyring: Keyring,
  userId: string,
  scanned: readonly DeviceRecord[],
): Promise<UserOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const snapshot = await store.loadUser(userId);
    const outcome: UserOutcome = { alreadyDone: 0, devices: 0, secrets: 0, vanished: 0, failed: [] };
    const writes: DeviceWrite[] = [];
    for (const { id } of scanned) {
      const device = snapshot.devices.find((candidate) => candidate.id === id);
      if (!device) {
        outcome.vanished++;
        continue;
      }
      try {
        const { data, resealed } = resealData(device.data, keyring, device.id);
        if (resealed === 0) {
          outcome.alreadyDone++;
          continue;
        }
        // updatedAt is kept: re-sealing changes nothing the user did or can see.
        writes.push({
          op: 'update',
          device: { ...device, data, version: device.version + 1 },
          expectedVersion: device.version,
        });
        outcome.devices++;
        outcome.secrets += resealed;
      } catch (error) {
        outcome.failed.push({ deviceId: id, userId, kind: device.kind, reason: describeFailure(error) });
      }
    }
    if (writes.length === 0) return outcome;
    const expectedStateVersion = snapshot.state?.version ?? null;
    if (await store.commit({ userId, expectedStateVersion, devices: writes })) return outcome;
  }
  return {
    alreadyDone: 0,
    devices: 0,
    secrets: 0,
    vanished: 0,
    failed: scanned.map((device) => ({
      deviceId: device.id,
      userId,
      kind: device.kind,
      reason: 'kept changing during the rotation; run it again',
    })),
  };
}

function add(into: KeyCounts, counts: KeyCounts): void {
  for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n;
}

/** Tallies of envelopes tried per key id, across a walk. */
function createKeyChecks(keyring: Keyring) {
  const checks: RotationReport['keyChecks'] = Object.fromEntries(
    keyring.keyIds.map((id) => [id, { opened: 0, refused: 0 }]),
  );
  return {
    checks,
    record(found: Examination) {
      for (const [id, n] of Object.entries(found.opened)) checks[id]!.opened += n;
      for (const [id, n] of Object.entries(found.refused)) checks[id]!.refused += n;
    },
    /** Keys that have refused envelopes and opened none: a wrong key value under a right id. */
    wrong: () =>
      Object.entries(checks)
        .filter(([, { opened, refused }]) => opened === 0 && refused > 0)
        .map(([id]) => id),
  };
}

/**
 * Before a real run writes anything: read devices until one envelope under the primary opens (the
 * key is right), or the store ends. The primary is wrong when every envelope under its id refused to
 * open: resealing under it would lock users out of the site, whose servers hold the right key.
 */
async function checkPrimary(
  options: RotateKeysOptions,
  now: number,
): Promise<{ opened: number; refused: number }> {
  const { db, keyring } = options;
  const tablePrefix = options.tablePrefix ? { tablePrefix: options.tablePrefix } : {};
  const primary = keyring.primaryKeyId;
  const tried = { opened: 0, refused: 0 };
  let after: string | null = null;
  for (;;) {
    const page: DeviceRecord[] = await scanDevices(db, { ...tablePrefix, after, limit: CHECK_PAGE });
    if (page.length === 0) return tried;
    after = page[page.length - 1]!.id;
    for (const device of page) {
      const found = examineData(device.data, keyring, device.id, now);
      tried.opened += found.opened[primary] ?? 0;
      tried.refused += found.refused[primary] ?? 0;
    }
    if (tried.opened > 0 || tried.refused >= WRONG_KEY_EVIDENCE || page.length < CHECK_PAGE) return tried;
    if (options.stopRequested?.()) return tried;
  }
}

/**
 * Re-seal every sealed secret of the store under the keyring's primary key: walk all devices in id
 * order, one page at a time, and rewrite each device that holds an envelope under another key with
 * a compare-and-set. Every envelope is opened on the way, so a key value that does not match its id
 * is found (`wrongKeys`); a real run first makes sure the primary opens what is already sealed under
 * it, and writes nothing when it does not. Devices already under the primary are skipped, so a run
 * that was stopped continues where it left off when started again. Keyed hashes cannot be
 * recomputed without their codes; those still usable are counted, per old key, in the report.
 */
export async function rotateKeys(options: RotateKeysOptions): Promise<RotationReport> {
  const { db, store, keyring, batchSize, dryRun, limit } = options;
  const now = options.now ?? Date.now();
  const tablePrefix = options.tablePrefix ? { tablePrefix: options.tablePrefix } : {};
  const keyChecks = createKeyChecks(keyring);
  const report: RotationReport = {
    primary: keyring.primaryKeyId,
    dryRun,
    complete: false,
    stoppedBy: null,
    total: await countDevices(db, tablePrefix),
    scanned: 0,
    resealedDevices: 0,
    resealedSecrets: 0,
    upToDate: 0,
    vanished: 0,
    failed: [],
    oldHashes: {},
    oldHashDevices: {},
    keysStillNeeded: [],
    wrongKeys: [],
    keyChecks: keyChecks.checks,
  };
  // Envelopes left under old keys on devices that failed (the others are resealed, or would be).
  const leftEnvelopes: KeyCounts = {};
  const finish = () => {
    report.wrongKeys = keyChecks.wrong();
    report.keysStillNeeded = stillNeeded(report, leftEnvelopes, keyring);
    return report;
  };
  if (!dryRun) {
    const primary = await checkPrimary(options, now);
    if (primary.opened === 0 && primary.refused > 0) {
      keyChecks.checks[keyring.primaryKeyId] = primary;
      report.stoppedBy = 'wrong-key';
      return finish();
    }
  }
  const progress = (pageDone: boolean) =>
    options.onProgress?.({
      pageDone,
      total: Math.max(report.total, report.scanned),
      scanned: report.scanned,
      resealed: report.resealedDevices,
      failed: report.failed.length,
    });

  let after: string | null = null;
  walk: for (;;) {
    const page: DeviceRecord[] = await scanDevices(db, { ...tablePrefix, after, limit: batchSize });
    if (page.length === 0) {
      report.complete = true;
      break;
    }
    after = page[page.length - 1]!.id;
    const staleByUser = new Map<string, DeviceRecord[]>();
    const failedHere: DeviceFailure[] = [];
    for (const device of page) {
      const found = examineData(device.data, keyring, device.id, now);
      keyChecks.record(found);
      add(report.oldHashes, found.hashes);
      if (Object.keys(found.hashes).length > 0) {
        report.oldHashDevices[device.kind] = (report.oldHashDevices[device.kind] ?? 0) + 1;
      }
      const problem = problemOf(found);
      if (problem !== null) {
        failedHere.push({ deviceId: device.id, userId: device.userId, kind: device.kind, reason: problem });
        add(leftEnvelopes, found.envelopes);
        add(leftEnvelopes, found.unlisted);
      } else if (Object.keys(found.envelopes).length === 0) {
        report.scanned++;
        report.upToDate++;
      } else {
        staleByUser.set(device.userId, [...(staleByUser.get(device.userId) ?? []), device]);
      }
    }
    // A primary that opens nothing sealed under it must not seal anything more.
    if (!dryRun && keyChecks.wrong().includes(keyring.primaryKeyId)) {
      report.stoppedBy = 'wrong-key';
      break;
    }
    report.scanned += failedHere.length;
    report.failed.push(...failedHere);
    for (const [userId, devices] of staleByUser) {
      if (options.stopRequested?.()) {
        report.stoppedBy = 'interrupt';
        break walk;
      }
      if (limit !== undefined && report.resealedDevices >= limit) {
        report.stoppedBy = 'limit';
        break walk;
      }
      const outcome = dryRun
        ? resealInMemory(keyring, userId, devices)
        : await resealUser(store, keyring, userId, devices);
      // Counted once handled, so that a walk stopped mid-page reports only what it got through.
      report.scanned += devices.length;
      report.upToDate += outcome.alreadyDone;
      report.resealedDevices += outcome.devices;
      report.resealedSecrets += outcome.secrets;
      report.vanished += outcome.vanished;
      report.failed.push(...outcome.failed);
      for (const device of devices) {
        if (outcome.failed.some((failure) => failure.deviceId === device.id)) {
          add(leftEnvelopes, examineData(device.data, keyring, device.id, now).envelopes);
        }
      }
      progress(false);
    }
    progress(true);
    // better-sqlite3 answers synchronously, so a whole walk can run on microtasks alone; one
    // macrotask turn per page lets a Ctrl-C (a signal event) be seen before the next page.
    await new Promise((resolve) => setImmediate(resolve));
    if (options.stopRequested?.()) {
      report.stoppedBy = 'interrupt';
      break;
    }
  }
  return finish();
}

/** A dry run: reseal in memory, to count what a real run would write. */
function resealInMemory(keyring: Keyring, userId: string, devices: readonly DeviceRecord[]): UserOutcome {
  const outcome: UserOutcome = { alreadyDone: 0, devices: 0, secrets: 0, vanished: 0, failed: [] };
  for (const device of devices) {
    try {
      outcome.secrets += resealData(device.data, keyring, device.id).resealed;
      outcome.devices++;
    } catch (error) {
      outcome.failed.push({ deviceId: device.id, userId, kind: device.kind, reason: describeFailure(error) });
    }
  }
  return outcome;
}

function stillNeeded(report: RotationReport, leftEnvelopes: KeyCounts, keyring: Keyring): string[] {
  // A walk that stopped early has not seen every device: any old key may still be in use.
  if (!report.complete) {
    const listed = keyring.keyIds.filter((id) => id !== keyring.primaryKeyId);
    return [...new Set([...listed, ...Object.keys(report.oldHashes), ...Object.keys(leftEnvelopes)])].sort();
  }
  const keys = new Set([...Object.keys(report.oldHashes), ...Object.keys(leftEnvelopes)]);
  keys.delete(keyring.primaryKeyId);
  return [...keys].sort();
}
