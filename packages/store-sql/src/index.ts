export type { AnyKysely, SqlDialect, SqlFamily } from './dialect.js';
export { type MigrateOptions, type MigrateResult, migrate } from './migrate.js';
export { countDevices, type ScanDevicesOptions, scanDevices } from './scan-devices.js';
export { type DdlOptions, ddl, SCHEMA_VERSION } from './schema.js';
export { type SqlStore, type SqlStoreOptions, sqlStore } from './sql-store.js';
