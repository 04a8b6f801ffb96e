import type { MessageKey, MessageParams, Translate } from './messages.js';

/** What every view receives besides its own props. */
export interface ViewContext {
  /** The messages table lookup. */
  t: Translate;
  /** Where otpkit's routes are mounted (`/auth`). */
  basePath: string;
  /** The host site's home page (the `homeUrl` option): the site name links to it. */
  homeUrl: string;
  /** The session's CSRF token, to put in every form. */
  csrf: string;
  /** The signed-in (or signing-in) user's display name, for the header; null when anonymous. */
  userName: string | null;
  /** A one-time message carried over a redirect ("The method was removed."). */
  notice: { key: MessageKey; params?: MessageParams } | null;
  /** Formats an epoch-ms instant for people, in UTC. */
  formatTime(ms: number): string;
}
