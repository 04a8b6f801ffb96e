/**
 * Lists every route of a @koa/router router by walking its stack: each layer's path (prefix
 * included) and methods. Router-level middleware (no methods) is not a route; anything else it
 * cannot read throws, so a route can never be silently left out of the tests that use the list.
 */
import type Router from '@koa/router';
import type { RouteEntry } from '@otpkit/example-admin-shared/testing';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function routesOf(router: Router): RouteEntry[] {
  const stack = (router as unknown as { stack?: Array<{ path: unknown; methods: string[] }> }).stack;
  if (!Array.isArray(stack)) throw new Error('not a @koa/router router: no stack');
  const routes: RouteEntry[] = [];
  for (const layer of stack) {
    if (layer.methods.length === 0) continue;
    if (typeof layer.path !== 'string')
      throw new Error(`a route path that is not a string: ${String(layer.path)}`);
    for (const method of layer.methods) {
      if (method === 'HEAD') continue; // answered by the GET route
      if (!METHODS.has(method)) throw new Error(`a method the tests cannot try: ${method} ${layer.path}`);
      routes.push({ method: method as RouteEntry['method'], path: layer.path.replace(/\/$/, '') || '/' });
    }
  }
  return routes;
}
