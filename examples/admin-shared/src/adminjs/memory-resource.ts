/**
 * A small AdminJS resource over rows kept in memory: enough for the demo's panel (list, search,
 * sort, show, new, edit, delete, bulk delete) without a database adapter package.
 */
import { BaseProperty, BaseRecord, BaseResource, type Filter, type ParamsType } from 'adminjs';

/** One column of a {@link MemoryResource}: its name and AdminJS type. */
export interface MemoryColumn {
  path: string;
  type?: 'string' | 'number' | 'boolean' | 'date' | 'textarea';
}

type Row = Record<string, string | number | boolean | null>;

/**
 * Rows in memory, as an AdminJS resource. Ids are strings; a new row gets the next number.
 *
 * @example
 * ```ts
 * new MemoryResource('Customers', [{ path: 'name' }], [{ id: '1', name: 'Ada' }]);
 * ```
 */
export class MemoryResource extends BaseResource {
  private readonly props: BaseProperty[];
  private readonly rows = new Map<string, Row>();
  private nextId = 1;

  constructor(
    private readonly name: string,
    columns: MemoryColumn[],
    rows: Row[] = [],
  ) {
    super({});
    this.props = [
      new BaseProperty({ path: 'id', isId: true, type: 'string', position: 0 }),
      ...columns.map((c, i) => new BaseProperty({ path: c.path, type: c.type ?? 'string', position: i + 1 })),
    ];
    for (const row of rows) this.store({ ...row });
  }

  private store(row: Row): Row {
    const id = row.id === undefined || row.id === null ? String(this.nextId) : String(row.id);
    this.nextId = Math.max(this.nextId, Number(id) + 1 || this.nextId + 1);
    const stored = { ...row, id };
    this.rows.set(id, stored);
    return stored;
  }

  private matching(filter: Filter): Row[] {
    return [...this.rows.values()].filter((row) =>
      Object.values(filter.filters).every(({ path, value }) =>
        String(row[path] ?? '')
          .toLowerCase()
          .includes(String(value).toLowerCase()),
      ),
    );
  }

  override id(): string {
    return this.name;
  }
  override databaseName(): string {
    return 'memory';
  }
  override databaseType(): string {
    return 'memory';
  }
  override properties(): BaseProperty[] {
    return this.props;
  }
  override property(path: string): BaseProperty | null {
    return this.props.find((p) => p.path() === path) ?? null;
  }
  override async count(filter: Filter): Promise<number> {
    return this.matching(filter).length;
  }
  override async find(
    filter: Filter,
    options: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } } = {},
  ): Promise<BaseRecord[]> {
    const { sortBy = 'id', direction = 'asc' } = options.sort ?? {};
    const sorted = this.matching(filter).sort((a, b) => {
      const order = String(a[sortBy] ?? '').localeCompare(String(b[sortBy] ?? ''), 'en', { numeric: true });
      return direction === 'desc' ? -order : order;
    });
    const offset = options.offset ?? 0;
    return sorted.slice(offset, offset + (options.limit ?? 10)).map((row) => new BaseRecord(row, this));
  }
  override async findOne(id: string): Promise<BaseRecord | null> {
    const row = this.rows.get(String(id));
    return row ? new BaseRecord(row, this) : null;
  }
  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    return ids.flatMap((id) => {
      const row = this.rows.get(String(id));
      return row ? [new BaseRecord(row, this)] : [];
    });
  }
  override async create(params: Record<string, unknown>): Promise<ParamsType> {
    return this.store(this.clean(params));
  }
  override async update(id: string, params: Record<string, unknown>): Promise<ParamsType> {
    const row = this.rows.get(String(id));
    if (!row) throw new Error(`no ${this.name} ${id}`);
    const updated = { ...row, ...this.clean(params), id: row.id! };
    this.rows.set(String(id), updated);
    return updated;
  }
  override async delete(id: string): Promise<void> {
    this.rows.delete(String(id));
  }

  /** Only the resource's own columns, as plain values. */
  private clean(params: Record<string, unknown>): Row {
    const row: Row = {};
    for (const property of this.props) {
      const value = params[property.path()];
      if (property.path() === 'id' || value === undefined) continue;
      row[property.path()] =
        typeof value === 'number' || typeof value === 'boolean' || value === null ? value : String(value);
    }
    return row;
  }
}
