import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addWorkdays,
  calendarOf,
  formatDate,
  parseDate,
  shippedNotices,
  workdaysBetween,
} from '../calendar/index.js';
import { computeDeadline, DeadlineError, defaultRules, dueText, type CaseEvent } from './request-deadline.js';

const cal = calendarOf(shippedNotices);
const received: CaseEvent = { type: 'received', date: '2026-03-02' };

describe('the reply deadline, from the case’s events', () => {
  it('20 working days after receipt, the day of receipt not counted', () => {
    const r = computeDeadline([received], cal, '2026-03-10');
    assert.equal(r.state, 'open');
    assert.equal(r.due, '2026-03-30');
    assert.equal(r.remaining, 14);
    assert.equal(r.overdue, false);
    assert.match(
      r.steps.join('\n'),
      /2026-03-02 收到申请，自次日起计算 20 个工作日[\s\S]*答复期限：2026-03-30/,
    );
  });

  it('replied in time, and replied late', () => {
    assert.deepEqual(
      (({ state, overdue }) => ({ state, overdue }))(
        computeDeadline([received, { type: 'replied', date: '2026-03-27' }], cal, '2026-04-10'),
      ),
      { state: 'replied', overdue: false },
    );
    assert.equal(
      computeDeadline([received, { type: 'replied', date: '2026-03-31' }], cal, '2026-04-10').overdue,
      true,
    );
    assert.equal(computeDeadline([received], cal, '2026-03-31').overdue, true);
  });

  it('补正: the clock stands until the supplement arrives, then starts again', () => {
    const asked: CaseEvent = {
      type: 'supplementRequested',
      date: '2026-03-04',
      supplementDueDate: '2026-03-18',
    };
    const waiting = computeDeadline([received, asked], cal, '2026-03-10');
    assert.equal(waiting.state, 'awaitingSupplement');
    assert.equal(waiting.due, null);
    const r = computeDeadline(
      [received, asked, { type: 'supplemented', date: '2026-03-16' }],
      cal,
      '2026-03-17',
    );
    assert.equal(r.due, addWorkdays(cal, '2026-03-16', 20).due);
    assert.equal(r.due, '2026-04-14', '20 working days from 3-16, past 清明 4-4…4-6');
  });

  it('补正 missed: the application ends as abandoned (other.supplementOverdue)', () => {
    const r = computeDeadline(
      [received, { type: 'supplementRequested', date: '2026-03-04', supplementDueDate: '2026-03-18' }],
      cal,
      '2026-03-19',
    );
    assert.equal(r.state, 'supplementOverdue');
  });

  it('warns when the 补正 notice is later than 7 working days after receipt', () => {
    const r = computeDeadline(
      [received, { type: 'supplementRequested', date: '2026-03-13', supplementDueDate: '2026-03-27' }],
      cal,
      '2026-03-13',
    );
    assert.match(r.warnings[0]!, /7 个工作日内（2026-03-11 前）/);
  });

  it('third-party consultation: its working days are not counted; while open, the clock stands', () => {
    const started: CaseEvent = {
      type: 'consultationStarted',
      date: '2026-03-05',
      kind: 'thirdPartyConsultation',
    };
    assert.equal(computeDeadline([received, started], cal, '2026-03-10').state, 'inConsultation');
    const r = computeDeadline(
      [received, started, { type: 'consultationEnded', date: '2026-03-19' }],
      cal,
      '2026-03-20',
    );
    const excluded = workdaysBetween(cal, '2026-03-05', '2026-03-19');
    assert.equal(excluded, 10);
    assert.equal(r.due, addWorkdays(cal, '2026-03-02', 30).due);
    assert.match(r.steps.join('\n'), /期间 10 个工作日不计入/);
  });

  it('extension: added only as approved, never beyond 20 working days', () => {
    const r = computeDeadline(
      [received, { type: 'extensionApproved', date: '2026-03-25', workdays: 20 }],
      cal,
      '2026-03-26',
    );
    assert.equal(r.due, addWorkdays(cal, '2026-03-02', 40).due);
    assert.throws(
      () =>
        computeDeadline(
          [
            received,
            { type: 'extensionApproved', date: '2026-03-25', workdays: 15 },
            { type: 'extensionApproved', date: '2026-04-20', workdays: 10 },
          ],
          cal,
          '2026-04-21',
        ),
      DeadlineError,
    );
  });

  it('fees: paid, the period is left out; unpaid after 20 working days, abandoned (other.feeUnpaid)', () => {
    const notice: CaseEvent = { type: 'processingFeeNoticeReceived', date: '2026-03-09' };
    assert.equal(computeDeadline([received, notice], cal, '2026-03-12').state, 'awaitingFee');
    const paid = computeDeadline(
      [received, notice, { type: 'processingFeePaid', date: '2026-03-13' }],
      cal,
      '2026-03-16',
    );
    assert.equal(paid.due, addWorkdays(cal, '2026-03-02', 24).due);
    assert.equal(
      computeDeadline([received, notice], cal, '2026-04-07').state,
      'awaitingFee',
      'the last day to pay',
    );
    assert.equal(computeDeadline([received, notice], cal, '2026-04-08').state, 'feeUnpaid');
    const notStopping = computeDeadline(
      [received, notice, { type: 'processingFeePaid', date: '2026-03-13' }],
      cal,
      '2026-03-16',
      { ...defaultRules, feePeriodStopsClock: false },
    );
    assert.equal(notStopping.due, '2026-03-30', 'configurable where the rule is unconfirmed');
  });

  it('withdrawal ends the case', () => {
    assert.equal(
      computeDeadline([received, { type: 'withdrawn', date: '2026-03-05' }], cal, '2026-03-06').state,
      'withdrawn',
    );
  });

  it('a case received on 28 December runs into the next year, provisionally when its notice is missing', () => {
    const r = computeDeadline([{ type: 'received', date: '2026-12-28' }], cal, '2026-12-29');
    assert.equal(r.provisional, true);
    assert.match(r.steps.at(-1)!, /暂定/);
    assert.ok(
      r.calendar!.skipped.some((d) => d.date === '2027-01-01' && d.reason.startsWith('元旦（法定节假日')),
      '元旦 is skipped by law before the 2027 notice',
    );
    assert.equal(dueText(r), `${r.due}（暂定）`);
    assert.equal(
      dueText({ due: '2027-01-26', provisional: true }, (d) => d.replace(/-/g, '/')),
      '2027/01/26（暂定）',
    );
    assert.equal(dueText({ due: '2026-03-30', provisional: false }), '2026-03-30');
    assert.equal(dueText({ due: null, provisional: false }), null);
  });

  it('property: with no events but receipt, the due date is 20 working days on and never a rest day', () => {
    const day = fc
      .integer({ min: parseDate('2019-01-01'), max: parseDate('2026-11-30') })
      .map((t) => formatDate(t - (t % 86_400_000)));
    fc.assert(
      fc.property(day, (d) => {
        const r = computeDeadline([{ type: 'received', date: d }], cal, d);
        assert.equal(workdaysBetween(cal, d, r.due!), 20);
      }),
    );
  });

  it('a consultation unanswered in 15 working days ends: a co-maker’s silence is consent', () => {
    const started: CaseEvent = {
      type: 'consultationStarted',
      date: '2026-03-05',
      kind: 'agencyConsultation',
    };
    const answerBy = addWorkdays(cal, '2026-03-05', 15).due;
    assert.equal(
      computeDeadline([received, started], cal, answerBy).state,
      'inConsultation',
      'the last day to answer',
    );
    const after = computeDeadline([received, started], cal, addWorkdays(cal, answerBy, 1).due);
    assert.equal(after.state, 'open');
    assert.equal(after.due, addWorkdays(cal, '2026-03-02', 35).due);
    assert.match(after.steps.join('\n'), /视为同意公开（第三十四条）/);
    const late = computeDeadline(
      [received, started, { type: 'consultationEnded', date: addWorkdays(cal, answerBy, 5).due }],
      cal,
      '2026-05-01',
    );
    assert.equal(
      late.due,
      after.due,
      'a late answer does not stop the clock for longer than 15 working days',
    );
  });
});
