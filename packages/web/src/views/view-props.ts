/** A verification method as the pages show it (no secret, nothing sensitive). */
export interface MethodChoice {
  id: string;
  name: string;
  kind: string;
  /** For email: the address, partly masked. For backup codes: how many remain. */
  detail: string | null;
}

/** A device row on the management page. */
export interface DeviceRow extends MethodChoice {
  confirmed: boolean;
  createdAt: number;
  lastUsedAt: number | null;
}

/** A trusted-browser row on the management page. */
export interface BrowserRow {
  id: string;
  browser: string;
  os: string;
  createdAt: number;
  lastUsedAt: number;
  current: boolean;
}

/**
 * The props of each view, by name. A `render` hook receives the same props and may return its own
 * HTML for any of them.
 */
export interface ViewProps {
  login: { next: string; username: string; error: string | null };
  verify: {
    purpose: 'login' | 'step-up';
    userName: string;
    next: string;
    methods: MethodChoice[];
    current: MethodChoice | null;
    /** "Trust this browser for N days" is offered when a number. */
    trustDays: number | null;
    error: string | null;
    info: string | null;
  };
  enroll: {
    required: boolean;
    graceUntil: number | null;
    factors: string[];
    canSkip: boolean;
    pending: boolean;
    error: string | null;
  };
  'enroll-totp': { deviceId: string; qrSvg: string | null; manualKey: string | null; error: string | null };
  'enroll-email': { email: string; error: string | null };
  'enroll-email-code': { deviceId: string; email: string; error: string | null; info: string | null };
  /** `methods`: the kinds of the user's confirmed methods (backup codes aside), to word what the codes stand in for. */
  'backup-codes-intro': { hasCodes: boolean; next: string; methods: string[] };
  'backup-codes': { codes: string[]; next: string; methods: string[] };
  'backup-code-used': { remaining: number; next: string };
  devices: {
    devices: DeviceRow[];
    backupRemaining: number | null;
    backupCodes: boolean;
    browsers: BrowserRow[] | null;
  };
  confirm: {
    title: string;
    body: string | null;
    action: string;
    button: string;
    danger: boolean;
    cancel: string;
  };
  rename: { deviceId: string; name: string; currentName: string; error: string | null };
  logout: Record<string, never>;
  locked: { userName: string; userId: string };
  error: { status: number; message: string; back: string | null };
}

/** The name of an otpkit view. */
export type ViewName = keyof ViewProps;
