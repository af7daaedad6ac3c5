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
} from './search.index.js';
