// Chinese full-text search: the rules (tokens, query reading, rank, snippets) and the index
// with an engine per database.
export {
  normalize,
  normalizeDocNumber,
  docNumberSpelling,
  planQuery,
  snippet,
  snippetText,
  SCORE,
  type QueryPlan,
  type SnippetPart,
} from './search.js';
export {
  searchIndexFor,
  type IndexHit,
  type IndexQuery,
  type RecordIdQuery,
  type SearchDocument,
  type SearchFilters,
  type SearchIndex,
  type SearchOutcome,
} from './search.index.js';
export { EXACT_COUNT_CAP } from './search.query.js';
