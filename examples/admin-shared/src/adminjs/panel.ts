/**
 * The AdminJS panel of the demo: two resources (customers and invoices) kept in memory, seeded with
 * a few rows, under `/admin`. The AdminJS examples put it behind otpkit.
 */
import AdminJS from 'adminjs';
import { MemoryResource } from './memory-resource.js';

/** Values the seeded rows hold: tests check that none leaks before the second step. */
export const PANEL_SECRETS = ['Ada Lovelace', 'ada@analytical.test', 'INV-1843'] as const;

/**
 * A new AdminJS instance with the demo's resources (each call its own rows).
 *
 * @example
 * ```ts
 * const admin = createPanel();
 * app.use(admin.options.rootPath, protectAdminJs(admin), buildRouter(admin));
 * ```
 */
export function createPanel(): AdminJS {
  const customers = new MemoryResource(
    'Customers',
    [{ path: 'name' }, { path: 'email' }, { path: 'plan' }],
    [
      { id: '1', name: 'Ada Lovelace', email: 'ada@analytical.test', plan: 'Enterprise' },
      { id: '2', name: 'Charles Babbage', email: 'charles@engines.test', plan: 'Team' },
      { id: '3', name: 'Grace Hopper', email: 'grace@cobol.test', plan: 'Team' },
    ],
  );
  const invoices = new MemoryResource(
    'Invoices',
    [
      { path: 'number' },
      { path: 'customer' },
      { path: 'amount', type: 'number' },
      { path: 'paid', type: 'boolean' },
    ],
    [
      { id: '1', number: 'INV-1843', customer: 'Ada Lovelace', amount: 1843, paid: true },
      { id: '2', number: 'INV-1944', customer: 'Grace Hopper', amount: 990, paid: false },
    ],
  );
  return new AdminJS({
    rootPath: '/admin',
    resources: [
      {
        resource: customers,
        options: { navigation: { name: 'Sales', icon: 'Users' }, listProperties: ['name', 'email', 'plan'] },
      },
      {
        resource: invoices,
        options: {
          navigation: { name: 'Sales', icon: 'FileText' },
          listProperties: ['number', 'customer', 'amount', 'paid'],
        },
      },
    ],
    branding: { companyName: 'Acme Admin', logo: false, withMadeWithLove: false },
  });
}
