// The installed AdminJS guard, required as CommonJS: both entry points load and build a guard.
const { panelGuard, adminJsRequests } = require('@otpkit/adminjs');
const express = require('@otpkit/adminjs/express');
const koa = require('@otpkit/adminjs/koa');

const panel = { options: { rootPath: '/admin', loginPath: '/admin/login', logoutPath: '/admin/logout' } };
if (typeof adminJsRequests !== 'function') throw new Error('@otpkit/adminjs: adminJsRequests is missing');
if (panelGuard(panel, {}, 'smoke').classify('/admin/login') !== 'login')
  throw new Error('@otpkit/adminjs: the login path is not recognised');
if (typeof express.protectAdminJs(panel) !== 'function' || typeof koa.protectAdminJs(panel) !== 'function')
  throw new Error('@otpkit/adminjs: protectAdminJs does not build a middleware');
console.log('pack-smoke: @otpkit/adminjs (CJS) loads and builds its guards');
