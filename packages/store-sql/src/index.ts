export type { AnyKysely, SqlDialect, SqlFamily } from './dialect.js';
export {
  type MigrateOptions,
  type MigrateResult,
  migrate,
  migrateOptionsSchema,
  migrateOptionsShape,
} from './migrate.js';
export {
  countDevices,
  type ScanDevicesOptions,
  scanDevices,
  scanDevicesOptionsSchema,
  scanDevicesOptionsShape,
} from './scan-devices.js';
export { type DdlOptions, ddl, ddlOptionsSchema, ddlOptionsShape, SCHEMA_VERSION } from './schema.js';
export {
  type SqlStore,
  type SqlStoreOptions,
  sqlStore,
  sqlStoreOptionsSchema,
  sqlStoreOptionsShape,
} from './sql-store.js';
