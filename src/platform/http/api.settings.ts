import { defineSettings, integerBetween } from '../config/settings.js';

/**
 * The API's conventions for other systems (platform/http/api.ts, ADR 0019): how fast one token
 * may call, and how long an `Idempotency-Key` is remembered.
 */
export const apiSettings = defineSettings({
  tokenRatePerMinute: {
    env: 'GONGKAI_API_TOKEN_RATE_LIMIT',
    doc: 'Calls one API token may make per minute unless the token was issued with its own limit (counted in the database, across all server processes).',
    default: '600',
    parse: integerBetween(1, 1_000_000),
  },
  idempotencyHours: {
    env: 'GONGKAI_API_IDEMPOTENCY_HOURS',
    doc: 'Hours an Idempotency-Key of a POST is remembered: the same key with the same request within that time gets the first answer again instead of a second record or case.',
    default: '24',
    parse: integerBetween(1, 720),
  },
});
