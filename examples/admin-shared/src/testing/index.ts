export { describeAdminGuard, type RouteEntry } from './admin-guard.js';
export { describeBrowserJourney } from './browser-journey.js';
export { describeOwnForms } from './own-forms.js';
export {
  addTotp,
  type CreateDemoApp,
  demoCsrf,
  type RunningDemo,
  signInWithPassword,
  startDemo,
} from './start-demo.js';
