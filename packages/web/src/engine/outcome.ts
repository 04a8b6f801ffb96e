import type { WebResponse } from '../http/response.js';
import type { Problem } from '../http/status-map.js';
import type { ViewName, ViewProps } from '../views/view-props.js';

/**
 * What a flow decides, before it becomes HTTP: a page (HTML, or its `json` for JSON clients), a
 * redirect (a 303; JSON clients get `{ ok: true, next }`, or the problem's status when the redirect
 * stands for one), a problem (a status from the one table, shown on the error page or the given
 * view), or a finished response (assets, downloads).
 */
export type Outcome =
  | {
      kind: 'page';
      view: ViewName;
      props: ViewProps[ViewName];
      status: number;
      json: Record<string, unknown>;
      retryAfter?: number | undefined;
      problemCode?: string | undefined;
    }
  | {
      kind: 'redirect';
      to: string;
      problem?: Problem | undefined;
      json?: Record<string, unknown> | undefined;
    }
  | { kind: 'problem'; problem: Problem; back?: string | undefined }
  | { kind: 'response'; response: WebResponse };

/** A page outcome. */
export function page<N extends ViewName>(
  view: N,
  props: ViewProps[N],
  json: Record<string, unknown> = {},
  status = 200,
): Outcome {
  return { kind: 'page', view, props: props as ViewProps[ViewName], status, json };
}

/** A redirect (303). */
export function redirect(to: string, json?: Record<string, unknown>): Outcome {
  return { kind: 'redirect', to, json };
}
