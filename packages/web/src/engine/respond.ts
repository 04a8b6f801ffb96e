import type { WebResponse } from '../http/response.js';
import { type Problem, statusOf } from '../http/status-map.js';
import { securityHeaders } from '../security/headers.js';
import { renderView } from '../views/render-view.js';
import type { ViewContext } from '../views/view-context.js';
import type { ViewName, ViewProps } from '../views/view-props.js';
import type { Outcome } from './outcome.js';
import type { RequestContext } from './request-context.js';

function userName(ctx: RequestContext): string | null {
  const state = ctx.state;
  if (state.type === 'anonymous') return null;
  return state.user.displayName ?? state.user.username ?? state.user.id;
}

/** The context every view receives. */
export function viewContext(ctx: RequestContext): ViewContext {
  const { core } = ctx;
  const notice = ctx.takeNotice();
  return {
    t: core.t,
    basePath: core.options.basePath,
    homeUrl: core.options.homeUrl,
    csrf: ctx.csrfToken(),
    userName: ctx.state.type === 'complete' ? userName(ctx) : null,
    notice: notice ? { key: notice.key as never, ...(notice.params ? { params: notice.params } : {}) } : null,
    formatTime: core.formatTime,
  };
}

/** A page showing a problem: the given view with its error, or the error page. */
export function problemPage<N extends ViewName>(
  ctx: RequestContext,
  problem: Problem,
  view?: N,
  props?: (message: string) => ViewProps[N],
): Outcome {
  const status = statusOf(problem);
  const message = ctx.core.t(status.message, { seconds: status.retryAfter ?? 1 });
  if (problem.type === 'verify' && problem.reason === 'locked') {
    return {
      kind: 'page',
      view: 'locked',
      props: {
        userName: userName(ctx) ?? '',
        userId: ctx.state.type === 'anonymous' ? '' : ctx.state.user.id,
      },
      status: status.status,
      json: {},
      problemCode: status.code,
    };
  }
  if (problem.type === 'error' && problem.code === 'OTP_LOCKED') {
    return {
      kind: 'page',
      view: 'locked',
      props: {
        userName: userName(ctx) ?? '',
        userId: ctx.state.type === 'anonymous' ? '' : ctx.state.user.id,
      },
      status: status.status,
      json: {},
      problemCode: status.code,
    };
  }
  if (view && props) {
    return {
      kind: 'page',
      view,
      props: props(message) as ViewProps[ViewName],
      status: status.status,
      json: {},
      retryAfter: status.retryAfter,
      problemCode: status.code,
    };
  }
  return { kind: 'problem', problem };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: { ...securityHeaders(), 'content-type': 'application/json; charset=utf-8', ...headers },
    cookies: [],
    body: JSON.stringify(body),
  };
}

function htmlResponse(status: number, body: string, headers: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: { ...securityHeaders(), 'content-type': 'text/html; charset=utf-8', ...headers },
    cookies: [],
    body,
  };
}

/** Turn a flow's outcome into the response, HTML or JSON as the client asked. */
export async function respond(ctx: RequestContext, outcome: Outcome): Promise<WebResponse> {
  const response = await build(ctx, outcome);
  response.cookies.push(...ctx.cookies);
  return response;
}

async function build(ctx: RequestContext, outcome: Outcome): Promise<WebResponse> {
  const wantsJson = ctx.req.wantsJson;
  const { t } = ctx.core;
  switch (outcome.kind) {
    case 'response':
      return outcome.response;
    case 'redirect': {
      if (wantsJson) {
        if (outcome.problem) return problemJson(ctx, outcome.problem, { next: outcome.to });
        return json(200, { ok: true, next: outcome.to, ...outcome.json });
      }
      return {
        status: 303,
        headers: { ...securityHeaders(), location: outcome.to },
        cookies: [],
        body: null,
      };
    }
    case 'problem': {
      if (wantsJson) return problemJson(ctx, outcome.problem);
      const status = statusOf(outcome.problem);
      const message = t(status.message, { seconds: status.retryAfter ?? 1 });
      const body = await renderView(
        'error',
        { status: status.status, message, back: outcome.back ?? null },
        viewContext(ctx),
        ctx.core.options.render,
      );
      return htmlResponse(status.status, body, extraHeaders(outcome.problem, status.retryAfter));
    }
    case 'page': {
      const headers: Record<string, string> = outcome.retryAfter
        ? { 'retry-after': String(outcome.retryAfter) }
        : {};
      if (wantsJson) {
        if (outcome.status >= 400) {
          const message =
            'error' in outcome.props && typeof outcome.props.error === 'string'
              ? outcome.props.error
              : undefined;
          return json(
            outcome.status,
            {
              ok: false,
              error: { code: outcome.problemCode ?? 'error', message: message ?? t('error.locked') },
              ...(outcome.retryAfter ? { retryAfter: outcome.retryAfter } : {}),
            },
            headers,
          );
        }
        return json(outcome.status, { ok: true, ...outcome.json });
      }
      const body = await renderView(outcome.view, outcome.props, viewContext(ctx), ctx.core.options.render);
      return htmlResponse(outcome.status, body, headers);
    }
  }
}

function extraHeaders(problem: Problem, retryAfter: number | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (problem.type === 'method') headers.allow = problem.allow;
  return headers;
}

function problemJson(
  ctx: RequestContext,
  problem: Problem,
  extra: Record<string, unknown> = {},
): WebResponse {
  const status = statusOf(problem);
  const message = ctx.core.t(status.message, { seconds: status.retryAfter ?? 1 });
  return json(
    status.status,
    {
      ok: false,
      error: { code: status.code, message },
      ...(status.retryAfter ? { retryAfter: status.retryAfter } : {}),
      ...extra,
    },
    extraHeaders(problem, status.retryAfter),
  );
}
