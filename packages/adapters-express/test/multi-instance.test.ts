// Threats: a code accepted twice, a pending login completed twice, a throttle, a revocation or a
// sign-out that only one instance knows about, when an Express site runs as two processes sharing
// connect-redis sessions and otpkit's SQL store on PostgreSQL (the shared scenario of
// @otpkit/web/testing; the Koa adapter runs the same one).
import { manyInstancesSkip, startInstances } from '@otpkit/many-instances';
import { runManyInstancesScenario } from '@otpkit/web/testing';

runManyInstancesScenario({
  name: 'express 5, connect-redis sessions, the SQL store on PostgreSQL',
  skip: await manyInstancesSkip(),
  start: () => startInstances(new URL('./multi-instance-app.ts', import.meta.url)),
});
