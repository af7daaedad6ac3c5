import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import {
  aPublishedRecord,
  aRequest,
  jinjiangTree,
  type JinjiangTree,
} from '../../../test/harness/factories.js';
import { anonymous, systemActor, withProofs } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { cases, requests } from './index.js';
import { findPrompt } from './request-letter.js';

const PDF = { name: '竣工验收文件.pdf', bytes: Buffer.from('%PDF-1.4\n竣工验收文件') };
const PNG = {
  name: '补正说明.png',
  bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]),
};

describeEachEngine('replies that are lawful documents, and the whole case for the clerk', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h, systemActor('测试')));
  });
  after(async () => h.cleanup());

  const at = (day: string, actor = staffActor('clerk', tree.cizao)) => {
    const ctx = testCtx(h, actor);
    ctx.clock.set(`${day}T02:00:00Z`);
    return ctx;
  };
  const apply = (fields: Record<string, string> = {}, agency = tree.cizao) =>
    aRequest(at('2026-03-02', anonymous), agency, fields);
  const fieldOf = (e: unknown) => (e instanceof ValidationError ? e.fields[0]!.field : null);
  const messageOf = (e: unknown) => (e instanceof ValidationError ? e.fields[0]!.message : '');

  it('a reply whose letter still holds a prompt is refused, naming the prompt; nothing is stored', async () => {
    const r = await apply();
    const page = await cases.casePage(at('2026-03-10'), r.id, {
      reply: { outcome: 'withheld.stateSecret' },
    });
    assert.match(page.drafts.reply!, /（请写明理由）/, 'the draft follows the outcome chosen');
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', {
        date: '2026-03-10',
        outcome: 'withheld.stateSecret',
        reasons: '该文件已定密为秘密级',
        letter: page.drafts.reply,
      }),
      (e) => fieldOf(e) === 'letter' && /答复告知书中还有待填写的内容“（请写明理由）”/.test(messageOf(e)),
    );
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', {
        date: '2026-03-10',
        outcome: 'granted',
        deliveryMode: 'pickup',
        deliveredOn: '2026-03-11',
        letter: '张三：\n经审查，现决定予以公开，请于____年__月__日前领取。',
      }),
      (e) => fieldOf(e) === 'letter' && messageOf(e).includes('“____”'),
    );
    const after = await cases.casePage(at('2026-03-10'), r.id);
    assert.equal(after.deadline.state, 'open');
    assert.deepEqual(
      after.letters.map((l) => l.kind),
      ['receipt'],
    );
    assert.deepEqual(
      after.events.map((e) => e.label),
      ['收到申请'],
    );
    // Any letter, not only the reply: a 补正 notice with its blank left is refused too.
    await assert.rejects(
      cases
        .act(at('2026-03-10'), r.id, 'extensionRequested', {
          date: '2026-03-10',
          workdays: 5,
          reason: '情况复杂',
        })
        .then(() =>
          cases.act(at('2026-03-10', staffActor('officeHead', tree.cizao)), r.id, 'extensionApproved', {
            date: '2026-03-10',
            workdays: 5,
            letter: '张三：\n答复期限延长至（请填写日期）。',
          }),
        ),
      (e) => fieldOf(e) === 'letter' && messageOf(e).includes('（请填写日期）'),
    );
  });

  it('不予公开 cannot be recorded without reasons; its letter gives the reason, the basis and the remedies naming the 复议机关', async () => {
    const r = await apply();
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', { date: '2026-03-10', outcome: 'withheld.stateSecret' }),
      (e) => fieldOf(e) === 'reasons',
    );
    await cases.act(at('2026-03-10'), r.id, 'replied', {
      date: '2026-03-10',
      outcome: 'withheld.stateSecret',
      reasons: '该文件已依法定密为秘密级。',
    });
    const page = await cases.casePage(at('2026-03-11'), r.id);
    const letter = page.letters.find((l) => l.kind === 'reply')!;
    const text = letter.paragraphs.join('\n');
    assert.equal(letter.paragraphs[0], '张三：');
    assert.match(text, /属于国家秘密/);
    assert.match(text, /理由如下：该文件已依法定密为秘密级。根据/);
    assert.match(text, /第十四条、第三十六条第（三）项的规定，决定不予公开。/);
    // 磁灶镇 is a township: its 复议机关 is the county government above it.
    assert.match(text, /六十日内向晋江市人民政府申请行政复议/);
    assert.match(text, /六个月内依法向人民法院提起行政诉讼/);
    assert.equal(letter.signature, '磁灶镇人民政府');
    assert.equal(letter.issuedOnText, '2026年3月10日');
    assert.equal(findPrompt(text), null);

    // The Word document: the same paragraphs as paragraphs (no line breaks inside one), 落款 and 成文日期.
    const docx = await cases.caseLetter(at('2026-03-11'), r.id, letter.id);
    const xml = await (await JSZip.loadAsync(docx.docx)).file('word/document.xml')!.async('string');
    assert.doesNotMatch(xml, /<w:br\/>/);
    const { value } = await mammoth.extractRawText({ buffer: docx.docx });
    const paras = value.split(/\n+/).filter((p) => p.trim() !== '');
    assert.deepEqual(paras.slice(0, 2), ['政府信息公开申请答复告知书', '张三：']);
    assert.deepEqual(paras.slice(-2), ['磁灶镇人民政府', '2026年3月10日']);
    assert.ok(
      paras.some((p) => /^如您对本答复不服/.test(p)),
      'the remedies are a paragraph of their own',
    );
  });

  it('the 复议机关 is the government above: a department’s own government; the top agency’s as configured', async () => {
    const dept = await apply({}, tree.police);
    const page = await cases.casePage(at('2026-03-03', staffActor('clerk', tree.police)), dept.id, {
      reply: { outcome: 'unavailable.notHeld', reasons: '经检索，本机关未制作该信息' },
    });
    assert.match(page.drafts.reply!, /向晋江市人民政府申请行政复议/);
    const top = await apply({}, tree.gov);
    const topPage = await cases.casePage(at('2026-03-03', staffActor('clerk', tree.gov)), top.id, {
      reply: { outcome: 'unavailable.notHeld', reasons: '经检索，本机关未制作该信息' },
    });
    assert.match(topPage.drafts.reply!, /向上一级人民政府申请行政复议/);
  });

  it('a letter that drops the reasons, the basis or the remedies is refused', async () => {
    const r = await apply();
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', {
        date: '2026-03-10',
        outcome: 'withheld.internalAffairs',
        reasons: '属于本机关内部人事管理信息',
        letter: '张三：\n经审查，决定不予公开。',
      }),
      (e) =>
        fieldOf(e) === 'letter' &&
        /理由“属于本机关内部人事管理信息”/.test(messageOf(e)) &&
        /依据（条例第十六条第一款、第三十六条第（三）项）/.test(messageOf(e)) &&
        /救济途径/.test(messageOf(e)),
    );
  });

  it('予以公开 as 电子文档: the files go with the reply and the applicant downloads them with the 查询码 only', async () => {
    const r = await apply({ deliveryFormat: 'electronic', deliveryMethod: 'online' });
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', { date: '2026-03-10', outcome: 'granted' }),
      (e) => fieldOf(e) === 'files',
    );
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', { date: '2026-03-10', outcome: 'granted' }, [
        { name: '验收文件.pdf', bytes: Buffer.from('not a pdf') },
      ]),
      (e) => fieldOf(e) === 'files' && /不是PDF文件/.test(messageOf(e)),
    );
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', { date: '2026-03-10', outcome: 'granted' }, [
        { name: '验收文件.exe', bytes: Buffer.from('MZ') },
      ]),
      (e) => fieldOf(e) === 'files' && /只接受/.test(messageOf(e)),
    );
    await cases.act(at('2026-03-10'), r.id, 'replied', { date: '2026-03-10', outcome: 'granted' }, [PDF]);
    const page = await cases.casePage(at('2026-03-10'), r.id);
    assert.deepEqual(
      page.replyFiles.map((f) => f.fileName),
      ['竣工验收文件.pdf'],
    );
    const letter = page.letters.find((l) => l.kind === 'reply')!.paragraphs.join('\n');
    assert.match(letter, /以电子文档形式提供/);
    assert.match(letter, /第三十六条第（二）项的规定，决定予以公开/);
    assert.match(letter, /附件：1\.竣工验收文件\.pdf/);

    const fileId = page.replyFiles[0]!.id;
    const applicant = testCtx(h, withProofs(anonymous, [requests.proofOf(r)]));
    const mine = await cases.applicantCasePage(applicant, r.id);
    assert.deepEqual(
      mine!.replyFiles.map((f) => f.fileName),
      ['竣工验收文件.pdf'],
    );
    const file = await cases.applicantFile(applicant, fileId);
    assert.equal(Buffer.from(file!.content).toString(), PDF.bytes.toString());
    assert.equal(file!.mediaType, 'application/pdf');
    assert.equal(await cases.applicantFile(testCtx(h, anonymous), fileId), null, 'no 查询码, no file');
    const other = await apply({ applicantName: '李四' });
    await assert.rejects(
      cases.applicantFile(testCtx(h, withProofs(anonymous, [requests.proofOf(other)])), fileId),
      /无权|Forbidden|权限/,
    );
  });

  it('予以公开 on paper: 邮寄 needs the date and the 邮件号, 自行领取 the date; 在线查看 links the published record', async () => {
    const mailed = await apply({ deliveryFormat: 'paper', deliveryMethod: 'mail' });
    const reply = { date: '2026-03-10', outcome: 'granted' };
    await assert.rejects(
      cases.act(at('2026-03-10'), mailed.id, 'replied', reply),
      (e) => fieldOf(e) === 'deliveredOn',
    );
    await assert.rejects(
      cases.act(at('2026-03-10'), mailed.id, 'replied', { ...reply, deliveredOn: '2026-03-10' }),
      (e) => fieldOf(e) === 'trackingNumber',
    );
    await cases.act(at('2026-03-10'), mailed.id, 'replied', {
      ...reply,
      deliveredOn: '2026-03-10',
      trackingNumber: 'EMS1234567890CS',
    });
    const mailedPage = await cases.casePage(at('2026-03-10'), mailed.id);
    assert.match(
      mailedPage.letters.at(-1)!.paragraphs.join('\n'),
      /本机关已于2026年3月10日邮寄至您提供的通讯地址（邮件号：EMS1234567890CS）/,
    );
    assert.deepEqual(mailedPage.events.at(-1), {
      date: '2026-03-10',
      label: '答复',
      detail: '予以公开；纸质，邮寄',
    });

    const picked = await apply({
      deliveryFormat: 'paper',
      deliveryMethod: 'pickup',
      applicantType: 'commercialEnterprise',
      applicantName: '晋江某建材有限公司',
      idType: 'other',
      idNumber: '营业执照123',
    });
    await cases.act(at('2026-03-10'), picked.id, 'replied', { ...reply, deliveredOn: '2026-03-12' });
    const pickedLetter = (await cases.casePage(at('2026-03-10'), picked.id)).letters.at(-1)!;
    assert.equal(pickedLetter.paragraphs[0], '晋江某建材有限公司：');
    assert.match(
      pickedLetter.paragraphs.join('\n'),
      /请贵单位自2026年3月12日起凭本告知书和身份证明到本机关领取/,
    );
    assert.doesNotMatch(pickedLetter.paragraphs.join('\n'), /您/);
    const receipt = (await cases.casePage(at('2026-03-10'), picked.id)).letters[0]!;
    assert.equal(receipt.kind, 'receipt');
    assert.match(receipt.paragraphs.join('\n'), /^晋江某建材有限公司：\n[^]*收到贵单位提出的/);

    const published = await aPublishedRecord(at('2026-03-02', systemActor('测试')), tree.cizao, {
      title: '磁灶镇道路工程竣工验收公告',
    });
    assert.ok(published.index_number, 'the record is named by its 索引号');
    const online = await apply({ deliveryFormat: 'electronic', deliveryMethod: 'online' });
    await assert.rejects(
      cases.act(at('2026-03-10'), online.id, 'replied', {
        ...reply,
        deliveryMode: 'online',
        recordRef: 'X-0000',
      }),
      (e) => fieldOf(e) === 'recordRef' && /X-0000/.test(messageOf(e)),
    );
    await cases.act(at('2026-03-10'), online.id, 'replied', {
      ...reply,
      deliveryMode: 'online',
      recordRef: published.index_number!,
    });
    const onlineLetter = (await cases.casePage(at('2026-03-10'), online.id)).letters
      .at(-1)!
      .paragraphs.join('\n');
    assert.match(onlineLetter, /已经主动公开（《磁灶镇道路工程竣工验收公告》）/);
    assert.match(onlineLetter, new RegExp(`/records/${published.id}`));
    assert.match(onlineLetter, /第三十六条第（一）项/);
  });

  it('部分公开 states what is withheld and why', async () => {
    const r = await apply({ deliveryFormat: 'paper', deliveryMethod: 'pickup' });
    await assert.rejects(
      cases.act(at('2026-03-10'), r.id, 'replied', {
        date: '2026-03-10',
        outcome: 'partiallyGranted',
        reasons: '涉及第三方个人隐私',
        deliveredOn: '2026-03-10',
      }),
      (e) => fieldOf(e) === 'withheldPart',
    );
    await cases.act(at('2026-03-10'), r.id, 'replied', {
      date: '2026-03-10',
      outcome: 'partiallyGranted',
      reasons: '涉及第三方个人隐私，公开会损害其合法权益',
      withheldPart: '施工人员的姓名和身份证号码',
      deliveredOn: '2026-03-10',
    });
    const text = (await cases.casePage(at('2026-03-10'), r.id)).letters.at(-1)!.paragraphs.join('\n');
    assert.match(text, /施工人员的姓名和身份证号码不予公开，其余部分可以公开/);
    assert.match(text, /理由如下：涉及第三方个人隐私，公开会损害其合法权益。/);
    assert.match(text, /第三十七条/);
  });

  it('the clerk sees the applicant’s 补正 — text and files — and a history in words, never codes', async () => {
    const r = await apply();
    await cases.act(at('2026-03-03'), r.id, 'supplementRequested', {
      date: '2026-03-03',
      supplementDueDate: '2026-03-17',
    });
    const applicant = () => {
      const ctx = testCtx(h, withProofs(anonymous, [requests.proofOf(r)]));
      ctx.clock.set('2026-03-05T02:00:00Z');
      return ctx;
    };
    await assert.rejects(
      cases.supplementByApplicant(applicant(), r.id, { text: '所需为 2025 年大埔村道路的验收文件' }, [
        { name: '说明.png', bytes: Buffer.from('GIF89a') },
      ]),
      (e) => fieldOf(e) === 'files',
    );
    await cases.supplementByApplicant(applicant(), r.id, { text: '所需为 2025 年大埔村道路的验收文件' }, [
      PNG,
    ]);
    const page = await cases.casePage(at('2026-03-05'), r.id);
    assert.equal(page.supplements.length, 1);
    assert.equal(page.supplements[0]!.text, '所需为 2025 年大埔村道路的验收文件');
    assert.deepEqual(
      page.supplements[0]!.files.map((f) => f.fileName),
      ['补正说明.png'],
    );
    const file = await cases.caseFile(at('2026-03-05'), r.id, page.supplements[0]!.files[0]!.id);
    assert.equal(file.mediaType, 'image/png');
    assert.deepEqual(page.events, [
      { date: '2026-03-02', label: '收到申请', detail: null },
      { date: '2026-03-03', label: '发出补正告知', detail: '补正期限 2026年3月17日' },
      { date: '2026-03-05', label: '收到补正', detail: '申请人在网上提交' },
    ]);
    // The applicant may not download what they sent as if it were the reply.
    await assert.rejects(cases.applicantFile(applicant(), page.supplements[0]!.files[0]!.id), /未找到/);
    const shown = JSON.stringify(page.events);
    assert.doesNotMatch(shown, /received|supplement|requests\.|[a-z]+\.[a-z]+/);
  });

  it('every outcome a clerk can choose ends in a letter with its basis and remedies, and a history without codes', async () => {
    const { replyOutcomes } = await import('./request-outcome.js');
    for (const outcome of replyOutcomes) {
      const r = await apply({ deliveryFormat: 'paper', deliveryMethod: 'pickup' });
      await cases.act(at('2026-03-10'), r.id, 'replied', {
        date: '2026-03-10',
        outcome,
        reasons: outcome === 'granted' ? undefined : '依据事实作出的具体理由',
        withheldPart: '第三方个人信息',
        deliveredOn: '2026-03-10',
      });
      const page = await cases.casePage(at('2026-03-10'), r.id);
      const text = page.letters.find((l) => l.kind === 'reply')!.paragraphs.join('\n');
      assert.match(text, /行政复议/, outcome);
      assert.match(text, /晋江市人民政府/, outcome);
      assert.match(text, /《中华人民共和国政府信息公开条例》第/, outcome);
      if (outcome !== 'granted') assert.match(text, /依据事实作出的具体理由/, outcome);
      assert.doesNotMatch(JSON.stringify(page.events), /[a-z]+\.[a-z]+|withheld|granted/, outcome);
    }
  });
});
