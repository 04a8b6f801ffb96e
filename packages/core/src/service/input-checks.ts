import { OtpError } from '../errors.js';
import { isPrintableText } from '../text/printable-text.js';

/** The argument object of a service method; anything else is `OTP_INVALID_INPUT`, not a TypeError. */
export function inputObject<T extends object>(input: T, method: string): T {
  if (typeof input !== 'object' || input === null) {
    throw new OtpError('OTP_INVALID_INPUT', `${method} expects an object argument`);
  }
  return input;
}

/**
 * Reject anything but a sensible user id: 1–255 characters of well-formed, printable text. A NUL
 * or a lone surrogate is not storable as such (PostgreSQL refuses NUL; databases turn a lone
 * surrogate into U+FFFD, so two ids would share one row), so it is bad input, refused here.
 */
export function assertUserId(userId: unknown): asserts userId is string {
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 255 || !isPrintableText(userId)) {
    throw new OtpError(
      'OTP_INVALID_INPUT',
      'userId must be 1 to 255 characters of well-formed text without control characters',
      { details: { field: 'userId' } },
    );
  }
}

/** A device name: trimmed, 1–64 printable characters (it ends up in pages, logs and terminals). */
export function parseDeviceName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > 64 || !isPrintableText(trimmed)) {
    throw new OtpError('OTP_INVALID_INPUT', 'A device name must be 1 to 64 printable characters', {
      details: { field: 'name' },
    });
  }
  return trimmed;
}

/** A device id argument: a non-empty string (anything else can match no device). */
export function parseDeviceId(deviceId: unknown): string {
  if (typeof deviceId !== 'string' || deviceId.length === 0 || deviceId.length > 255) {
    throw new OtpError('OTP_DEVICE_NOT_FOUND', 'No such device for this user', { details: {} });
  }
  return deviceId;
}
