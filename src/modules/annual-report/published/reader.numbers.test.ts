import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findingLine } from '../contract/finding-labels.js';
import type { ReportData } from '../contract/report.js';
import { checkPublishedReport, checkRead, type CheckedReport } from './read-and-check.js';

/**
 * A figure printed too large to be one is quoted as printed and not checked: the checker once
 * reported 99999999999999999999 as 100000000000000000000, a longer one as Infinity, and the same
 * report stored and checked again as null. An unexpected failure of the reader is a fixed Chinese
 * message, never the error's own text ("Maximum call stack size exceeded").
 */

const seed = readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md', 'utf8');
const receivedRow = '| 215             | 0       | 0    | 1      | 3      | 3  | 231 |';
const nines = (n: number) => '9'.repeat(n);

function withPrinted(find: string, replace: string): Buffer {
  assert.ok(seed.includes(find), find);
  return Buffer.from(seed.replace(find, replace), 'utf8');
}

const lines = (r: CheckedReport) => (r.data?.findings ?? []).map(findingLine);
const leaks = /Infinity|NaN|null|undefined|1e\+?\d|100000000000000000000/;

/** The report as the platform stores it (JSON) and checks again when it is recorded. */
function storedAndCheckedAgain(r: CheckedReport): string[] {
  const stored = JSON.parse(JSON.stringify(r.data)) as ReportData;
  return checkRead(stored, r.info).findings.map(findingLine);
}

describe('figures printed too large', () => {
  it('a cell of table 三 is quoted as printed, never as 100000000000000000000', async () => {
    const r = await checkPublishedReport(
      'r.md',
      withPrinted(receivedRow, receivedRow.replace('215', '99999999999999999999')),
    );
    const found = lines(r);
    assert.ok(
      found.includes(
        '提示（完整性 · 表三“本年新收”行）：第 95 行：该行的数字“99999999999999999999”过大，无法核对，未计入检查',
      ),
      found.join('\n'),
    );
    assert.equal(r.data!.requests.received, undefined, 'the row is not read');
    assert.doesNotMatch(JSON.stringify(r), /100000000000000000000|1e\+20/);
    for (const line of [...found, ...storedAndCheckedAgain(r)]) assert.doesNotMatch(line, leaks, line);
  });

  it('a run of 400 digits is shortened in the message, and nowhere becomes Infinity or null', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      [
        'table 三',
        withPrinted(receivedRow, receivedRow.replace('215', nines(400))),
        /表三“本年新收”行）：第 95 行：该行的数字“999999999999…（共 400 位）”过大，无法核对/,
      ],
      [
        'table 二',
        withPrinted('| 规章         | 49 ', `| 规章         | ${nines(400)} `),
        /表二“规章”）：第 68 行：“规章”的数字“999999999999…（共 400 位）”过大，无法核对/,
      ],
      [
        'table 四',
        withPrinted('| 2    | 0    | 0    | 0    | 2  |', `| ${nines(400)}    | 0    | 0    | 0    | 2  |`),
        /表四）：第 129 行：行政复议、行政诉讼表的数字“999999999999…（共 400 位）”过大，无法核对/,
      ],
      [
        'the narrative',
        withPrinted('受理信息公开申请 264 件', `受理信息公开申请 ${nines(400)} 件`),
        /正文）：正文“全市各级各部门受理信息公开申请 999999999999…（共 400 位） 件”中的数字“999999999999…（共 400 位）”过大，无法核对/,
      ],
      [
        'money of table 二',
        withPrinted('249887966.42', `${nines(20)}.42`),
        /表二“政府集中采购”）：第 87 行：“政府集中采购”的数字“99999999999999999999\.42”过大，无法核对/,
      ],
    ];
    for (const [where, bytes, expected] of cases) {
      const r = await checkPublishedReport('r.md', bytes);
      const found = lines(r);
      assert.ok(
        found.some((l) => expected.test(l)),
        `${where}:\n${found.join('\n')}`,
      );
      for (const line of [...found, ...storedAndCheckedAgain(r)])
        assert.doesNotMatch(line, leaks, `${where}: ${line}`);
    }
  });

  it('a count of a trillion is too large; the figures a report really prints are read', async () => {
    const big = await checkPublishedReport(
      'r.md',
      withPrinted(receivedRow, receivedRow.replace('215', '1000000000001')),
    );
    assert.ok(lines(big).some((l) => /该行的数字“1000000000001”过大/.test(l)));
    const ordinary = await checkPublishedReport(
      'r.md',
      withPrinted(receivedRow, receivedRow.replace('215', '999999999999')),
    );
    assert.equal(ordinary.data!.requests.received![0], 999999999999);
  });

  it('a figure with thousands separators is quoted with them', async () => {
    const r = await checkPublishedReport(
      'r.md',
      withPrinted(receivedRow, receivedRow.replace('215', '99,999,999,999,999,999,999')),
    );
    assert.ok(
      lines(r).some((l) => l.includes('该行的数字“99,999,999,999,999,999,999”过大，无法核对')),
      lines(r).join('\n'),
    );
  });
});

describe('an unexpected failure while reading', () => {
  it('is a fixed Chinese message; the error’s own text is not shown', async (t) => {
    // A name whose text cannot be had stands for any fault of the reader's own (a stack
    // overflow on a deep page was one): the caller sees no JavaScript error message.
    const name = {
      toString(): string {
        throw new RangeError('Maximum call stack size exceeded');
      },
    } as unknown as string;
    const log = t.mock.method(console, 'error', () => undefined);
    const r = await checkPublishedReport(name, Buffer.from(seed, 'utf8'));
    log.mock.restore();
    const logged = log.mock.calls.map((c) => c.arguments as unknown[]);
    assert.equal(r.status, 'none');
    assert.equal(r.error, '读取时出错，无法核对该文件');
    assert.doesNotMatch(JSON.stringify(r), /Maximum|RangeError|call stack/);
    assert.ok(
      logged.some((args) => args.some((a) => a instanceof Error)),
      'the error itself is logged for the operator',
    );
  });
});
