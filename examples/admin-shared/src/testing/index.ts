export { describeAdminGuard, type RouteEntry } from './admin-guard.js';
export { describeBrowserJourney } from './browser-journey.js';
export { describeOwnForms } from './own-forms.js';
export * from './start-demo.js';
