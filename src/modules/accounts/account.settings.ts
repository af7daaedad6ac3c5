import { defineSettings, integerBetween } from '../../platform/config/settings.js';

/** The back office's sessions and logins, from the environment (read once at start). */
export const accountSettings = defineSettings({
  sessionIdleMinutes: {
    env: 'SESSION_IDLE_MINUTES',
    doc: 'A back-office session ends after this many idle minutes.',
    default: '30',
    parse: integerBetween(1, 24 * 60),
  },
  sessionMaxHours: {
    env: 'SESSION_MAX_HOURS',
    doc: 'A back-office session ends this many hours after login, however active.',
    default: '12',
    parse: integerBetween(1, 24 * 30),
  },
  loginMaxFailures: {
    env: 'LOGIN_MAX_FAILURES',
    doc: 'Consecutive wrong passwords that lock an account.',
    default: '5',
    parse: integerBetween(1, 100),
  },
  loginLockMinutes: {
    env: 'LOGIN_LOCK_MINUTES',
    doc: 'How long a locked account stays locked.',
    default: '15',
    parse: integerBetween(1, 24 * 60),
  },
  loginRateLimitPerMinute: {
    env: 'LOGIN_RATE_LIMIT',
    doc: 'Login attempts allowed per client address per minute.',
    default: '20',
    parse: integerBetween(1, 10_000),
  },
});
