"""
A small Django project for cli-django-otp-real.test.ts: django-otp itself makes the devices, uses
some of their codes, and says which codes it would accept now.

    python3 django_otp_fixture.py setup <dir>   # write settings.py, migrate, create devices; prints JSON
    python3 django_otp_fixture.py codes <dir>   # the codes django-otp accepts now, per device; prints JSON

`dumpdata` is run by the test with `python3 -m django` against the same settings.
"""
import json
import os
import sys
import time

SETTINGS = """
SECRET_KEY = 'otpkit-test-only'
USE_TZ = True
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': %r}}
INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django_otp',
    'django_otp.plugins.otp_totp',
    'django_otp.plugins.otp_hotp',
    'django_otp.plugins.otp_static',
    'django_otp.plugins.otp_email',
]
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
OTP_TOTP_SYNC = True
"""


def start(directory, write_settings=False):
    if write_settings:
        with open(os.path.join(directory, 'settings.py'), 'w') as f:
            f.write(SETTINGS % os.path.join(directory, 'db.sqlite3'))
    sys.path.insert(0, directory)
    os.environ['DJANGO_SETTINGS_MODULE'] = 'settings'
    import django

    django.setup()


def padded(token, digits):
    return str(token).rjust(digits, '0')


def totp_code(device, at):
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at
    return padded(totp.token(), device.digits)


def setup(directory):
    start(directory, write_settings=True)
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django_otp.oath import hotp
    from django_otp.plugins.otp_email.models import EmailDevice
    from django_otp.plugins.otp_hotp.models import HOTPDevice
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command('migrate', verbosity=0)
    alice = User.objects.create(username='alice', email='alice@example.test')
    bob = User.objects.create(username='bob', email='bob@example.test')
    now = time.time()
    used = []

    # TOTP: the defaults, used once (last_t moves to the current step).
    plain = TOTPDevice.objects.create(user=alice, name='Phone')
    code = totp_code(plain, time.time())
    assert plain.verify_token(code), 'django-otp refused its own code'
    used.append({'model': 'otp_totp.totpdevice', 'pk': plain.pk, 'code': code, 'user': alice.pk})

    # TOTP: 8 digits, 60-second steps, a t0 that is no multiple of the step, and a clock 2 steps
    # ahead; used once, so last_t and drift both come from django-otp.
    odd = TOTPDevice.objects.create(user=alice, name='Token 8', digits=8, step=60, t0=int(now) - 12_345, drift=2)
    code = totp_code(odd, time.time())
    assert odd.verify_token(code), 'django-otp refused its own code'
    used.append({'model': 'otp_totp.totpdevice', 'pk': odd.pk, 'code': code, 'user': alice.pk})

    # TOTP: never used, a clock one step behind (drift -1), tolerance 2.
    TOTPDevice.objects.create(user=bob, name='Old phone', drift=-1, tolerance=2)

    # TOTP: not confirmed yet.
    TOTPDevice.objects.create(user=bob, name='Pending', confirmed=False)

    # TOTP: a 10-byte key, which django-otp allows and otpkit refuses (too short to be safe).
    TOTPDevice.objects.create(user=bob, name='Short key', key='00112233445566778899')

    # HOTP: 8 digits, two codes used (the counter moves to 2).
    token = HOTPDevice.objects.create(user=bob, name='Yubico OATH', digits=8)
    for counter in (0, 1):
        code = padded(hotp(token.bin_key, counter, 8), 8)
        assert token.verify_token(code), 'django-otp refused its own HOTP code'
        used.append({'model': 'otp_hotp.hotpdevice', 'pk': token.pk, 'code': code, 'user': bob.pk})
    # HOTP: 6 digits, a counter far along.
    HOTPDevice.objects.create(user=alice, name='Keyfob', counter=1_000)

    # Static tokens: three random ones (one used, so deleted) and one an operator typed in.
    static = StaticDevice.objects.create(user=alice, name='backup')
    tokens = [StaticToken.random_token() for _ in range(3)]
    for value in tokens + ['Custom-Token-1']:
        static.token_set.create(token=value)
    assert static.verify_token(tokens[0]), 'django-otp refused its own static token'
    used.append({'model': 'otp_static.staticdevice', 'pk': static.pk, 'code': tokens[0], 'user': alice.pk})
    # A static device whose tokens are all used.
    spent = StaticDevice.objects.create(user=bob, name='spent')
    spent.token_set.create(token='onlyone1')
    assert spent.verify_token('onlyone1')

    # Email: an address of its own, and one that falls back to the user's.
    EmailDevice.objects.create(user=alice, name='Work mail', email='alice.work@example.test')
    EmailDevice.objects.create(user=bob, name='Mail')

    print(json.dumps({'used': used, 'users': {'alice': alice.pk, 'bob': bob.pk}}))


def codes(directory):
    """The codes django-otp accepts now for each device, each checked by django-otp and rolled back."""
    start(directory)
    from django.db import transaction
    from django_otp.oath import hotp
    from django_otp.plugins.otp_hotp.models import HOTPDevice
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def accepted(device, code):
        with transaction.atomic():
            ok = type(device).objects.get(pk=device.pk).verify_token(code)
            transaction.set_rollback(True)
        return ok

    out = []
    now = time.time()
    for device in TOTPDevice.objects.filter(confirmed=True):
        if len(device.bin_key) < 16:
            continue
        # The device's current code (its clock off by its drift), and the next one.
        for label, at in (('current', now), ('next', now + device.step)):
            code = totp_code(device, at)
            out.append({'model': 'otp_totp.totpdevice', 'pk': device.pk, 'user': device.user_id,
                        'which': label, 'code': code, 'django': accepted(device, code)})
    for device in HOTPDevice.objects.all():
        for label, counter in (('current', device.counter), ('next', device.counter + 1)):
            code = padded(hotp(device.bin_key, counter, device.digits), device.digits)
            out.append({'model': 'otp_hotp.hotpdevice', 'pk': device.pk, 'user': device.user_id,
                        'which': label, 'code': code, 'django': accepted(device, code)})
    for token in StaticToken.objects.select_related('device'):
        out.append({'model': 'otp_static.staticdevice', 'pk': token.device.pk, 'user': token.device.user_id,
                    'which': 'static', 'code': token.token, 'django': accepted(token.device, token.token)})
    print(json.dumps(out))


if __name__ == '__main__':
    {'setup': setup, 'codes': codes}[sys.argv[1]](sys.argv[2])
