import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { calendarOf, formatDate, isWorkday, nextDate, parseDate, shippedNotices } from '../calendar/index.js';
import {
  ClockError,
  computeClock,
  defaultMailboxRules,
  threeMonthsAfter,
  type MessageEvent,
} from './message-clock.js';
import { ticketTypes } from './message.js';

const cal = calendarOf(shippedNotices);
const petition = (events: MessageEvent[], today: string) =>
  computeClock({ regime: 'petition', ticketType: 'complaint', events }, cal, today);
const mailbox = (
  events: MessageEvent[],
  today: string,
  ticketType: (typeof ticketTypes)[number] = 'consultation',
) => computeClock({ regime: 'mailbox', ticketType, events }, cal, today);

// 2026: 中秋 9月25日至27日 and 国庆 10月1日至7日放假; 10月10日（星期六）上班.
describe('信访 clocks (信访工作条例, periods in 日)', () => {
  it('15日 to tell the person whether it is accepted, moved past 国庆', () => {
    const c = petition([{ type: 'received', date: '2026-09-20' }], '2026-09-21');
    assert.equal(c.stage, 'received');
    assert.equal(c.due?.due, '2026-10-08');
    assert.deepEqual(
      c.due?.skipped.map((s) => s.date),
      ['2026-10-05', '2026-10-06', '2026-10-07'],
    );
    assert.equal(c.remaining, 17);
    assert.equal(c.remainingUnit, '日');
    assert.equal(c.overdue, false);
    assert.equal(petition([{ type: 'received', date: '2026-09-20' }], '2026-10-09').overdue, true);
  });

  it('a dispatched item: 15日 from the dispatch to tell, 5 个工作日 to object, skipping 国庆 and counting the 调休 Saturday', () => {
    const events: MessageEvent[] = [
      { type: 'received', date: '2026-09-20' },
      { type: 'dispatched', date: '2026-09-29', agencyId: 'a' },
    ];
    const c = petition(events, '2026-09-30');
    assert.equal(c.stage, 'dispatched');
    assert.equal(c.objectionUntil, '2026-10-12');
    assert.equal(c.due?.due, '2026-10-14');
    // The objection window closes after its last day.
    assert.equal(petition(events, '2026-10-13').objectionUntil, null);
    // A 退单 after it is recorded as late.
    const lateReturn = petition([...events, { type: 'returned', date: '2026-10-13' }], '2026-10-13');
    assert.equal(lateReturn.stage, 'returned');
    assert.deepEqual(lateReturn.late, ['2026-10-13 退单（应于 2026-10-12 前）']);
  });

  it('60日 from 受理, ending on a 调休 Saturday; +30日 with approval; never more than 30', () => {
    const accepted: MessageEvent[] = [
      { type: 'received', date: '2026-08-01' },
      { type: 'accepted', date: '2026-08-11' },
    ];
    const c = petition(accepted, '2026-08-12');
    assert.equal(c.stage, 'handling');
    assert.equal(c.due?.due, '2026-10-10');
    assert.deepEqual(c.due?.skipped, []);
    const extended = petition(
      [...accepted, { type: 'extended', date: '2026-10-01', days: 30 }],
      '2026-10-02',
    );
    assert.equal(extended.due?.due, '2026-11-09');
    // An extension granted after the 60日 ended is recorded as late; the reply is then late too.
    const afterwards = petition(
      [
        ...accepted,
        { type: 'extended', date: '2026-10-20', days: 30 },
        { type: 'replied', date: '2026-10-25' },
      ],
      '2026-10-26',
    );
    assert.deepEqual(afterwards.late, ['2026-10-20 延长办理期限（应于 2026-10-10 前）']);
    assert.throws(
      () =>
        petition(
          [
            ...accepted,
            { type: 'extended', date: '2026-10-01', days: 20 },
            { type: 'extended', date: '2026-10-20', days: 11 },
          ],
          '2026-10-21',
        ),
      ClockError,
    );
  });

  it('复查: asked within 30日 of the reply (past 国庆), answered within 30日 (a 调休 Saturday)', () => {
    const replied: MessageEvent[] = [
      { type: 'received', date: '2026-07-01' },
      { type: 'accepted', date: '2026-07-03' },
      { type: 'replied', date: '2026-09-05' },
    ];
    const r = petition(replied, '2026-09-06');
    assert.equal(r.stage, 'replied');
    assert.equal(r.due, null);
    assert.equal(r.requestUntil, '2026-10-08');
    assert.equal(petition(replied, '2026-10-09').requestUntil, null);
    const recheck = petition([...replied, { type: 'recheckRequested', date: '2026-09-10' }], '2026-09-11');
    assert.equal(recheck.stage, 'inRecheck');
    assert.equal(recheck.due?.due, '2026-10-10');
  });

  it('复核: asked within 30日 of the 复查意见, answered within 30日; after it nothing is awaited', () => {
    const rechecked: MessageEvent[] = [
      { type: 'received', date: '2026-06-01' },
      { type: 'accepted', date: '2026-06-02' },
      { type: 'replied', date: '2026-07-01' },
      { type: 'recheckRequested', date: '2026-07-10' },
      { type: 'recheckDecided', date: '2026-09-05' },
    ];
    const r = petition(rechecked, '2026-09-06');
    assert.equal(r.stage, 'rechecked');
    assert.equal(r.requestUntil, '2026-10-08');
    assert.deepEqual(r.late, ['2026-09-05 复查意见（应于 2026-08-10 前）']);
    const asked = petition([...rechecked, { type: 'reexamineRequested', date: '2026-09-10' }], '2026-09-11');
    assert.equal(asked.stage, 'inReexamination');
    assert.equal(asked.due?.due, '2026-10-10');
    const done = petition(
      [
        ...rechecked,
        { type: 'reexamineRequested', date: '2026-09-10' },
        { type: 'reexamineDecided', date: '2026-09-30' },
      ],
      '2026-10-01',
    );
    assert.equal(done.stage, 'reexamined');
    assert.equal(done.requestUntil, null);
    assert.equal(done.due, null);
  });

  it('a 退单 upheld starts a new 15日 for the new dispatch; one refused keeps the first organ and its date', () => {
    const returned: MessageEvent[] = [
      { type: 'received', date: '2026-09-01' },
      { type: 'dispatched', date: '2026-09-02', agencyId: 'a' },
      { type: 'returned', date: '2026-09-04' },
    ];
    const upheld = petition(
      [...returned, { type: 'returnReviewed', date: '2026-09-07', upheld: true }],
      '2026-09-08',
    );
    assert.equal(upheld.stage, 'received');
    assert.equal(upheld.due?.due, '2026-09-22');
    const refused = petition(
      [...returned, { type: 'returnReviewed', date: '2026-09-07', upheld: false }],
      '2026-09-08',
    );
    assert.equal(refused.stage, 'dispatched');
    assert.equal(refused.due?.due, '2026-09-17');
  });
});

describe('信箱 limits (工作日, by 诉求类型, configurable)', () => {
  it('咨询 5, 投诉 7, a complex matter 15 with an interim reply, counted over 国庆 and the 调休 Saturday', () => {
    const received: MessageEvent[] = [{ type: 'received', date: '2026-09-25' }];
    assert.equal(mailbox(received, '2026-09-25').due?.due, '2026-10-09');
    assert.equal(mailbox(received, '2026-09-25', 'complaint').due?.due, '2026-10-12');
    assert.equal(mailbox(received, '2026-09-25').remainingUnit, '个工作日');
    const complex = mailbox([...received, { type: 'interimReplied', date: '2026-09-28' }], '2026-09-28');
    assert.equal(complex.due?.due, '2026-10-22');
    const configured = computeClock(
      { regime: 'mailbox', ticketType: 'consultation', events: received },
      cal,
      '2026-09-25',
      { ...defaultMailboxRules, workdays: { ...defaultMailboxRules.workdays, consultation: 3 } },
    );
    assert.equal(configured.due?.due, '2026-09-30');
  });

  it("a dispatch does not restart the writer's clock; a 退单 is possible for the configured days only", () => {
    const events: MessageEvent[] = [
      { type: 'received', date: '2026-09-21' },
      { type: 'dispatched', date: '2026-09-22', agencyId: 'a' },
    ];
    const c = mailbox(events, '2026-09-22');
    assert.equal(c.stage, 'handling');
    // 5 个工作日 past 中秋 (9月25日至27日).
    assert.equal(c.due?.due, '2026-09-29');
    assert.equal(c.returnUntil, '2026-09-24');
    assert.equal(mailbox(events, '2026-09-25').returnUntil, null);
    const replied = mailbox([...events, { type: 'replied', date: '2026-09-30' }], '2026-09-30');
    assert.equal(replied.stage, 'replied');
    assert.deepEqual(replied.late, ['2026-09-30 答复（应于 2026-09-29 前）']);
  });

  it('an interim reply after the limit does not lengthen it; a returned letter keeps its reply deadline', () => {
    const received: MessageEvent[] = [{ type: 'received', date: '2026-03-02' }];
    const late = mailbox(
      [...received, { type: 'interimReplied', date: '2026-03-16' }, { type: 'replied', date: '2026-03-17' }],
      '2026-03-18',
    );
    assert.deepEqual(late.late, [
      '2026-03-16 阶段性答复（应于 2026-03-09 前）',
      '2026-03-17 答复（应于 2026-03-09 前）',
    ]);
    const returned = mailbox(
      [
        ...received,
        { type: 'dispatched', date: '2026-03-03', agencyId: 'a' },
        { type: 'returned', date: '2026-03-04' },
      ],
      '2026-03-10',
    );
    assert.equal(returned.stage, 'returned');
    assert.equal(returned.due?.due, '2026-03-09');
    assert.equal(returned.overdue, true);
  });

  it('flags a 来信 unanswered for more than three months (19号), and not one answered', () => {
    const received: MessageEvent[] = [{ type: 'received', date: '2026-01-31' }];
    assert.equal(threeMonthsAfter('2026-01-31'), '2026-04-30');
    assert.equal(threeMonthsAfter('2026-11-15'), '2027-02-15');
    assert.equal(mailbox(received, '2026-04-30').unansweredOver3Months, false);
    assert.equal(mailbox(received, '2026-05-01').unansweredOver3Months, true);
    assert.equal(
      mailbox([...received, { type: 'replied', date: '2026-05-01' }], '2026-05-02').unansweredOver3Months,
      false,
    );
    assert.equal(
      mailbox([...received, { type: 'merged', date: '2026-02-01' }], '2026-06-01').unansweredOver3Months,
      false,
    );
  });
});

const DAY = 86_400_000;
const day = fc
  .integer({ min: parseDate('2020-01-01') / DAY, max: parseDate('2026-10-31') / DAY })
  .map((i) => formatDate(i * DAY));

describe('properties of every clock', () => {
  it('the due date is a working day and never earlier than the plain count', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(...ticketTypes),
        fc.constantFrom('received', 'dispatched', 'accepted', 'recheck', 'mailbox', 'complex'),
        (received, gap, ticketType, step) => {
          const at = nextDate(received, gap);
          const events: MessageEvent[] = [{ type: 'received', date: received }];
          let plain: number;
          if (step === 'received') plain = 15;
          else if (step === 'dispatched') {
            events.push({ type: 'dispatched', date: at, agencyId: 'a' });
            plain = 15;
          } else if (step === 'accepted') {
            events.push({ type: 'accepted', date: at });
            plain = 60;
          } else if (step === 'recheck') {
            events.push({ type: 'replied', date: received }, { type: 'recheckRequested', date: at });
            plain = 30;
          } else if (step === 'mailbox') plain = defaultMailboxRules.workdays[ticketType];
          else {
            // An interim reply within the normal limit (on the day of receipt) lengthens it.
            events.push({ type: 'interimReplied', date: received });
            plain = defaultMailboxRules.complexWorkdays;
          }
          const regime = step === 'mailbox' || step === 'complex' ? 'mailbox' : 'petition';
          const c = computeClock({ regime, ticketType, events }, cal, at);
          assert.ok(c.due, 'a due date');
          assert.ok(isWorkday(cal, c.due.due), `${c.due.due} is a working day`);
          const from = regime === 'mailbox' || step === 'received' ? received : at;
          // A period of n 日 or n 工作日 never ends before the n-th calendar day after its start.
          assert.ok(c.due.due >= nextDate(from, plain), `${c.due.due} ≥ ${from} + ${plain}`);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
