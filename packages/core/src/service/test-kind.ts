import { createHash, randomBytes } from 'node:crypto';
import { OtpError } from '../errors.js';
import type { DeviceKind } from '../kinds/device-kind.js';

/**
 * A small device kind for core's own service tests (the real kinds live in @otpkit/devices).
 * Code number n is derived from a sealed seed, like an HOTP counter: each code is single use, the
 * previous one is reported as replayed, failures count tries in the device data, and `challenge`
 * exercises the commit → deliver → revert path. Not exported from the package.
 */
export interface SequenceData {
  [key: string]: string | number | null;
  seed: string;
  counter: number;
  tries: number;
  challengedAt: number | null;
}

/** The n-th code of a seed (test helper). */
export function sequenceCode(seed: string, n: number): string {
  const digest = createHash('sha256').update(`${seed}:${n}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export interface SequenceKindOptions {
  kind?: string;
  confirmed?: boolean;
  singleton?: boolean;
  recovery?: boolean;
  deliver?: (code: string) => Promise<void>;
}

export function sequenceKind(options: SequenceKindOptions = {}): DeviceKind<SequenceData> {
  const openSeed = (crypto: { open(envelope: string): Uint8Array }, sealed: string) =>
    Buffer.from(crypto.open(sealed)).toString('utf8');
  return {
    kind: options.kind ?? 'sequence',
    defaultName: 'Sequence token',
    ...(options.singleton ? { singleton: true } : {}),
    ...(options.recovery ? { recovery: true } : {}),
    parseToken(token) {
      if (typeof token !== 'string') return null;
      const trimmed = token.replace(/[ -]/g, '');
      return /^[0-9]{6}$/.test(trimmed) ? trimmed : null;
    },
    async enroll({ crypto }) {
      const seed = randomBytes(12).toString('hex');
      return {
        data: { seed: crypto.seal(Buffer.from(seed)), counter: 0, tries: 0, challengedAt: null },
        confirmed: options.confirmed ?? false,
        reveal: { seed, codes: [sequenceCode(seed, 0)] },
        ...(options.deliver ? { deliver: () => options.deliver!(sequenceCode(seed, 0)) } : {}),
      };
    },
    verify({ device, token, crypto }) {
      const seed = openSeed(crypto, device.data.seed);
      const { counter } = device.data;
      if (token === sequenceCode(seed, counter)) {
        return { ok: true, data: { ...device.data, counter: counter + 1, tries: 0 } };
      }
      if (counter > 0 && token === sequenceCode(seed, counter - 1)) return { ok: false, reason: 'replayed' };
      return { ok: false, reason: 'invalid', data: { ...device.data, tries: device.data.tries + 1 } };
    },
    async challenge({ device, now, crypto }) {
      const seed = openSeed(crypto, device.data.seed);
      return {
        sent: true,
        data: { ...device.data, challengedAt: now },
        deliver: () => options.deliver?.(sequenceCode(seed, device.data.counter)) ?? Promise.resolve(),
        revert: (data) => ({ ...data, challengedAt: null }),
      };
    },
    resync({ device, tokens, crypto }) {
      const seed = openSeed(crypto, device.data.seed);
      for (let c = device.data.counter; c <= device.data.counter + 20; c++) {
        if (tokens[0] === sequenceCode(seed, c) && tokens[1] === sequenceCode(seed, c + 1)) {
          return { ok: true, data: { ...device.data, counter: c + 2 } };
        }
      }
      return { ok: false, reason: 'invalid' };
    },
    extend: ({ device, count }) => ({
      data: { ...device.data, tries: device.data.tries + count },
      codes: Array.from({ length: count }, (_, i) => `extra-${device.data.tries + i}`),
    }),
    import({ crypto, input, existing }) {
      const { seed, counter } = input;
      if (typeof seed !== 'string' || !/^[0-9a-f]{24}$/.test(seed)) {
        throw new OtpError('OTP_INVALID_INPUT', 'seed must be 24 hex digits', { details: { field: 'seed' } });
      }
      const start = typeof counter === 'number' ? counter : 0;
      // A singleton merges: the import's counter wins only when it is further along.
      const at = existing ? Math.max(existing.data.counter, start) : start;
      return { data: { seed: crypto.seal(Buffer.from(seed)), counter: at, tries: 0, challengedAt: null } };
    },
    describe: (device) => ({ counter: device.data.counter }),
  };
}
