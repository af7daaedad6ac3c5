export { checkDocx, checkNesting, checkTextSize, checkZip, FileRefused } from './limits.js';
export { closeReaders, ReaderFailed, sandboxed, sibling } from './pool.js';
export { readerLimits, readerSettings, type ReaderLimits } from './reader.settings.js';
