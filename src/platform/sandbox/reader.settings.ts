import { defineSettings, integerBetween, parseSettings, type SettingValues } from '../config/settings.js';

/**
 * Limits on reading a file someone uploaded or imported (a published report to check, an
 * attachment's text, a spreadsheet to import). Each file is read in a worker thread
 * (sandbox/pool.ts) that is stopped when it runs over time or memory; the size limits refuse a
 * hostile file before its content is parsed at all. The defaults are far above any real report
 * or document (a county's annual report as DOCX inflates to under 2 MB, its HTML nests about 30
 * deep) and far below what would hurt the server.
 */
export const readerSettings = defineSettings({
  timeoutSeconds: {
    env: 'READER_TIMEOUT_SECONDS',
    doc: 'Seconds one uploaded file may take to read (report checker, attachment text, imports) before it is stopped and refused.',
    default: '30',
    parse: integerBetween(1, 600),
  },
  memoryMb: {
    env: 'READER_MEMORY_MB',
    doc: 'Memory (MB of JavaScript heap) the worker thread reading one uploaded file may use before it is stopped and the file refused.',
    default: '256',
    parse: integerBetween(64, 4096),
  },
  maxUnzippedMb: {
    env: 'READER_MAX_UNZIPPED_MB',
    doc: 'What a ZIP-based file (DOCX, XLSX) may inflate to, in MB, all entries together; a larger one is refused before it is parsed.',
    default: '100',
    parse: integerBetween(1, 2048),
  },
  maxZipEntries: {
    env: 'READER_MAX_ZIP_ENTRIES',
    doc: 'Entries a ZIP-based file (DOCX, XLSX) may hold.',
    default: '2000',
    parse: integerBetween(10, 100_000),
  },
  maxTextMb: {
    env: 'READER_MAX_TEXT_MB',
    doc: 'Size in MB of a text, Markdown or HTML file the report checker reads.',
    default: '10',
    parse: integerBetween(1, 512),
  },
  maxNesting: {
    env: 'READER_MAX_NESTING',
    doc: 'How deep the elements of an HTML page may nest (real pages: under 50).',
    default: '400',
    parse: integerBetween(50, 10_000),
  },
  workers: {
    env: 'READER_WORKERS',
    doc: 'Worker threads reading uploaded files at the same time; further files wait their turn.',
    default: '2',
    parse: integerBetween(1, 16),
  },
});

export type ReaderLimits = SettingValues<(typeof readerSettings)['keys']>;

let fromEnv: ReaderLimits | undefined;

/**
 * The limits as configured. They hold for the whole process (a file is read the same way by
 * the server, the worker and the command line), so they are read from the environment, which the
 * platform checks at start with every other key.
 */
export function readerLimits(env: Record<string, string | undefined> = process.env): ReaderLimits {
  if (env !== process.env) return parseSettings(readerSettings.keys, env, []);
  fromEnv ??= parseSettings(readerSettings.keys, env, []);
  return fromEnv;
}
