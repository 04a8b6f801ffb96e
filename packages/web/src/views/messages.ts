/**
 * Every string otpkit shows a person, in one table. Placeholders in braces (`{count}`) are filled in
 * and escaped when a view renders. A host overrides any subset through `messages` (translations,
 * its own wording); the keys are the stable part.
 *
 * @example
 * ```ts
 * createOtpWeb({ …, messages: { 'verify.title': 'Bestätigung in zwei Schritten', 'field.code': 'Code' } });
 * ```
 */
export const defaultMessages = {
  'site.lang': 'en',
  'site.locale': 'en-GB',
  'site.name': 'Administration',
  'site.signedInAs': 'Signed in as {user}',
  'site.time': '{time} UTC',
  'site.secured': 'Protected by two-step verification',

  'field.username': 'Username',
  'field.password': 'Password',
  'field.code': 'Verification code',
  'field.code.hint': 'The 6-digit code from your authenticator app.',
  'field.backupCode': 'Backup code',
  'field.backupCode.hint': 'One of the codes you saved, like abcde-fghij. Each works once.',
  'field.emailCode.hint': 'The code in the email we sent you.',
  'field.email': 'Email address',
  'field.deviceName': 'Name',
  'field.trustBrowser': 'Trust this browser for {days} days',
  'field.trustBrowser.hint': 'You will not be asked for a code on this browser until then.',

  'action.signIn': 'Sign in',
  'action.verify': 'Verify',
  'action.continue': 'Continue',
  'action.cancel': 'Cancel',
  'action.signOut': 'Sign out',
  'action.sendCode': 'Email me a code',
  'action.resendCode': 'Send a new code',
  'action.useBackupCode': 'Use a backup code instead',
  'action.useKind.totp': 'Use your authenticator app instead',
  'action.useKind.hotp': 'Use your hardware token instead',
  'action.useKind.email': 'Get a code by email instead',
  'action.useEmail': 'Get a code by email at {email} instead',
  'action.useDevice': 'Use “{name}” instead',
  'action.setUp': 'Set up',
  'action.later': 'Remind me later',
  'action.rename': 'Rename',
  'action.remove': 'Remove',
  'action.save': 'Save',
  'action.revoke': 'Revoke',
  'action.revokeAll': 'Revoke all browsers',
  'action.regenerate': 'Generate new backup codes',
  'action.showBackupCodes': 'Create my backup codes',
  'action.download': 'Download as a text file',
  'action.copy': 'Copy codes',
  'action.copied': 'Copied',
  'action.addFactor': 'Add a verification method',
  'action.manage': 'Two-step verification settings',
  'action.backToSite': 'Back to {site}',

  'login.title': 'Sign in',
  'login.failed': 'That username and password did not match.',

  'verify.title': 'Two-step verification',
  'verify.intro': 'Enter the code from your authenticator app to finish signing in as {user}.',
  'verify.using': 'Code from: {device}',
  'verify.intro.email': 'We can email a code to {email}. Enter it to finish signing in as {user}.',
  'verify.intro.backup': 'Enter one of your backup codes to finish signing in as {user}.',
  'verify.otherMethods': 'Other ways to verify',
  'verify.codeSent': 'We sent a code to {email}. It is valid for a few minutes.',
  'verify.cooldown': 'A code was sent recently. You can ask for another in {seconds} seconds.',

  'stepUp.title': 'Confirm it is you',
  'stepUp.intro': 'This change needs a fresh verification. Enter a code to continue.',

  'enroll.title': 'Set up two-step verification',
  'enroll.intro.required':
    'Your account needs a second step when you sign in. Choose how you want to get your codes.',
  'enroll.intro.optional': 'Add a second step to your sign-in. Choose how you want to get your codes.',
  'enroll.graceUntil': 'You can skip this until {date}.',
  'enroll.totp.name': 'Authenticator app',
  'enroll.totp.description': 'An app on your phone, such as Google Authenticator, 1Password or Aegis.',
  'enroll.email.name': 'Email',
  'enroll.email.description': 'We email you a code each time you sign in.',
  'enroll.totp.title': 'Set up an authenticator app',
  'enroll.totp.step1': 'Scan this QR code with your authenticator app.',
  'enroll.totp.step2': 'Or type this key into the app:',
  'enroll.totp.step3': 'Enter the 6-digit code the app shows.',
  'enroll.totp.qrLabel': 'QR code for your authenticator app',
  'enroll.totp.retry':
    'That code did not match. Check that your phone’s clock is right and enter the current code.',
  'enroll.restart': 'Start over',
  'enroll.email.title': 'Set up email codes',
  'enroll.email.intro': 'Enter the address where you want to receive your codes.',
  'enroll.email.sent': 'We sent a code to {email}. Enter it to confirm the address.',
  'enroll.done': 'Two-step verification is on.',

  'backupCodes.title': 'Save your backup codes',
  'backupCodes.intro':
    'If you cannot use your usual verification method, a backup code lets you sign in. Each code works once. Keep them somewhere safe, like a password manager.',
  'backupCodes.intro.app':
    'If you lose your phone, a backup code lets you sign in. Each code works once. Keep them somewhere safe, like a password manager.',
  'backupCodes.intro.email':
    'If you cannot get into your email, a backup code lets you sign in. Each code works once. Keep them somewhere safe, like a password manager.',
  'backupCodes.shownOnce': 'These codes are shown only once. Save them now.',
  'backupCodes.replaces': 'New codes replace your old ones: the old codes stop working.',
  'backupCodes.used': 'You signed in with a backup code.',
  'backupCodes.remaining': '{count} backup codes left.',
  'backupCodes.remaining.one': '1 backup code left.',
  'backupCodes.low': 'You are running out of backup codes. Generate new ones now.',
  'backupCodes.none': 'You have no backup codes yet.',

  'devices.title': 'Two-step verification',
  'devices.methods': 'Verification methods',
  'devices.none': 'You have no verification methods yet.',
  'devices.kind': 'Type',
  'devices.added': 'Added',
  'devices.lastUsed': 'Last used',
  'devices.never': 'Never',
  'devices.unconfirmed': 'Not confirmed',
  'devices.kind.totp': 'Authenticator app',
  'devices.kind.hotp': 'Hardware token',
  'devices.kind.email': 'Email',
  'devices.kind.backup-codes': 'Backup codes',
  'devices.backupCodes': 'Backup codes',
  'devices.browsers': 'Trusted browsers',
  'devices.browser': 'Browser',
  'devices.browsers.none': 'No browser is trusted.',
  'devices.browsers.created': 'Trusted since',
  'devices.browsers.current': 'This browser',
  'devices.renamed': 'The method was renamed.',
  'devices.removed': 'The method was removed.',
  'devices.browserRevoked': 'The browser is no longer trusted.',
  'devices.browsersRevoked': 'No browser is trusted any more.',
  'devices.browserTrusted': 'This browser is now trusted.',

  'confirm.remove.title': 'Remove “{name}”?',
  'confirm.remove.body': 'You will no longer be able to sign in with it.',
  'confirm.remove.last':
    'This is your last verification method. Your account requires one: you will have to set up a new one at your next sign-in.',
  'confirm.regenerate.title': 'Generate new backup codes?',
  'confirm.revoke.title': 'Stop trusting {browser}?',
  'confirm.revoke.body': 'It will be asked for a code at its next sign-in.',
  'confirm.revokeAll.title': 'Stop trusting all browsers?',
  'confirm.revokeAll.body': 'Every browser will be asked for a code at its next sign-in.',
  'rename.title': 'Rename “{name}”',

  'logout.title': 'Sign out',
  'logout.body': 'Sign out of {site}?',

  'locked.title': 'Verification is locked',
  'locked.body': 'There were too many wrong codes for this account, so verification is locked to protect it.',
  'locked.howTo': 'An administrator can unlock it, for example with this command:',
  'locked.contact':
    'Contact your administrator. If you did not try to sign in just now, tell them: someone may know your password.',

  'error.title': 'Something went wrong',
  'error.invalid': 'That code is not right. Try again.',
  'error.malformed': 'Enter the code as it is shown: digits only, or a backup code like abcde-fghij.',
  'error.replayed': 'That code was already used. Wait for the next one.',
  'error.replayed.backup':
    'That backup code was already used: each one works once. Enter another of your codes.',
  'error.replayed.email': 'That code was already used. Ask for a new one.',
  'error.replayed.hotp': 'That code was already used. Press your token’s button for a new one.',
  'error.expired': 'That code has expired. Ask for a new one.',
  'error.noDevice': 'That verification method is not available.',
  'error.throttled': 'Too many wrong codes. Try again in {seconds} seconds.',
  'error.locked': 'Verification is locked after too many wrong codes.',
  'error.csrf':
    'This form has expired or did not come from this site. Go back, reload the page and try again.',
  'error.badRequest': 'The request was not understood. Check the form and try again.',
  'error.tooLarge': 'The request was too large.',
  'error.unsupported': 'The request was not sent as a form.',
  'error.notFound': 'This page does not exist.',
  'error.deviceNotFound': 'That verification method no longer exists.',
  'error.method': 'This page cannot be used that way.',
  'error.unavailable': 'The service is briefly unavailable. Try again in a moment.',
  'error.cooldown': 'A code was sent recently. Try again in {seconds} seconds.',
  'error.deviceLimit': 'You have reached the limit of verification methods of this kind.',
  'error.delivery': 'We could not send the email. Try again in a moment.',
  'error.notSupported': 'This verification method does not support that.',
  'error.server': 'Something went wrong on our side. Try again later.',
  'error.loginExpired': 'Your sign-in took too long or was already finished. Sign in again.',
  'error.signInFirst': 'Sign in first.',
  'error.invalidName': 'A name has 1 to 64 characters.',
  'error.invalidEmail': 'Enter a valid email address.',

  'notify.backupCodeUsed.subject': 'A backup code was used to sign in',
  'notify.backupCodeUsed.body':
    'A backup code was used to sign in to your account. {count} backup codes are left. If this was not you, contact your administrator.',
  'notify.deviceAdded.subject': 'A verification method was added',
  'notify.deviceAdded.body':
    'A verification method was added to your account: {method}. If this was not you, contact your administrator.',
  'notify.deviceRemoved.subject': 'A verification method was removed',
  'notify.deviceRemoved.body':
    'A verification method was removed from your account: {method}. If this was not you, contact your administrator.',
  'notify.method.named': '{label} “{name}”',
  'notify.browserTrusted.subject': 'A new browser was trusted',
  'notify.browserTrusted.body':
    'You chose to trust {browser} on {os}: it will not be asked for a code for {days} days. If this was not you, contact your administrator.',
  'notify.locked.subject': 'Verification on your account was locked',
  'notify.locked.body':
    'Too many wrong codes were entered for your account, so verification is locked. Someone may know your password: contact your administrator.',
  'notify.throttled.subject': 'Many wrong codes were entered for your account',
  'notify.throttled.body':
    '{failures} wrong codes in a row were entered for your account. If this was not you, someone may know your password: change it and contact your administrator.',
} as const;

/** The keys of the messages table. */
export type MessageKey = keyof typeof defaultMessages;
/** A messages table: every key, as strings. */
export type Messages = Record<MessageKey, string>;
/** Values that fill a message's `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>;
/** Looks a message up and fills its placeholders (the result is text, escaped when rendered). */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A {@link Translate} over the default table with the host's overrides. */
export function createTranslate(overrides: Partial<Record<MessageKey, string>> = {}): Translate {
  const table: Messages = { ...defaultMessages, ...overrides };
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}
