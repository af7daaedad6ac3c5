import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';
import { pdfSettingKeys } from './render/pdf-engines.js';

/**
 * 条例第五十条: departments publish last year's annual report by 31 January, people's
 * governments at county level and above by 31 March. For townships the law sets no date
 * [R]; it is configurable (`TOWNSHIP_REPORT_DEADLINE`, default 03-31).
 */
export const reportSettings = defineSettings({
  townshipReportDeadline: {
    env: 'TOWNSHIP_REPORT_DEADLINE',
    doc: "Month and day (MM-DD) by which townships publish last year's annual report. The 条例 (第五十条) fixes 31 January for departments and 31 March for people's governments at county level and above, but no date for townships.",
    default: '03-31',
    parse: (raw: string): string => {
      if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(raw)) throw new BadValue('应为 MM-DD，如 03-31');
      return raw;
    },
  },
  // Comparison of reports (compare/indicators.ts): a rate over fewer cases is shown, not ranked.
  compareMinCases: {
    env: 'COMPARE_MIN_CASES',
    doc: 'Fewest cases (the denominator) a rate of the annual-report comparison must rest on to be ranked among agencies; a rate over fewer is shown with its counts and marked as a small sample.',
    default: '10',
    parse: integerBetween(1, 100_000),
  },
  // Who makes and reads PDFs (render/pdf-engines.ts).
  ...pdfSettingKeys,
});
