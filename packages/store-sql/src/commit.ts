import { type DeviceRecord, type DeviceWrite, OtpError, type StoreCommit } from '@otpkit/core';
import type { CompiledQuery } from 'kysely';
import type { AnyKysely, SqlFamily } from './dialect.js';
import type { Row } from './rows.js';
import { toInt } from './rows.js';
import type { Guard, Statements } from './statements.js';
import { isDuplicateKey, isRetryableConflict, storeUnavailable } from './store-errors.js';

/** Thrown inside a commit transaction when a compare-and-set matched no row: roll back, return false. */
class Conflict extends Error {}

/** What a commit needs from the store: its database, its family and its compiled statements. */
export interface CommitContext {
  db: AnyKysely;
  family: SqlFamily;
  statements: Statements;
}

/** Run one compiled statement and return the number of rows it changed. */
async function write(db: AnyKysely, query: CompiledQuery): Promise<number> {
  const result = await db.executeQuery(query);
  return Number(result.numAffectedRows ?? 0n);
}

function deviceValues(ctx: CommitContext, device: DeviceRecord) {
  return {
    id: device.id,
    userId: device.userId,
    kind: device.kind,
    name: device.name,
    // better-sqlite3 cannot bind booleans; MySQL's BOOLEAN is TINYINT(1) anyway.
    confirmed: ctx.family === 'postgres' ? device.confirmed : device.confirmed ? 1 : 0,
    createdAt: device.createdAt,
    updatedAt: device.updatedAt,
    lastUsedAt: device.lastUsedAt,
    data: JSON.stringify(device.data),
  };
}

function stateQuery(ctx: CommitContext, change: StoreCommit): CompiledQuery {
  const state = change.state!;
  const values = {
    userId: change.userId,
    stateVersion: change.expectedStateVersion,
    failures: state.failures,
    lastFailureAt: state.lastFailureAt,
    lockedAt: state.lockedAt,
    stamp: state.stamp,
    updatedAt: state.updatedAt,
    data: JSON.stringify(state.data),
  };
  return change.expectedStateVersion === null
    ? ctx.statements.stateInsert.query(values)
    : ctx.statements.stateUpdate.query(values);
}

function deviceQuery(ctx: CommitContext, change: StoreCommit, op: DeviceWrite, guard: Guard): CompiledQuery {
  const guardValues = { userId: change.userId, stateVersion: change.expectedStateVersion };
  const { statements } = ctx;
  switch (op.op) {
    case 'create':
      return statements.deviceInsert[guard].query({ ...guardValues, ...deviceValues(ctx, op.device) });
    case 'update':
      return statements.deviceUpdate[guard].query({
        ...guardValues,
        ...deviceValues(ctx, op.device),
        userId: change.userId,
        expectedVersion: op.expectedVersion,
      });
    case 'delete':
      return statements.deviceDelete[guard].query({
        ...guardValues,
        id: op.id,
        expectedVersion: op.expectedVersion,
      });
  }
}

function assertWellFormed(change: StoreCommit): void {
  for (const op of change.devices ?? []) {
    if (op.op !== 'delete' && op.device.userId !== change.userId) {
      throw new OtpError('OTP_INVALID_INPUT', 'A device write must belong to the committing user');
    }
    if (op.op === 'create' && op.device.version !== 1) {
      throw new OtpError('OTP_INVALID_INPUT', 'A new device must have version 1');
    }
  }
}

/**
 * Apply a {@link StoreCommit}: one guarded statement when it holds one write (the hot path of a
 * verification), else one transaction whose state write comes first so that it locks the user's
 * state row and serialises every other writer on that user. Any compare-and-set that matches no
 * row, a duplicate key or a deadlock victim means a concurrent writer won: nothing is kept and the
 * answer is `false`. Anything else is the database failing: `OTP_STORE_UNAVAILABLE`.
 */
export async function applyCommit(ctx: CommitContext, change: StoreCommit): Promise<boolean> {
  assertWellFormed(change);
  const ops = change.devices ?? [];
  const guard: Guard = change.expectedStateVersion === null ? 'absent' : 'exists';
  try {
    if (!change.state && ops.length === 0) return await stateMatches(ctx, change);
    if (!change.state && ops.length === 1)
      return (await write(ctx.db, deviceQuery(ctx, change, ops[0]!, guard))) === 1;
    if (change.state && ops.length === 0) return (await write(ctx.db, stateQuery(ctx, change))) === 1;
    await ctx.db.transaction().execute(async (trx) => {
      if (change.state && (await write(trx, stateQuery(ctx, change))) !== 1) throw new Conflict();
      for (const op of ops) {
        const query = deviceQuery(ctx, change, op, change.state ? 'none' : guard);
        if ((await write(trx, query)) !== 1) throw new Conflict();
      }
    });
    return true;
  } catch (error) {
    if (error instanceof Conflict || isDuplicateKey(error) || isRetryableConflict(error)) return false;
    throw storeUnavailable(error);
  }
}

/** A commit with nothing to write still answers whether the state it was based on is current. */
async function stateMatches(ctx: CommitContext, change: StoreCommit): Promise<boolean> {
  const { rows } = await ctx.db.executeQuery<Row>(
    ctx.statements.stateVersion.query({ userId: change.userId }),
  );
  const stored = rows[0] ? toInt(rows[0].version, 'version') : null;
  return stored === change.expectedStateVersion;
}
