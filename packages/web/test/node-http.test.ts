// The adapter suite proves adapters, not Express: here it runs against the plain node:http example
// of docs/custom-adapter.md (no framework at all), and its skips are checked: listed with a reason,
// printed, and a skip that names no scenario fails the run.
import { readFileSync } from 'node:fs';
import { runAdapterConformance } from '@otpkit/web/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startNodeHttpApp } from './node-http-app.js';

runAdapterConformance({
  name: 'node:http example',
  createApp: ({ web }) => startNodeHttpApp(web),
});

// Collected at definition time, which is when skips must announce themselves.
const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
let started = 0;
runAdapterConformance({
  name: 'node:http, with skips',
  groups: ['robustness'],
  skip: {
    '$path: garbage in every field, as JSON and as a form': 'covered by the run above',
    'leaves the bodies of the host routes unread': 'covered by the run above',
  },
  createApp: ({ web }) => {
    started++;
    return startNodeHttpApp(web);
  },
});
runAdapterConformance({
  name: 'a server that is down',
  skip: 'the app needs a database that is not running',
  createApp: () => {
    throw new Error('never started');
  },
});
const warnings = warn.mock.calls.map((call) => call.join(' '));
warn.mockRestore();

describe('the worked example of docs/custom-adapter.md', () => {
  it('is this file, word for word', () => {
    const source = readFileSync(new URL('./node-http-app.ts', import.meta.url), 'utf8');
    const page = readFileSync(new URL('../../../docs/custom-adapter.md', import.meta.url), 'utf8');
    expect(page).toContain(source.slice(source.indexOf('*/\n') + 3).trim());
  });
});

describe('runAdapterConformance skips', () => {
  it('prints each skip with its reason', () => {
    expect(warnings).toEqual([
      '[otpkit] adapter conformance "node:http, with skips": skipped "$path: garbage in every field, as JSON and as a form": covered by the run above',
      '[otpkit] adapter conformance "node:http, with skips": skipped "leaves the bodies of the host routes unread": covered by the run above',
      '[otpkit] adapter conformance "a server that is down" skipped: the app needs a database that is not running',
    ]);
  });

  it.each([
    [{ name: '', createApp: startNodeHttpApp }, /name/],
    [{ name: 'x', createApp: 'not a function' }, /createApp/],
    [{ name: 'x', createApp: startNodeHttpApp, skip: { 'some scenario': '' } }, /reason/],
  ])('rejects unusable options %#', (options, message) => {
    expect(() => runAdapterConformance(options as never)).toThrow(message);
  });
});

afterAll(() => {
  // The robustness group has five scenarios besides the garbage table: one was skipped.
  expect(started).toBe(4);
});
