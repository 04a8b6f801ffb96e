/**
 * Every request an AdminJS panel answers, read from the panel itself: AdminJS's router (its routes
 * and assets) with each placeholder filled from the panel's resources, their actions and its pages.
 * A test sends each of them, so a route AdminJS adds in a later version is never left out.
 */

/** One request of the panel, ready to send. */
export interface AdminJsRequest {
  method: 'GET' | 'POST';
  /** The path from the site's root, with the query when AdminJS needs one (bulk actions). */
  path: string;
  /** `page` (HTML), `api` (JSON under `/api`), `asset` (scripts, styles, fonts). */
  kind: 'page' | 'api' | 'asset';
  /** AdminJS's route pattern it comes from (`/api/resources/{resourceId}/actions/{action}`). */
  route: string;
}

/** An action of a resource, as AdminJS decorates it (its name and its kinds). */
export interface AdminJsAction {
  name: string;
  /** True for an action on the whole resource (`list`, `new`, `search`…). */
  isResourceType(): boolean;
  /** True for an action on one record (`show`, `edit`, `delete`…). */
  isRecordType(): boolean;
  /** True for an action on several records at once (`bulkDelete`…). */
  isBulkType(): boolean;
}

/** The parts of an AdminJS instance the enumeration reads (an `AdminJS` is one). */
export interface AdminJsInstance {
  options: { rootPath: string; pages?: Record<string, unknown> | undefined };
  resources: Array<{
    /** The resource's id, as it appears in the panel's paths. */
    id(): string;
    /** The resource as AdminJS decorates it, with its actions by name. */
    decorate(): { actions: Record<string, AdminJsAction> };
  }>;
}

/** AdminJS's router (`import { Router } from 'adminjs'`), as far as the enumeration reads it. */
export interface AdminJsRouterLike {
  routes: ReadonlyArray<{ method: string; path: string }>;
  assets: ReadonlyArray<{ path: string }>;
}

/** Options of {@link adminJsRequests}. */
export interface AdminJsRequestsOptions {
  /** AdminJS's router. @default `Router` of the installed `adminjs` */
  router?: AdminJsRouterLike;
  /** A record of each resource for record and bulk actions (by resource id). @default '1' */
  recordIds?: Record<string, string>;
  /** The text of search routes. @default 'a' */
  query?: string;
}

const UNKNOWN = 'otpkit-unknown';
const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

function actionsFor(route: string, actions: AdminJsAction[]): string[] {
  const pick = route.includes('/records/')
    ? (a: AdminJsAction) => a.isRecordType()
    : route.includes('/bulk/')
      ? (a: AdminJsAction) => a.isBulkType()
      : (a: AdminJsAction) => a.isResourceType();
  return actions.filter(pick).map((a) => a.name);
}

/**
 * List every request of an AdminJS panel: for each route of AdminJS's router, one request per
 * resource, per action of the route's kind (resource, record, bulk), per page; and every asset. A
 * route with a placeholder it does not know throws, so nothing is silently skipped.
 *
 * @example
 * ```ts
 * for (const request of await adminJsRequests(admin, { recordIds: { Customers: '1' } })) {
 *   const reply = await fetch(new URL(request.path, base), { method: request.method });
 *   // expect a redirect to the sign-in page, and none of the panel's data
 * }
 * ```
 */
export async function adminJsRequests(
  admin: AdminJsInstance,
  options: AdminJsRequestsOptions = {},
): Promise<AdminJsRequest[]> {
  const router = options.router ?? ((await import('adminjs')) as { Router: AdminJsRouterLike }).Router;
  const root = admin.options.rootPath === '/' ? '' : admin.options.rootPath;
  const query = options.query ?? 'a';
  const pages = Object.keys(admin.options.pages ?? {});
  const requests: AdminJsRequest[] = [];
  for (const asset of router.assets) {
    requests.push({ method: 'GET', path: root + asset.path, kind: 'asset', route: asset.path });
  }
  for (const route of router.routes) {
    const method = route.method === 'POST' ? 'POST' : 'GET';
    const kind = route.path.startsWith('/api/')
      ? 'api'
      : route.path.startsWith('/frontend/')
        ? 'asset'
        : 'page';
    const names = [...route.path.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    const unknown = names.filter(
      (n) => !['resourceId', 'recordId', 'action', 'query', 'pageName'].includes(n),
    );
    if (unknown.length > 0)
      throw new Error(`adminJsRequests: an AdminJS route with {${unknown[0]}}: ${route.path}`);
    let fills: Array<Record<string, string>> = [{}];
    // A panel without pages (or a resource without actions of a kind) still gets each route once,
    // with a name it does not have: the refusal must not depend on the name existing.
    if (names.includes('pageName'))
      fills = (pages.length > 0 ? pages : [UNKNOWN]).map((pageName) => ({ pageName }));
    if (names.includes('resourceId')) {
      fills = admin.resources.flatMap((resource) => {
        const resourceId = resource.id();
        const recordId = options.recordIds?.[resourceId] ?? '1';
        const base = { resourceId, recordId, query };
        if (!names.includes('action')) return [base];
        const actions = actionsFor(route.path, Object.values(resource.decorate().actions));
        return (actions.length > 0 ? actions : [UNKNOWN]).map((action) => ({ ...base, action }));
      });
    } else if (names.includes('query')) {
      fills = fills.map((f) => ({ ...f, query }));
    }
    for (const fill of fills) {
      let path = route.path.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(fill[name]!));
      if (route.path.includes('/bulk/')) path += `?recordIds=${encodeURIComponent(fill.recordId!)}`;
      requests.push({ method, path: root + path || '/', kind, route: route.path });
    }
  }
  return requests;
}
