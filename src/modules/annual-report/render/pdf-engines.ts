import { BadValue } from '../../../platform/config/settings.js';

/**
 * Which programs make and read PDFs. Both defaults are built in (npm packages only): pdfkit with
 * Noto Serif SC writes the report, pdf.js reads the text layer of a published one. Chromium and
 * poppler are optional engines for an installation that has them and prefers them.
 */
export type ReportPdfEngine = 'builtin' | 'chromium';
export type PdfTextEngine = 'builtin' | 'poppler';

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): T => {
    const v = raw.trim() as T;
    if (!allowed.includes(v)) throw new BadValue(`应为 ${allowed.join('、')} 之一`);
    return v;
  };
}

/** The annual-report module's PDF settings (part of its defineSettings). */
export const pdfSettingKeys = {
  reportPdfEngine: {
    env: 'REPORT_PDF_ENGINE',
    doc: 'Who prints the annual report as PDF: `builtin` (pdfkit with the Noto Serif SC font of an npm package; nothing to install) or `chromium` (the HTML report printed by Chromium, which must be installed with CJK fonts, see `REPORT_PDF_CHROMIUM_PATH`).',
    default: 'builtin',
    parse: oneOf<ReportPdfEngine>(['builtin', 'chromium']),
  },
  reportPdfChromiumPath: {
    env: 'REPORT_PDF_CHROMIUM_PATH',
    doc: 'The Chromium executable used when `REPORT_PDF_ENGINE=chromium`.',
    default: '/usr/bin/chromium',
    parse: (raw: string): string => {
      if (!raw.startsWith('/')) throw new BadValue('应为可执行文件的绝对路径，如 /usr/bin/chromium');
      return raw;
    },
  },
  pdfTextEngine: {
    env: 'PDF_TEXT_ENGINE',
    doc: "Who reads the text of a PDF (年报检查, `gongkai report check`): `builtin` (pdf.js from npm) or `poppler` (Debian's pdftotext from poppler-utils, which must be installed).",
    default: 'builtin',
    parse: oneOf<PdfTextEngine>(['builtin', 'poppler']),
  },
};

/** The PDF settings as the renderers and readers take them. */
export interface PdfEngines {
  reportPdfEngine: ReportPdfEngine;
  reportPdfChromiumPath: string;
  pdfTextEngine: PdfTextEngine;
}
