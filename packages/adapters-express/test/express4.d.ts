// Express 4 is installed under the alias `express4` so the suite runs on both majors; it has the
// same call shape as Express 5 for what the test app uses.
declare module 'express4' {
  import type { Express } from 'express';

  const express4: () => Express;
  export default express4;
}
