export { describeAdminGuard, type RouteEntry } from './admin-guard.js';
export { describeBrowserJourney } from './browser-journey.js';
export { describeDemoSite } from './demo-site.js';
export * from './start-demo.js';
