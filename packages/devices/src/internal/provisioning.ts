/**
 * What TOTP and HOTP enrollment reveal once: the secret, the manual key and the key URI.
 */
import { buildOtpauthUri, encodeBase32, type HashAlgorithm } from '@otpkit/core';
import { type IssuerFunction, resolveIssuer, resolveLabel } from './common-options.js';
import { formatManualKey } from './secret-input.js';

export interface ProvisioningInput {
  secret: Uint8Array;
  userId: string;
  /** The account name asked for at enrollment, if any (else the userId). */
  label: string | undefined;
  options: {
    issuer?: string | IssuerFunction | undefined;
    image?: string | undefined;
    algorithm: HashAlgorithm;
    digits: number;
  };
  /** The kind and its moving factor: the period for TOTP, the starting counter for HOTP. */
  factor: { type: 'totp'; period: number } | { type: 'hotp'; counter: number };
}

/** The reveal of a TOTP or HOTP enrollment: `{ secret, manualKey, uri }`. */
export function provisioning({ secret, userId, label: asked, options, factor }: ProvisioningInput) {
  const label = resolveLabel(asked, userId, factor.type);
  const issuer = resolveIssuer(options.issuer, { userId, label }, factor.type);
  const uri = buildOtpauthUri({
    ...factor,
    secret,
    account: label,
    algorithm: options.algorithm,
    digits: options.digits,
    ...(issuer !== undefined ? { issuer } : {}),
    ...(options.image !== undefined ? { image: options.image } : {}),
  });
  return { secret: encodeBase32(secret), manualKey: formatManualKey(secret), uri };
}
