import { sql, type Kysely } from 'kysely';

// The names of docs/glossary.md, in the stored data as in the code: 申请方式 is
// `submission_channel`, 提供形式 `delivery_format`; the 信息处理费 steps are
// `processingFeeNoticeReceived` / `processingFeePaid` with their computation under
// `processingFee`; a 补正 notice keeps its `supplementDueDate`; a consultation says which of the
// two it is (第三十二条 `thirdPartyConsultation`, 第三十四条 `agencyConsultation`), and so do the
// letters it sent. Letters keep their title and text as sent. The audit log is history and keeps
// the action names it was written with.

type Json = Record<string, unknown>;

const eventTypes: Array<[old: string, current: string]> = [
  ['feeNoticeReceived', 'processingFeeNoticeReceived'],
  ['feePaid', 'processingFeePaid'],
];
const consultationKinds: Array<[oldParty: string, kind: string]> = [
  ['thirdParty', 'thirdPartyConsultation'],
  ['coMaker', 'agencyConsultation'],
];

function renameKey(data: Json, from: string, to: string): Json {
  if (!(from in data)) return data;
  const { [from]: value, ...rest } = data;
  return { ...rest, [to]: value };
}

/** The event's data in the current names (`up`) or in the old ones (`down`). */
export function eventData(type: string, data: Json, direction: 'up' | 'down'): Json {
  const [from, to] = direction === 'up' ? [0, 1] : [1, 0];
  const pick = (pair: [string, string]) => [pair[from]!, pair[to]!] as const;
  switch (type) {
    case 'supplementRequested':
      return renameKey(data, ...pick(['deadline', 'supplementDueDate']));
    case 'supplemented':
      return renameKey(data, ...pick(['channel', 'submissionChannel']));
    case 'feeNoticeReceived':
    case 'processingFeeNoticeReceived':
      return renameKey(data, ...pick(['fee', 'processingFee']));
    case 'consultationStarted': {
      const out = renameKey(data, ...pick(['party', 'kind']));
      const key = direction === 'up' ? 'kind' : 'party';
      const pair = consultationKinds.find((p) => p[from] === out[key]);
      return pair ? { ...out, [key]: pair[to] } : out;
    }
    default:
      return data;
  }
}

async function rewriteEvents(db: Kysely<unknown>, direction: 'up' | 'down'): Promise<void> {
  for (const [old, current] of eventTypes) {
    const [from, to] = direction === 'up' ? [old, current] : [current, old];
    await sql`update request_event set type = ${to} where type = ${from}`.execute(db);
  }
  const { rows } = await sql<{ id: string; type: string; data_json: string }>`
    select id, type, data_json from request_event
    where data_json is not null
      and type in ('supplementRequested', 'supplemented', 'consultationStarted',
                   'feeNoticeReceived', 'processingFeeNoticeReceived')`.execute(db);
  for (const r of rows) {
    const before = JSON.parse(r.data_json) as Json;
    const after = JSON.stringify(eventData(r.type, before, direction));
    if (after !== r.data_json)
      await sql`update request_event set data_json = ${after} where id = ${r.id}`.execute(db);
  }
}

async function rewriteLetters(db: Kysely<unknown>, direction: 'up' | 'down'): Promise<void> {
  if (direction === 'down') {
    await sql`update request_letter set kind = 'fee' where kind = 'processingFee'`.execute(db);
    await sql`update request_letter set kind = 'consultation'
              where kind in ('thirdPartyConsultation', 'agencyConsultation')`.execute(db);
    return;
  }
  await sql`update request_letter set kind = 'processingFee' where kind = 'fee'`.execute(db);
  // A consultation letter is of the consultation its step started (the same case, the same day).
  const { rows } = await sql<{ id: string; request_id: string; issued_on: string }>`
    select id, request_id, issued_on from request_letter where kind = 'consultation'`.execute(db);
  for (const l of rows) {
    const { rows: started } = await sql<{ data_json: string | null }>`
      select data_json from request_event
      where request_id = ${l.request_id} and type = 'consultationStarted' and occurred_on = ${l.issued_on}`.execute(
      db,
    );
    const kind = started.some((e) => (JSON.parse(e.data_json ?? '{}') as Json).kind === 'agencyConsultation')
      ? 'agencyConsultation'
      : 'thirdPartyConsultation';
    await sql`update request_letter set kind = ${kind} where id = ${l.id}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request').renameColumn('channel', 'submission_channel').execute();
  await db.schema.alterTable('request').renameColumn('provision_form', 'delivery_format').execute();
  await rewriteEvents(db, 'up');
  await rewriteLetters(db, 'up');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rewriteLetters(db, 'down');
  await rewriteEvents(db, 'down');
  await db.schema.alterTable('request').renameColumn('delivery_format', 'provision_form').execute();
  await db.schema.alterTable('request').renameColumn('submission_channel', 'channel').execute();
}
