/**
 * Test support (not exported from the package): drive one kind directly, the way the service
 * would, with a real keyring and an in-memory device whose data is committed after each outcome.
 */
import { randomBytes } from 'node:crypto';
import {
  createKeyring,
  type DeviceCrypto,
  type DeviceKind,
  type JsonObject,
  type KindDevice,
  type KindVerifyOutcome,
} from '@otpkit/core';

/** 2026-01-01T00:00:00Z: the start of a 30-second step. */
export const T0 = Date.UTC(2026, 0, 1);

export function deviceCrypto(deviceId: string): DeviceCrypto {
  const keyring = createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' });
  return {
    seal: (plaintext) => keyring.seal(plaintext, deviceId),
    open: (envelope) => keyring.open(envelope, deviceId),
    hash: (value) => keyring.hash(value, deviceId),
    verifyHash: (value, stored) => keyring.verifyHash(value, deviceId, stored),
  };
}

export interface Enrolled<D extends JsonObject> {
  /** The device as the store would hold it now. */
  device: KindDevice<D>;
  reveal: Record<string, unknown>;
  crypto: DeviceCrypto;
  deliver: (() => Promise<void>) | undefined;
  /** parseToken then verify; the outcome's data (success or failure) is committed. 'malformed' when parseToken refuses. */
  verify(token: unknown, now: number, purpose?: 'verify' | 'confirm'): KindVerifyOutcome<D> | 'malformed';
  /** parseToken on both then resync; a success is committed. */
  resync(tokens: [unknown, unknown], now: number): { ok: boolean } | 'malformed';
  /** challenge; a sent outcome's data is committed (and the delivery recorded) before it is returned. */
  challenge(now: number): ReturnType<NonNullable<DeviceKind<D>['challenge']>>;
  /** The user's deliveries as the service records them (enrollment and challenges that sent). */
  deliveries: number[];
}

export async function enroll<D extends JsonObject>(
  kind: DeviceKind<D>,
  input: Record<string, unknown> = {},
  options: { now?: number; userId?: string; deliveries?: number[] } = {},
): Promise<Enrolled<D>> {
  const now = options.now ?? T0;
  const deliveries = [...(options.deliveries ?? [])];
  const deviceId = randomBytes(16).toString('base64url');
  const crypto = deviceCrypto(deviceId);
  const outcome = await kind.enroll({
    deviceId,
    userId: options.userId ?? 'alice',
    name: kind.defaultName ?? kind.kind,
    now,
    crypto,
    input,
    deliveries: [...deliveries],
  });
  if (outcome.deliver) deliveries.push(now);
  const state: Enrolled<D> = {
    device: {
      id: deviceId,
      userId: options.userId ?? 'alice',
      kind: kind.kind,
      name: kind.defaultName ?? kind.kind,
      confirmed: outcome.confirmed,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: null,
      version: 1,
      data: outcome.data,
    },
    reveal: outcome.reveal,
    crypto,
    deliver: outcome.deliver,
    deliveries,
    verify(token, at, purpose = 'verify') {
      const parsed = kind.parseToken(token, state.device);
      if (parsed === null) return 'malformed';
      const result = kind.verify({ device: state.device, token: parsed, now: at, crypto, purpose });
      if (result.data) commit(result.data);
      return result;
    },
    resync(tokens, at) {
      const first = kind.parseToken(tokens[0], state.device);
      const second = kind.parseToken(tokens[1], state.device);
      if (first === null || second === null) return 'malformed';
      const result = kind.resync!({ device: state.device, tokens: [first, second], now: at, crypto });
      if (result.ok) commit(result.data);
      return result;
    },
    async challenge(at) {
      const result = await kind.challenge!({
        device: state.device,
        now: at,
        crypto,
        deliveries: [...deliveries],
      });
      if (result.sent) {
        commit(result.data);
        deliveries.push(at);
      }
      return result;
    },
  };
  const commit = (data: D) => {
    state.device = { ...state.device, data, version: state.device.version + 1 };
  };
  return state;
}
