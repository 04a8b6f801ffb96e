import { ddl } from '../src/index.js';

for (const d of ['postgres', 'mysql', 'mariadb', 'sqlite'] as const) {
  console.log(`--- ${d}`);
  console.log(`${ddl(d).join(';\n\n')};`);
}
