export { runStoreConformance, type StoreConformanceOptions } from './run-store-conformance.js';
