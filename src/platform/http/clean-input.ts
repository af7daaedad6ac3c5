/**
 * Text arrives clean at every door: NUL and the other control characters are taken out of every
 * query parameter, route parameter, form field and JSON body before a route sees them. A
 * multi-line field keeps its tab, line feed and carriage return; a query or route parameter keeps
 * none. Both engines then store the same text (PostgreSQL refuses NUL in text; SQLite would keep
 * it, and a backup holding one could not be restored into PostgreSQL).
 */

/** C0 controls and DEL, except tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Every C0 control and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_IN_LINE = /[\u0000-\u001f\u007f]/g;

export function cleanText(s: string, multiLine: boolean): string {
  return s.replace(multiLine ? CONTROLS_IN_TEXT : CONTROLS_IN_LINE, '');
}

/** The value with every string in it cleaned (objects and arrays walked; files left alone). */
export function cleanValue(v: unknown, multiLine: boolean, depth = 0): unknown {
  if (typeof v === 'string') return cleanText(v, multiLine);
  // Deeper than any form or API body the platform defines: left as it is, refused by its schema.
  if (depth > 32 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return v.map((x) => cleanValue(x, multiLine, depth + 1));
  // A plain object: the query parser's (whose prototype is itself prototype-less) included;
  // a file, a stream or a date is left alone.
  const proto: unknown = Object.getPrototypeOf(v);
  const plain = proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
  if (!plain) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[cleanText(k, false)] = cleanValue(x, multiLine, depth + 1);
  return out;
}
