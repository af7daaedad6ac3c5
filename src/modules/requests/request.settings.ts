import { defineSettings } from '../../platform/config/settings.js';

const text = (raw: string) => raw.trim();

/**
 * The remedies a reply names (行政复议法第二十四条): by default the 复议机关 is the nearest people's
 * government above the agency in the agency tree (a department's own government, a township's
 * county). Where that is not right, or for the top agency, it is configured here.
 */
export const requestSettings = defineSettings({
  topReviewBody: {
    env: 'REQUEST_TOP_REVIEW_BODY',
    doc: 'The 复议机关 named in replies of the top agency of the tree (e.g. 泉州市人民政府); by default 上一级人民政府.',
    default: '',
    parse: text,
  },
  reviewBodies: {
    env: 'REQUEST_REVIEW_BODIES',
    doc: 'Per-agency 复议机关, overriding the agency tree: 机关名称=复议机关, separated by semicolons.',
    default: '',
    parse: (raw: string) =>
      new Map(
        raw
          .split(/[;；]/)
          .map((pair) => pair.split('=').map((s) => s.trim()))
          .filter((p): p is [string, string] => p.length === 2 && p[0] !== '' && p[1] !== ''),
      ),
  },
  court: {
    env: 'REQUEST_COURT',
    doc: 'The court named in replies for 行政诉讼 (e.g. 晋江市人民法院); by default 人民法院.',
    default: '',
    parse: text,
  },
});
