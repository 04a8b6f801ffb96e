import type { CommandSpec } from '../command.js';
import { addStaticTokenCommand } from './add-static-token.js';
import { confirmCommand } from './confirm.js';
import { devicesListCommand } from './devices-list.js';
import { devicesRemoveCommand } from './devices-remove.js';
import { enrollHotpCommand } from './enroll-hotp.js';
import { enrollTotpCommand } from './enroll-totp.js';
import { importDjangoOtpCommand } from './import-django-otp.js';
import { keysGenerateCommand } from './keys-generate.js';
import { keysRotateCommand } from './keys-rotate.js';
import { migrateCommand } from './migrate.js';
import { statusCommand } from './status.js';
import { unlockCommand } from './unlock.js';
import { verifyCommand } from './verify.js';

/** Every command, in the order `otpkit --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  migrateCommand,
  enrollTotpCommand,
  enrollHotpCommand,
  confirmCommand,
  verifyCommand,
  addStaticTokenCommand,
  devicesListCommand,
  devicesRemoveCommand,
  statusCommand,
  unlockCommand,
  importDjangoOtpCommand,
  keysGenerateCommand,
  keysRotateCommand,
];
