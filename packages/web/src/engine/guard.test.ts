import { beforeEach, describe, expect, it, vi } from 'vitest';
import { directWorld, passwordStep, signIn } from '../test-support/direct-browser.js';
import { respond } from './respond.js';

// Spy on the one function that builds responses, keeping what it does.
vi.mock('./respond.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./respond.js')>();
  return { ...actual, respond: vi.fn(actual.respond) };
});

describe('the guard', () => {
  beforeEach(() => {
    vi.mocked(respond).mockClear();
  });

  it('lets a verified request through without building a response', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    vi.mocked(respond).mockClear();
    expect(await b.guard('/admin')).toBeNull();
    expect(await b.guard('/admin/sensitive', { stepUp: true })).toBeNull();
    expect(respond).not.toHaveBeenCalled();
  });

  it('builds the refusal it answers: the login for an anonymous visitor, the code step when pending', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id);
    const b = browser();
    expect(await b.guard('/admin?tab=2')).toMatchObject({
      status: 303,
      location: '/auth/login?next=%2Fadmin%3Ftab%3D2',
    });
    await passwordStep(b, user);
    expect(await b.guard('/admin')).toMatchObject({ status: 303, location: '/auth/verify' });
    expect(respond).toHaveBeenCalled();
  });

  it('answers a store outage with a 503, not a pass', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    world.storeState.down = true;
    const reply = await b.guard('/admin/sensitive', { stepUp: true });
    world.storeState.down = false;
    expect(reply).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
  });

  it('with verified: true, sends a user the policy exempts to enrollment; a verified login passes', async () => {
    const { world, browser } = await directWorld({ policy: () => 'optional' });
    const exempt = world.addUser();
    const b = browser();
    const signedIn = await passwordStep(b, exempt);
    expect(signedIn.status).toBe(303);
    expect(await b.guard('/admin')).toBeNull();
    expect(await b.guard('/admin', { verified: true })).toMatchObject({
      status: 303,
      location: '/auth/enroll',
    });

    const enrolled = world.addUser();
    const { secret } = await world.addTotp(enrolled.id);
    const v = browser();
    await signIn(v, world, enrolled, secret);
    expect(await v.guard('/admin', { verified: true })).toBeNull();
  });
});
