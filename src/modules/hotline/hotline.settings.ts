import { BadValue, defineSettings } from '../../platform/config/settings.js';

/** How the hotline's figures are counted where local rules differ (services.md §3.3). */
export const hotlineSettings = defineSettings({
  basicallySatisfiedCounts: {
    env: 'HOTLINE_BASICALLY_SATISFIED_COUNTS',
    doc: 'Whether 基本满意 counts as satisfied in the 12345 满意率 (some regions count it): yes or no.',
    default: 'no',
    parse: (v: string) => {
      if (v !== 'yes' && v !== 'no') throw new BadValue('应为 yes 或 no');
      return v === 'yes';
    },
  },
});
