/**
 * Lists every route of an Express 5 router by walking its stack (router 2's layers): each route's
 * path and methods, through nested routers. Anything it cannot read throws, so a route can never be
 * silently left out of the tests that use the list.
 */
import type { RouteEntry } from '@otpkit/example-admin-shared/testing';
import type { Router } from 'express';

interface Layer {
  name: string;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

export function routesOf(router: Router, prefix = ''): RouteEntry[] {
  const stack = (router as unknown as { stack?: Layer[] }).stack;
  if (!Array.isArray(stack)) throw new Error('not an Express 5 router: no stack');
  const routes: RouteEntry[] = [];
  for (const layer of stack) {
    if (layer.route) {
      if (typeof layer.route.path !== 'string')
        throw new Error(`a route path that is not a string: ${String(layer.route.path)}`);
      const path = prefix + (layer.route.path === '/' && prefix ? '' : layer.route.path);
      const methods = Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => m.toUpperCase() as RouteEntry['method']);
      // A route with only .all() answers every method: the tests try the two a browser sends.
      for (const method of methods.length > 0 ? methods : (['GET', 'POST'] as const))
        routes.push({ method, path });
    } else if (Array.isArray(layer.handle.stack)) {
      if (typeof layer.rawPath !== 'string')
        throw new Error(`a nested router mounted at a path that is not a string (${layer.name})`);
      routes.push(
        ...routesOf(layer.handle as unknown as Router, prefix + (layer.rawPath === '/' ? '' : layer.rawPath)),
      );
    }
  }
  return routes;
}
