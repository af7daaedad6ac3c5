import { defineSettings, integerBetween } from '../../platform/config/settings.js';

/** The supervision dashboard's settings. */
export const supervisionSettings = defineSettings({
  minCases: {
    env: 'SUPERVISION_MIN_CASES',
    doc: 'The fewest cases a rate of an agency needs to be ranked on the supervision dashboard (按时答复率, 按时发布率); a rate over fewer is shown with its n/N and 样本过少, not ranked. Default 10.',
    default: '10',
    parse: integerBetween(1, 10000),
  },
});
