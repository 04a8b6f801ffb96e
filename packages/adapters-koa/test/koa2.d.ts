// Koa 2 is installed under the alias `koa2` so the suite runs on both majors; it has the same
// call shape as Koa 3 for what the test app uses.
declare module 'koa2' {
  import Koa from 'koa';

  export default Koa;
}
