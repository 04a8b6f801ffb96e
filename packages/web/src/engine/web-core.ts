import type { ResolvedWebOptions } from '../options.js';
import type { Translate } from '../views/messages.js';
import type { OtpWebEventEmitter } from './events.js';
import type { DeviceNames, Notify } from './notifications.js';

/** What every request shares: the parsed options and the messages lookup. */
export interface WebCore {
  options: ResolvedWebOptions;
  t: Translate;
  /** Formats instants for pages. */
  formatTime(ms: number): string;
  /** Route path helper: `path('/verify')` → `/auth/verify`. */
  path(route: string): string;
  /** Sends a notification email; failures go to `onError`, never to the request. */
  notify: Notify;
  /** Names of devices a flow is changing, for the notifications of the service's events. */
  deviceNames: DeviceNames;
  /** The web layer's events (`web.events`), emitted by the flows. */
  events: OtpWebEventEmitter;
}
