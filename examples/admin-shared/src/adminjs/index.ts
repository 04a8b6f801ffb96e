/**
 * The demo's AdminJS panel, shared by examples/adminjs-express and examples/adminjs-koa: an
 * in-memory resource and the panel's two resources.
 */
export { type MemoryColumn, MemoryResource } from './memory-resource.js';
export { createPanel, PANEL_SECRETS } from './panel.js';
