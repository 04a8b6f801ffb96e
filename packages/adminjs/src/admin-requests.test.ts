import { describe, expect, it } from 'vitest';
import { type AdminJsInstance, adminJsRequests } from './admin-requests.js';

const action = (name: string, type: 'resource' | 'record' | 'bulk') => ({
  name,
  isResourceType: () => type === 'resource',
  isRecordType: () => type === 'record',
  isBulkType: () => type === 'bulk',
});

const admin = (pages?: Record<string, unknown>): AdminJsInstance => ({
  options: { rootPath: '/admin', pages },
  resources: [
    {
      id: () => 'Big Things',
      decorate: () => ({
        actions: {
          list: action('list', 'resource'),
          show: action('show', 'record'),
          bulkDelete: action('bulkDelete', 'bulk'),
        },
      }),
    },
  ],
});

const router = {
  assets: [{ path: '/frontend/assets/app.bundle.js' }],
  routes: [
    { method: 'GET', path: '' },
    { method: 'GET', path: '/api/resources/{resourceId}/actions/{action}' },
    { method: 'POST', path: '/api/resources/{resourceId}/records/{recordId}/{action}' },
    { method: 'GET', path: '/resources/{resourceId}/bulk/{action}' },
    { method: 'GET', path: '/api/resources/{resourceId}/search/{query}' },
    { method: 'GET', path: '/pages/{pageName}' },
  ],
};

describe('adminJsRequests', () => {
  it('fills each route from the resources, their actions by type, and the pages', async () => {
    const requests = await adminJsRequests(admin({ Reports: {} }), {
      router,
      recordIds: { 'Big Things': '7' },
    });
    expect(requests.map((r) => `${r.kind} ${r.method} ${r.path}`)).toEqual([
      'asset GET /admin/frontend/assets/app.bundle.js',
      'page GET /admin',
      'api GET /admin/api/resources/Big%20Things/actions/list',
      'api POST /admin/api/resources/Big%20Things/records/7/show',
      'page GET /admin/resources/Big%20Things/bulk/bulkDelete?recordIds=7',
      'api GET /admin/api/resources/Big%20Things/search/a',
      'page GET /admin/pages/Reports',
    ]);
  });

  it('still sends a route whose name the panel lacks (no pages), with a name it does not have', async () => {
    const requests = await adminJsRequests(admin(), { router });
    expect(requests.map((r) => r.path)).toContain('/admin/pages/otpkit-unknown');
  });

  it('throws on a route with a placeholder it does not know, rather than skip it', async () => {
    const later = { assets: [], routes: [{ method: 'GET', path: '/api/tenants/{tenantId}' }] };
    await expect(adminJsRequests(admin(), { router: later })).rejects.toThrow(/\{tenantId\}/);
  });
});
