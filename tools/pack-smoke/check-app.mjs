// Shared by the adapters' smoke scripts: serve an app on port 0 and walk it as a browser would,
// with a cookie jar and same-origin form posts: the guarded /admin sends an anonymous visitor to
// otpkit's login page, the password leads to the OTP step, a code from the authenticator app
// completes the login, and /admin then answers.

/** A browser of one site: cookies kept, redirects not followed, forms posted same-origin. */
function browser(base) {
  const cookies = new Map();
  return async function request(method, path, form) {
    const headers = { accept: 'text/html' };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = base;
      headers['sec-fetch-site'] = 'same-origin';
    }
    const response = await fetch(new URL(path, base), {
      method,
      headers,
      redirect: 'manual',
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  };
}

/** The hidden fields of a page's forms (`_csrf`, `next`…), as a browser would post them. */
function hiddenFields(page, where) {
  const fields = {};
  for (const [, name, value] of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[name] ??= value.replaceAll('&#x2F;', '/').replaceAll('&#47;', '/').replaceAll('&amp;', '&');
  if (!fields._csrf) throw new Error(`${where}: no CSRF field in the page (status ${page.status})`);
  return fields;
}

function expectRedirect(reply, to, where) {
  if (reply.status !== 303 || !reply.location?.startsWith(to))
    throw new Error(`${where}: expected a 303 to ${to}, got ${reply.status} ${reply.location ?? ''}`);
}

/**
 * @param {import('node:http').RequestListener} listener the app (Express) or `app.callback()` (Koa)
 * @param {string} what named in the success line
 * @param {{ username: string, password: string, code: () => string }} user a user with a confirmed
 *   authenticator app, and the app's current code
 */
export async function checkOtpLogin(listener, what, { username, password, code }) {
  const { createServer } = await import('node:http');
  const server = createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const request = browser(`http://127.0.0.1:${server.address().port}`);
    expectRedirect(await request('GET', '/admin'), '/auth/login', 'the guard');
    const login = await request('GET', '/auth/login?next=%2Fadmin');
    if (login.status !== 200) throw new Error(`the login page answered ${login.status}`);
    const toStep = await request('POST', '/auth/login', {
      ...hiddenFields(login, 'the login page'),
      username,
      password,
    });
    expectRedirect(toStep, '/auth/verify', 'the password');
    const step = await request('GET', toStep.location);
    if (step.status !== 200 || !step.text.includes('name="token"'))
      throw new Error(`the OTP step answered ${step.status} without a code field`);
    const done = await request('POST', toStep.location, {
      ...hiddenFields(step, 'the OTP step'),
      token: code(),
    });
    expectRedirect(done, '/admin', 'the code');
    const admin = await request('GET', '/admin');
    if (admin.status !== 200 || admin.text !== 'admin')
      throw new Error(`/admin answered ${admin.status} after the login`);
    console.log(`pack-smoke: ${what}: the guard, the password, the OTP step and the guarded page work`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * The service the adapters' smoke apps share: a memory store, alice with a confirmed TOTP app, and
 * a clock moved one step past the confirmation (whose code may not be used again).
 *
 * @param {typeof import('@otpkit/core')} core
 * @param {typeof import('@otpkit/devices')} devices
 */
export async function aliceWithAnApp(core, devices) {
  let now = Date.now();
  const store = core.memoryStore();
  const otp = core.createOtp({
    store,
    keyring: core.createKeyring({ keys: { k1: Buffer.alloc(32, 7) }, primary: 'k1' }),
    kinds: [devices.totp({ issuer: 'Smoke' })],
    clock: () => now,
  });
  const { device, secret } = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@smoke.test' });
  const code = () => core.generateTotp({ secret: core.decodeBase32(secret), time: now });
  const confirmed = await otp.confirm({ userId: 'alice', deviceId: device.id, token: code() });
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.reason}`);
  now += 30_000;
  const alice = { id: 'alice', username: 'alice' };
  return {
    otp,
    store,
    loadUser: (id) => (id === 'alice' ? alice : null),
    authenticate: ({ username, password }) => (username === 'alice' && password === 'pw' ? alice : null),
    user: { username: 'alice', password: 'pw', code },
  };
}
