import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  appealGroups,
  appealResults,
  checkSeverity,
  proactiveItems,
  REPORT_SCHEMA_ID,
  requestRows,
  rowsOf,
  type CheckName,
  type Finding,
  type ReportData,
  type ReportFormat,
  type RequestRow,
  type RequestRowKey,
} from './report.js';
import { annualReportJsonSchema, jsonPointerToPath, validateReportData } from './schema.js';
import { runArithmeticChecks } from './arithmetic-checks.js';

// ---------------------------------------------------------------------------------------------
// Documents of the contract's shape. The numbers need not add up: the schema is about shape, the
// arithmetic is the checks' business (report-checks.test.ts generates reports that add up).

const cellArb = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 0, max: 500 }).map((n) => n / 2),
);
const rowArb: fc.Arbitrary<RequestRow> = fc.tuple(
  cellArb,
  cellArb,
  cellArb,
  cellArb,
  cellArb,
  cellArb,
  cellArb,
);
const count = fc.integer({ min: 0, max: 100_000 });
const signed = fc.integer({ min: -500, max: 500 });
const money = fc.double({ min: 0, max: 1e10, noNaN: true, noDefaultInfinity: true });

function requestsArb(format: ReportFormat): fc.Arbitrary<Partial<Record<RequestRowKey, RequestRow>>> {
  const keys = rowsOf(format).map((r) => r.key);
  return fc.record(
    Object.fromEntries(keys.map((k) => [k, rowArb])) as Record<RequestRowKey, fc.Arbitrary<RequestRow>>,
    {
      requiredKeys: [],
    },
  );
}

const appealCountsArb = fc.record({
  upheld: count,
  corrected: count,
  other: count,
  pending: count,
  total: count,
});
const appealsArb = fc.record(
  { review: appealCountsArb, litigationDirect: appealCountsArb, litigationAfterReview: appealCountsArb },
  { requiredKeys: [] },
);

const proactiveArb = {
  '2019': fc.record(
    {
      rules: fc.record({ made: count, published: count, totalPublished: count }),
      normativeDocuments: fc.record({ made: count, published: count, totalPublished: count }),
      licensing: fc.record({ previousYearItems: count, change: signed, decisions: count }),
      otherServices: fc.record({ previousYearItems: count, change: signed, decisions: count }),
      penalties: fc.record({ previousYearItems: count, change: signed, decisions: count }),
      enforcement: fc.record({ previousYearItems: count, change: signed, decisions: count }),
      fees: fc.record({ previousYearItems: count, change: signed }),
      procurement: fc.record({ projects: count, amountYuan: money }),
    },
    { requiredKeys: [] },
  ),
  '2021': fc.record(
    {
      rules: fc.record({ issued: count, repealed: count, inForce: count }),
      normativeDocuments: fc.record({ issued: count, repealed: count, inForce: count }),
      licensing: fc.record({ decisions: count }),
      penalties: fc.record({ decisions: count }),
      enforcement: fc.record({ decisions: count }),
      fees: fc.record({ amountTenThousandYuan: money }),
    },
    { requiredKeys: [] },
  ),
};

const checkNames = Object.keys(checkSeverity) as CheckName[];
const findingArb: fc.Arbitrary<Finding> = fc
  .record(
    {
      check: fc.constantFrom(...checkNames),
      where: fc.constantFrom(
        'requests.received',
        'requests[commercialEnterprise]',
        'appeals.review',
        'proactive.rules',
      ),
      expected: fc.option(fc.integer()),
      actual: fc.option(fc.integer()),
      message: fc.constantFrom('本年新收 各列之和为 222，总计列为 231', '正文称收到申请 264 件'),
    },
    { requiredKeys: ['check', 'where', 'message'] },
  )
  .map((f) => ({ ...f, severity: checkSeverity[f.check] }));

const narrativeArb = fc.record(
  {
    sections: fc.record({ 一: fc.string(), 六: fc.string() }, { requiredKeys: [] }),
    figures: fc.array(
      fc.record({
        text: fc.string(),
        measure: fc.constantFrom('received', 'closed', 'carriedForward'),
        value: count,
        section: fc.option(fc.constantFrom('一', '六')),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

function docArb(format: ReportFormat): fc.Arbitrary<ReportData> {
  return fc.record({
    schema: fc.constant(REPORT_SCHEMA_ID),
    format: fc.constant(format),
    year: fc.option(fc.integer({ min: 2019, max: 2040 })),
    agency: fc.option(fc.string()),
    source: fc.oneof(
      fc.constant({ kind: 'built' as const }),
      fc.record({
        file: fc.string(),
        kind: fc.constantFrom('markdown', 'html', 'docx', 'pdf', 'text') as fc.Arbitrary<'html'>,
      }),
    ),
    proactive: proactiveArb[format],
    requests: requestsArb(format),
    appeals: appealsArb,
    narrative: narrativeArb,
    findings: fc.array(findingArb, { maxLength: 4 }),
  });
}

const docsArb = fc.oneof(docArb('2019'), docArb('2021'));

function minimal(format: ReportFormat): ReportData {
  return {
    schema: REPORT_SCHEMA_ID,
    format,
    year: null,
    agency: null,
    source: { kind: 'built' },
    proactive: {},
    requests: {},
    appeals: {},
    narrative: {},
    findings: [],
  };
}

function rejected(doc: unknown): string[] {
  const result = validateReportData(doc);
  if (result.ok) assert.fail('expected the document to be rejected, but it validated');
  for (const e of result.errors) assert.match(e, /[\u4e00-\u9fff]/, `not a Chinese message: ${e}`);
  return result.errors;
}

function accepted(doc: unknown): void {
  const result = validateReportData(doc);
  assert.deepEqual(result, { ok: true }, result.ok ? '' : result.errors.join('\n'));
}

/** Goes through JSON, as a document would when read from a file or the API. */
function viaJson<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

describe('valid documents', () => {
  it('a generated document of either format validates', () => {
    fc.assert(fc.property(docsArb, (doc) => accepted(viaJson(doc))));
  });

  it('the smallest document validates in both formats (an empty section 二 is not ambiguous)', () => {
    accepted(minimal('2019'));
    accepted(minimal('2021'));
  });

  it('the seed with the findings the checks produce validates', () => {
    const doc = minimal('2019');
    doc.year = 2020;
    doc.agency = '晋江市人民政府';
    doc.source = { file: 'jinjiang-2020-annual-report.md', kind: 'markdown' };
    doc.proactive = {
      licensing: { previousYearItems: 490, change: -422, decisions: 94335 },
      procurement: { projects: 271, amountYuan: 249887966.42 },
    };
    doc.requests = { received: [215, 0, 0, 1, 3, 3, 231], total: [215, 9, 0, 1, 3, 3, 231] };
    doc.requests.carriedOver = [0, 0, 0, 0, 0, 0, 0];
    doc.requests.carriedForward = [0, 0, 0, 0, 0, 0, 0];
    doc.findings = runArithmeticChecks(doc, {});
    assert.ok(doc.findings.length >= 2);
    accepted(viaJson(doc));
  });
});

describe('invalid documents are refused with the path named', () => {
  it('a row of six numbers', () => {
    fc.assert(
      fc.property(
        docsArb.filter((d) => Object.keys(d.requests).length > 0),
        fc.nat(),
        (generated, pick) => {
          const doc = structuredClone(generated);
          const keys = Object.keys(doc.requests) as RequestRowKey[];
          const key = keys[pick % keys.length] as RequestRowKey;
          (doc.requests[key] as number[]).pop();
          const errors = rejected(viaJson(doc));
          assert.ok(
            errors.some((e) => e.startsWith(`requests.${key}：`) && /7/.test(e) && /6/.test(e)),
            errors.join('\n'),
          );
        },
      ),
    );
  });

  it('a row of eight numbers, or a cell that is not a number', () => {
    const doc = minimal('2021');
    doc.requests.granted = [1, 2, 3, 4, 5, 6, 21, 0] as unknown as RequestRow;
    assert.ok(rejected(doc).some((e) => e.startsWith('requests.granted：') && /8/.test(e)));
    const doc2 = minimal('2021');
    doc2.requests.granted = [1, 2, 3, '4', 5, 6, 21] as unknown as RequestRow;
    assert.deepEqual(rejected(doc2), ['requests.granted[3]：应为数字，实际为 "4"']);
  });

  it('an unknown row key', () => {
    const doc = viaJson(minimal('2021')) as Record<string, Record<string, unknown>>;
    (doc.requests as Record<string, unknown>)['withheld.secret'] = [0, 0, 0, 0, 0, 0, 0];
    const errors = rejected(doc);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^requests\.withheld\.secret：.*withheld\.secret/);
  });

  it('a 2021-only row in a 2019-format report', () => {
    const doc = minimal('2019');
    doc.requests['other.feeUnpaid'] = [0, 0, 0, 0, 0, 0, 0];
    assert.deepEqual(rejected(doc).length, 1);
    assert.match(rejected(doc)[0] ?? '', /^requests\.other\.feeUnpaid：.*2019/);
    doc.format = '2021';
    accepted(doc);
  });

  it('a bad check name, severity or finding field', () => {
    fc.assert(
      fc.property(
        docsArb,
        fc.string({ minLength: 1 }).filter((s) => !(checkNames as string[]).includes(s)),
        (generated, name) => {
          const doc = viaJson(generated) as { findings: Record<string, unknown>[] };
          const i = doc.findings.length;
          doc.findings.push({ check: name, severity: 'error', where: 'requests.received', message: '——' });
          const errors = rejected(doc);
          assert.ok(
            errors.some((e) => e.startsWith(`findings[${i}].check：`) && e.includes('row-sum')),
            errors.join('\n'),
          );
        },
      ),
    );
    const doc = viaJson(minimal('2021')) as { findings: unknown[] };
    doc.findings.push({
      check: 'balance',
      severity: 'fatal',
      where: 'requests[total]',
      message: '——',
      note: 1,
    });
    const errors = rejected(doc);
    assert.ok(errors.some((e) => e.startsWith('findings[0].severity：')));
    assert.ok(errors.some((e) => e.startsWith('findings[0].note：')));
  });

  it('a section 二 of the other format, or with a fraction where a count belongs', () => {
    const doc = viaJson(minimal('2021')) as Record<string, unknown>;
    doc.proactive = { licensing: { previousYearItems: 1, change: 2, decisions: 3 } };
    const errors = rejected(doc);
    assert.ok(errors.some((e) => e.startsWith('proactive.licensing.previousYearItems：')));
    assert.ok(errors.some((e) => e.startsWith('proactive.licensing.change：')));
    doc.format = '2019';
    accepted(doc);
    doc.proactive = { licensing: { previousYearItems: 1, change: 2.5, decisions: 3 } };
    assert.deepEqual(rejected(doc), ['proactive.licensing.change：应为整数，实际为 2.5']);
    doc.proactive = { procurement: { projects: 1, amountYuan: -1 } };
    assert.deepEqual(rejected(doc), ['proactive.procurement.amountYuan：不应小于 0，实际为 -1']);
  });

  it('the top level: wrong schema id, missing or extra keys, wrong types', () => {
    const doc = viaJson(minimal('2021')) as Record<string, unknown>;
    doc.schema = 'gongkai.annual-report/2';
    doc.year = 2022.5;
    doc.extra = true;
    delete doc.appeals;
    doc.source = { kind: 'xls' };
    doc.format = '2020';
    const errors = rejected(doc);
    for (const path of ['schema：', 'year：', 'extra：', 'appeals：', 'source.kind：', 'format：']) {
      assert.ok(
        errors.some((e) => e.startsWith(path)),
        `no message for ${path}\n${errors.join('\n')}`,
      );
    }
    assert.ok(rejected('not a report').every((e) => e.startsWith('（文档根）')));
  });

  it('an appeals group with a result missing or an unknown group', () => {
    const doc = viaJson(minimal('2021')) as { appeals: Record<string, unknown> };
    doc.appeals.review = { upheld: 1, corrected: 0, other: 0, total: 1 };
    doc.appeals.hearing = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
    const errors = rejected(doc);
    assert.ok(errors.includes('appeals.review.pending：缺少必填项“pending”'), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('appeals.hearing：')));
  });
});

describe('the schema agrees with the tables of report.ts', () => {
  type Obj = { properties: Record<string, Obj>; required?: string[]; enum?: string[]; type?: unknown };
  const schema = annualReportJsonSchema as unknown as Obj & { definitions: Record<string, Obj> };

  it('row keys, groups, results and check names', () => {
    assert.deepEqual(
      Object.keys(schema.properties.requests?.properties ?? {}),
      requestRows.map((r) => r.key),
    );
    assert.deepEqual(Object.keys(schema.properties.appeals?.properties ?? {}), [...appealGroups]);
    assert.deepEqual(schema.definitions.appealCounts?.required, [...appealResults]);
    assert.deepEqual(schema.definitions.finding?.properties.check?.enum, checkNames);
    assert.equal((schema.properties.schema as unknown as { const: string }).const, REPORT_SCHEMA_ID);
  });

  it('section 二 items and fields of both formats, money as numbers, the rest integers', () => {
    for (const format of ['2019', '2021'] as const) {
      const def = schema.definitions[`proactive${format}`];
      assert.ok(def);
      assert.deepEqual(Object.keys(def.properties), Object.keys(proactiveItems[format]));
      for (const [item, spec] of Object.entries(proactiveItems[format])) {
        const itemSchema: Obj | undefined = def.properties[item];
        assert.deepEqual(itemSchema?.required, spec.fields, `${format} ${item}`);
        for (const field of spec.fields) {
          const expected = spec.money?.includes(field) ? 'number' : 'integer';
          assert.equal(itemSchema?.properties[field]?.type, expected, `${format} ${item}.${field}`);
        }
      }
    }
  });
});

describe('jsonPointerToPath', () => {
  it('writes paths the way findings do', () => {
    assert.equal(jsonPointerToPath(''), '（文档根）');
    assert.equal(jsonPointerToPath('/requests/withheld.stateSecret'), 'requests.withheld.stateSecret');
    assert.equal(jsonPointerToPath('/requests/received/3'), 'requests.received[3]');
    assert.equal(jsonPointerToPath('/findings/0/check'), 'findings[0].check');
    assert.equal(jsonPointerToPath('/a~1b/c~0d'), 'a/b.c~d');
  });
});
