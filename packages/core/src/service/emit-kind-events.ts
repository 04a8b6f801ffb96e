import type { KindEvent } from '../kinds/device-kind.js';
import type { ServiceContext } from './service-context.js';

/** Emit the events a kind asked for, with the user, device and kind added. */
export function emitKindEvents(
  ctx: ServiceContext,
  base: { userId: string; deviceId: string; kind: string },
  events: readonly KindEvent[] | undefined,
): void {
  for (const event of events ?? []) {
    switch (event.type) {
      case 'backup-code.used':
        ctx.events.emit('backup-code.used', { ...base, remaining: event.remaining });
        break;
      case 'backup-codes.generated':
        ctx.events.emit('backup-codes.generated', { ...base, count: event.count });
        break;
      case 'email.sent':
        ctx.events.emit('email.sent', base);
        break;
    }
  }
}
