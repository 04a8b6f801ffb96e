// Shared by the adapters' smoke scripts: serve an app on port 0 and check, as a browser would, that
// otpkit answers its login page (with a CSRF token) and that the guarded /admin redirects (303).

/**
 * @param {import('node:http').RequestListener} listener the app (Express) or `app.callback()` (Koa)
 * @param {string} what named in the success line
 */
export async function checkLoginAndGuard(listener, what) {
  const { createServer } = await import('node:http');
  const server = createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const login = await fetch(`${base}/auth/login`);
    if (login.status !== 200 || !(await login.text()).includes('name="_csrf"'))
      throw new Error('no login page');
    const admin = await fetch(`${base}/admin`, { redirect: 'manual' });
    if (admin.status !== 303) throw new Error(`/admin answered ${admin.status}`);
    console.log(`pack-smoke: ${what} serve a login page and guard a route`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
