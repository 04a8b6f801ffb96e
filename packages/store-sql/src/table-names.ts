import { z } from 'zod';

/**
 * A table prefix: a letter or underscore, then up to 30 letters, digits or underscores. Names are
 * built from it and written into SQL unquoted, so nothing else may ever reach them. It is
 * lower-cased because PostgreSQL folds unquoted names and MySQL on Linux does not.
 */
export const tablePrefixSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,30}$/i, 'must be a letter or underscore then up to 30 letters, digits or _')
  .transform((prefix) => prefix.toLowerCase());

/** The default table prefix. */
export const DEFAULT_TABLE_PREFIX = 'otpkit_';

/** The store's table and index names for one prefix. */
export interface TableNames {
  prefix: string;
  userState: string;
  devices: string;
  tokens: string;
  migrations: string;
  devicesUserIndex: string;
  tokensUserIndex: string;
  tokensExpiresIndex: string;
}

/** Names for a prefix that {@link tablePrefixSchema} has already checked. */
export function tableNames(prefix: string): TableNames {
  return {
    prefix,
    userState: `${prefix}user_state`,
    devices: `${prefix}devices`,
    tokens: `${prefix}tokens`,
    migrations: `${prefix}migrations`,
    devicesUserIndex: `${prefix}devices_user_idx`,
    tokensUserIndex: `${prefix}tokens_user_idx`,
    tokensExpiresIndex: `${prefix}tokens_expires_idx`,
  };
}
