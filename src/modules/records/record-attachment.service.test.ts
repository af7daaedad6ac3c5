import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { anonymous, systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import type { Agency } from '../agencies/index.js';
import * as attachments from './record-attachment.service.js';
import { searchRecords } from './record-search.service.js';
import * as records from './record.service.js';

const messageOf = (e: unknown) =>
  e instanceof ValidationError ? `${e.fields[0]!.field}:${e.fields[0]!.message}` : '';

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

describeEachEngine('record attachments and 政策解读', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let dept: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    dept = (await jinjiangTree(testCtx(h, systemActor('测试')))).education;
  });
  after(async () => h.cleanup());
  const clock = new FixedClock('2021-04-01T02:00:00Z');
  const as = (role: 'clerk' | 'reviewer' | 'officeHead') => testCtx(h, staffActor(role, dept), clock);
  const draft = (over: Record<string, unknown> = {}) =>
    records.createDraft(as('clerk'), {
      agencyId: dept.id,
      title: '晋江市最低生活保障审核确认办法',
      documentNumber: '晋民〔2021〕3号',
      dateFormedOrChanged: '2021-03-30',
      body: '<p>第一条 为规范最低生活保障审核确认工作，制定本办法。</p>',
      ...over,
    });
  const publish = async (id: string) => {
    await records.submitForReview(as('clerk'), id);
    await records.review(as('reviewer'), id, { result: 'passed' });
    await records.approve(as('officeHead'), id);
    return records.publish(as('clerk'), id);
  };

  it('attaches DOCX and XLSX files whose text is then found by search, and refuses what is not what it says', async () => {
    const r = await draft();
    const word = await attachments.add(as('clerk'), r.id, {
      name: 'C:\\Users\\clerk\\桌面\\低保审核确认流程图说明.docx',
      bytes: await docx('申请家庭应当如实申报家庭收入和财产状况，签署授权核对书。'),
    });
    assert.equal(word.file_name, '低保审核确认流程图说明.docx', 'the folder a browser sends is dropped');
    assert.match(word.text ?? '', /授权核对书/);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('标准').addRows([
      ['类别', '月标准（元）'],
      ['城市低保', 740],
    ]);
    const sheet = await attachments.add(as('clerk'), r.id, {
      name: '2021年低保标准表.xlsx',
      bytes: Buffer.from(await book.xlsx.writeBuffer()),
    });
    assert.match(sheet.text ?? '', /城市低保 740/);

    await assert.rejects(
      attachments.add(as('clerk'), r.id, { name: '通知.doc', bytes: Buffer.from('x') }),
      (e: unknown) => /^file:.*只接受 PDF、DOCX、XLSX、PNG、JPG/.test(messageOf(e)),
    );
    await assert.rejects(
      attachments.add(as('clerk'), r.id, { name: '假文件.docx', bytes: Buffer.from('not a zip at all') }),
      (e: unknown) => /^file:“假文件.docx”的内容不是Word（DOCX）文件/.test(messageOf(e)),
    );
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.set([0x89, 0x50, 0x4e, 0x47]);
    await assert.rejects(attachments.add(as('clerk'), r.id, { name: '照片.png', bytes: big }), (e: unknown) =>
      /^file:“照片.png”有 5.0 MB，PNG 图片附件不能超过 5 MB/.test(messageOf(e)),
    );
    assert.equal((await attachments.list(as('clerk'), r.id)).length, 2, 'nothing refused was kept');

    await assert.rejects(
      attachments.download(testCtx(h, anonymous, clock), word.id),
      NotFoundError,
      'not public before publication',
    );
    await publish(r.id);
    const file = await attachments.download(testCtx(h, anonymous, clock), word.id);
    assert.equal(file.fileName, '低保审核确认流程图说明.docx');
    assert.match(Buffer.from(file.content).subarray(0, 2).toString(), /PK/);

    const found = await searchRecords(testCtx(h, anonymous, clock), { q: '授权核对书' });
    assert.equal(found.hits[0]?.id, r.id, 'the DOCX text is searched with the record');
    assert.equal((await searchRecords(testCtx(h, anonymous, clock), { q: '城市低保' })).hits[0]?.id, r.id);

    await assert.rejects(
      attachments.add(as('clerk'), r.id, { name: 'late.docx', bytes: await docx('发布后补充') }),
      ConflictError,
      'a published record takes no new file without going back through 保密审查',
    );
    await assert.rejects(attachments.remove(as('clerk'), r.id, word.id), ConflictError);
  });

  it('links a 政策解读 and the document it interprets both ways, by 文号 or 索引号', async () => {
    const doc = await draft({ title: '晋江市临时救助实施办法', documentNumber: '晋民〔2021〕5号' });
    const published = await publish(doc.id);
    await assert.rejects(
      draft({ title: '解读', documentNumber: null, interprets: '晋民〔2021〕99号' }),
      (e: unknown) => messageOf(e) === 'interprets:未找到索引号或文号为“晋民〔2021〕99号”的已发布文件',
    );
    const byNumber = await draft({
      title: '《晋江市临时救助实施办法》政策解读',
      documentNumber: null,
      genre: '解读',
      interprets: '晋民[2021]5号',
    });
    assert.equal(byNumber.interprets_record_id, doc.id);
    const byIndex = await draft({
      title: '图解：临时救助怎么申请',
      documentNumber: null,
      interprets: published.index_number,
    });
    assert.equal(byIndex.interprets_record_id, doc.id);
    await publish(byNumber.id);

    const docRow = (await records.publicView(testCtx(h, anonymous, clock), doc.id))!;
    const links = await records.linksOf(testCtx(h, anonymous, clock), docRow);
    assert.deepEqual(
      links.interpretations.map((i) => i.title),
      ['《晋江市临时救助实施办法》政策解读'],
      'only published interpretations are shown',
    );
    const back = await records.linksOf(
      testCtx(h, anonymous, clock),
      (await records.publicView(testCtx(h, anonymous, clock), byNumber.id))!,
    );
    assert.equal(back.interprets?.title, '晋江市临时救助实施办法');
  });

  it('marks the original 废止 from the day a repealing document is published, and links amendments both ways', async () => {
    const old = await draft({
      title: '晋江市临时救助暂行办法',
      documentNumber: '晋民〔2019〕7号',
      genre: '行政规范性文件',
    });
    await publish(old.id);
    const amended = await draft({ title: '晋江市低保边缘家庭认定办法', documentNumber: '晋民〔2020〕2号' });
    const amendedPublished = await publish(amended.id);

    await assert.rejects(
      draft({ title: 'x', documentNumber: null, repeals: '晋民〔2018〕1号' }),
      (e: unknown) => messageOf(e) === 'repeals:未找到索引号或文号为“晋民〔2018〕1号”的已发布文件',
    );
    const repealing = await draft({
      title: '晋江市临时救助办法',
      documentNumber: '晋民〔2021〕9号',
      repeals: '晋民〔2019〕7号',
      amends: amendedPublished.index_number,
    });
    let original = (await records.get(as('clerk'), old.id)).record;
    assert.equal(original.validity, 'inForce', 'nothing changes while the new document is a draft');
    await publish(repealing.id);

    const { record, events } = await records.get(as('clerk'), old.id);
    original = record;
    assert.equal(original.validity, 'repealed');
    assert.equal(
      original.validity_date,
      '2021-04-01',
      'the day the repealing document was published (Beijing)',
    );
    assert.match(events.at(-1)!.note ?? '', /被《晋江市临时救助办法》（晋民〔2021〕9号）废止/);
    const anon = testCtx(h, anonymous, clock);
    const oldLinks = await records.linksOf(anon, (await records.publicView(anon, old.id))!);
    assert.deepEqual(
      oldLinks.repealedBy.map((l) => l.title),
      ['晋江市临时救助办法'],
    );
    const amendedLinks = await records.linksOf(anon, (await records.publicView(anon, amended.id))!);
    assert.deepEqual(
      amendedLinks.amendedBy.map((l) => l.title),
      ['晋江市临时救助办法'],
    );
    assert.equal(
      (await records.get(as('clerk'), amended.id)).record.validity,
      'inForce',
      'amended, still in force',
    );
    const newLinks = await records.linksOf(anon, (await records.publicView(anon, repealing.id))!);
    assert.equal(newLinks.repeals?.title, '晋江市临时救助暂行办法');
    assert.equal(newLinks.amends?.title, '晋江市低保边缘家庭认定办法');
    const found = await searchRecords(anon, { q: '临时救助暂行办法', validity: 'repealed' });
    assert.deepEqual(
      found.hits.map((x) => x.title),
      ['晋江市临时救助暂行办法'],
      'search follows the new 有效性',
    );
  });
});
