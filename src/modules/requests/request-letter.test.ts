import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applicantTypes } from './request.js';
import {
  chineseDate,
  draftLetter,
  findPrompt,
  letterKinds,
  paragraphsOf,
  replyBasis,
  type DeliveryFacts,
  type LetterFacts,
} from './request-letter.js';
import { replyOutcomes } from './request-outcome.js';

const facts = (extra: Partial<LetterFacts> = {}): LetterFacts => ({
  agencyName: '晋江市磁灶镇人民政府',
  applicantName: '张三',
  applicantType: 'naturalPerson',
  acceptanceNumber: '〔2026〕第0007号',
  receivedOn: '2026-03-02',
  description: '2025 年磁灶镇道路工程的竣工验收文件。',
  due: '2026-03-30',
  reviewBody: '晋江市人民政府',
  ...extra,
});

const deliveries: DeliveryFacts[] = [
  { mode: 'electronic' },
  { mode: 'mail', on: '2026-03-20', trackingNumber: 'EMS1234567890CS' },
  { mode: 'pickup', on: '2026-03-20' },
  { mode: 'inspection', on: '2026-03-23' },
  { mode: 'online', record: { title: '关于道路工程的公告', url: 'https://gk.example.gov.cn/records/1' } },
];

const DOUBLED = /[。，；：、！？](?:\s*[。，；：、！？])+/;

describe('the letters of a case read as official letters', () => {
  it('dates read 2026年12月6日, not ISO', () => {
    assert.equal(chineseDate('2026-12-06'), '2026年12月6日');
    assert.equal(chineseDate('2026-03-02'), '2026年3月2日');
    const body = draftLetter('receipt', facts()).body;
    assert.match(body, /于2026年3月2日收到/);
    assert.match(body, /即2026年3月30日前，予以答复/);
    assert.doesNotMatch(body, /\d{4}-\d{2}-\d{2}/);
    assert.match(draftLetter('receipt', facts({ dueProvisional: true })).body, /2026年3月30日（暂定）前/);
  });

  it('a person is addressed by name as 您, an organisation by its name as 贵单位 — never 您（单位）', () => {
    for (const kind of letterKinds) {
      const person = draftLetter(kind, facts()).body;
      const org = draftLetter(
        kind,
        facts({ applicantName: '晋江某建材有限公司', applicantType: 'commercialEnterprise' }),
      ).body;
      assert.doesNotMatch(person + org, /您（单位）/, kind);
      if (kind === 'thirdPartyConsultation' || kind === 'agencyConsultation') continue;
      assert.equal(paragraphsOf(person)[0], '张三：', kind);
      assert.equal(paragraphsOf(org)[0], '晋江某建材有限公司：', kind);
      assert.match(person, /您/, kind);
      assert.doesNotMatch(person, /贵单位/, kind);
      assert.match(org, /贵单位/, kind);
      assert.doesNotMatch(org, /您/, kind);
    }
  });

  it('the co-maker consultation (第三十四条) is a 征求意见函 to the co-making organ', () => {
    const l = draftLetter('agencyConsultation', facts({ consultee: '晋江市住房和城乡建设局' }));
    assert.equal(l.title, '政府信息公开征求意见函');
    assert.equal(paragraphsOf(l.body)[0], '晋江市住房和城乡建设局：');
    assert.match(l.body, /第三十四条/);
    assert.match(l.body, /贵机关/);
    // Without the organ named, the addressee is a blank a sent letter may not keep.
    assert.equal(findPrompt(draftLetter('agencyConsultation', facts()).body), '________');
    const third = draftLetter('thirdPartyConsultation', facts({ consultee: '李四' }));
    assert.equal(paragraphsOf(third.body)[0], '李四：', 'addressed to the third party, not the applicant');
  });

  it('finds the prompts a draft may still hold', () => {
    assert.equal(findPrompt('经审查，理由如下：（请写明理由）。'), '（请写明理由）');
    assert.equal(findPrompt('请于____年__月__日前补正'), '____');
    assert.equal(findPrompt('（请填写邮件号）'), '（请填写邮件号）');
    assert.equal(findPrompt('依据【此处填写条款】'), '【此处填写条款】');
    assert.equal(
      findPrompt('张三：\n本机关于2026年3月2日收到您的申请（受理编号：〔2026〕第0007号）。'),
      null,
    );
    assert.match(draftLetter('reply', facts()).body, /（请选择答复结果）/);
    assert.match(draftLetter('reply', facts({ outcome: 'withheld.stateSecret' })).body, /（请写明理由）/);
    assert.match(
      draftLetter('reply', facts({ outcome: 'partiallyGranted', reasons: '涉及个人隐私' })).body,
      /（请写明不予公开的部分）/,
    );
    assert.match(
      draftLetter('reply', facts({ outcome: 'granted' })).body,
      /（请填写提供政府信息的形式和方式）/,
    );
    assert.match(
      draftLetter('reply', facts({ outcome: 'granted', delivery: { mode: 'mail', on: '2026-03-20' } })).body,
      /（请填写邮件号）/,
    );
  });

  it('every outcome × applicant type × delivery: reason, basis, remedies naming the 复议机关 and the court; no prompt; no doubled punctuation', () => {
    const reasonText = fc
      .tuple(
        fc.constantFrom(
          '该信息涉及国家秘密',
          '属于内部事务信息',
          '第三方不同意公开，且理由合理',
          '经检索未找到',
        ),
        fc.constantFrom('', '。', '。。', '，', '；', '，。', ' 。'),
      )
      .map(([t, p]) => t + p);
    fc.assert(
      fc.property(
        fc.constantFrom(...replyOutcomes),
        fc.constantFrom(...applicantTypes),
        fc.constantFrom(...deliveries),
        reasonText,
        reasonText,
        fc.constantFrom('2025 年道路工程的验收文件', '道路工程验收文件。', '验收文件；', '验收文件，'),
        fc.option(fc.constantFrom('晋江市人民法院'), { nil: null }),
        (outcome, applicantType, delivery, reasons, withheldPart, description, court) => {
          const person = applicantType === 'naturalPerson';
          const f = facts({
            outcome,
            applicantType,
            applicantName: person ? '张三' : '晋江某律师事务所',
            reasons,
            withheldPart,
            delivery,
            description,
            court,
          });
          const { title, body } = draftLetter('reply', f);
          assert.equal(title, '政府信息公开申请答复告知书');
          assert.equal(findPrompt(body), null, body);
          assert.doesNotMatch(body, DOUBLED, body);
          assert.match(
            body,
            new RegExp(`《中华人民共和国政府信息公开条例》${escape(replyBasis(outcome, delivery))}的规定`),
          );
          assert.match(body, /六十日内向晋江市人民政府申请行政复议/);
          assert.match(body, new RegExp(`六个月内依法向${court ?? '人民法院'}提起行政诉讼`));
          if (outcome !== 'granted') assert.match(body, /理由如下：/);
          if (outcome === 'partiallyGranted') assert.match(body, /不予公开，其余部分可以公开/);
          if (outcome === 'granted' || outcome === 'partiallyGranted')
            assert.match(body, /电子文档|邮寄|领取|查阅|已经主动公开/);
          assert.doesNotMatch(body, /[a-z]+\.[a-z]+[A-Z]/, 'no internal code');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every other letter, for both kinds of applicant, has no doubled punctuation and no prompt once its facts are given', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...letterKinds.filter((k) => k !== 'reply')),
        fc.constantFrom(...applicantTypes),
        fc.constantFrom('验收文件', '验收文件。', '验收文件。。', '验收文件，'),
        (kind, applicantType, description) => {
          const { body } = draftLetter(
            kind,
            facts({
              applicantType,
              description,
              supplementDueDate: '2026-03-16',
              consultee: '晋江市住房和城乡建设局。',
              processingFee: {
                method: 'perRequest',
                total: 100,
                lines: [{ band: '11—15件', units: 1, rate: 100, amount: 100 }],
              },
            }),
          );
          assert.equal(findPrompt(body), null, body);
          assert.doesNotMatch(body, DOUBLED, body);
        },
      ),
    );
  });
});

function escape(s: string): string {
  return s.replace(/[（）()[\]]/g, '\\$&');
}
