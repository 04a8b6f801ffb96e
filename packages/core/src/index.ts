export { constantTimeEqual } from './algorithms/constant-time.js';
export { generateHotp, type HotpMatch, type HotpParams, verifyHotp } from './algorithms/hotp.js';
export { normalizeToken } from './algorithms/normalize-token.js';
export { generateTotp, type TotpMatch, type TotpParams, timeStep, verifyTotp } from './algorithms/totp.js';
export type { HashAlgorithm, MatchFailure, Window } from './algorithms/types.js';
export {
  type AnyOtpError,
  isOtpError,
  OtpError,
  type OtpErrorCode,
  type OtpErrorDetails,
  type OtpErrorDetailsMap,
  type OtpErrorOptions,
  type OtpErrorOptionsArgs,
} from './errors.js';
export { createKeyring, generateKey, type Keyring } from './keyring/create-keyring.js';
export { type KeyringOptions, keyringOptionsSchema, keyringOptionsShape } from './keyring/keyring-options.js';
export type {
  DeviceCrypto,
  DeviceKind,
  KindChallengeOutcome,
  KindDevice,
  KindEnrollContext,
  KindEnrollOutcome,
  KindEvent,
  KindImportContext,
  KindResyncContext,
  KindVerifyContext,
  KindVerifyOutcome,
} from './kinds/device-kind.js';
export { parseOptions } from './parse-options.js';
export { decodeBase32, encodeBase32 } from './secrets/base32.js';
export { generateSecret } from './secrets/generate-secret.js';
export { decodeHex, encodeHex } from './secrets/hex.js';
export { importSecret } from './secrets/import-secret.js';
export {
  buildOtpauthUri,
  type OtpauthInput,
  type OtpauthInputCommon,
  type OtpauthParams,
  parseOtpauthUri,
} from './secrets/otpauth-uri.js';
export { type QrFormat, renderQr } from './secrets/render-qr.js';
export { createOtp, type OtpOptions, otpOptionsSchema, otpOptionsShape } from './service/create-otp.js';
export type {
  DeviceEvent,
  EventHub,
  EventHubOptions,
  OtpEventHub,
  OtpEventListener,
  OtpEventName,
  OtpEvents,
} from './service/events.js';
export { createEventHub } from './service/events.js';
export type {
  ChallengeResult,
  DeviceInfo,
  EnrollInput,
  EnrollResult,
  ImportDeviceInput,
  ImportDeviceResult,
  Otp,
  UserStatus,
  VerifyFailure,
  VerifyFailureReason,
  VerifyResult,
  VerifySuccess,
} from './service/types.js';
export {
  type MemoryStoreOptions,
  memoryStore,
  memoryStoreOptionsSchema,
  memoryStoreOptionsShape,
} from './store/memory-store.js';
export type {
  DeviceRecord,
  DeviceWrite,
  JsonObject,
  JsonValue,
  OtpStore,
  StoreCommit,
  TokenRecord,
  UserSnapshot,
  UserState,
  UserStateFields,
} from './store/otp-store.js';
export { isPrintableText } from './text/printable-text.js';
export {
  createThrottlePolicy,
  type FailureOutcome,
  type ThrottleDecision,
  type ThrottleOptions,
  type ThrottlePolicy,
  throttleOptionsSchema,
  throttleOptionsShape,
} from './throttle/throttle-policy.js';
