export { checkDocx, checkNesting, checkTextSize, checkZip, FileRefused } from './limits.js';
export { closeReaders, ReaderFailed, sandboxed, sibling } from './pool.js';
export { threadCount, withThreads, type Threads } from './threads.js';
export { readerLimits, readerSettings, type ReaderLimits } from './reader.settings.js';
