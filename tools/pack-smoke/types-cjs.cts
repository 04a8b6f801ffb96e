// Type-checked in the smoke project against the installed tarballs' .d.cts (the `require`
// condition): the same types for a CommonJS TypeScript project.
import type { Request } from 'express';
import type { DefaultState } from 'koa';

import adapter = require('@otpkit/adapters-express');
import koaAdapter = require('@otpkit/adapters-koa');
import core = require('@otpkit/core');
import devices = require('@otpkit/devices');

declare const req: Request;
const state: adapter.OtpRequestApi['state'] = req.otp.state;
const koaState: DefaultState['otp'] = {} as koaAdapter.OtpRequestApi;
const otp = core.createOtp({
  store: core.memoryStore(),
  keyring: core.createKeyring({ keys: { k1: new Uint8Array(32) }, primary: 'k1' }),
  kinds: [devices.totp({ issuer: 'Types' })],
});
// @ts-expect-error: verifyToken takes one object
otp.verifyToken('alice', '123456');

export { koaState, state };
