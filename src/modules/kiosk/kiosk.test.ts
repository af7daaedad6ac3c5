import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt, periodOf, slidesOf, unsigned, type KioskContent, type KioskRecord } from './kiosk.js';
import { contentVersion, updatedLabel } from './kiosk.presenter.js';

const record = (n: number): KioskRecord => ({
  id: `r${n}`,
  title: `通知${n}`,
  agencyName: '磁灶镇人民政府',
  date: '2026-03-01',
  excerpt: '',
});

const content = (over: Partial<KioskContent> = {}): KioskContent => ({
  agency: { id: 'a', name: '磁灶镇大埔村民委员会', shortName: '大埔村' },
  township: { id: 't', name: '磁灶镇' },
  items: [],
  notices: [],
  latest: [],
  places: [],
  generatedAt: '2026-03-02T01:00:00.000Z',
  ...over,
});

describe('village screen: the slides and their text', () => {
  it('cuts each list into slides that fit, numbers them, and leaves empty lists out', () => {
    const slides = slidesOf(
      content({
        items: [1, 2, 3].map((n) => ({
          id: `i${n}`,
          name: `事项${n}`,
          contentElements: '',
          timeLimit: '',
          latest: null,
        })),
        notices: [1, 2, 3, 4].map(record),
      }),
    );
    assert.deepEqual(
      slides.map((s) => s.title),
      [
        '大埔村事务公开（1/3）',
        '大埔村事务公开（2/3）',
        '大埔村事务公开（3/3）',
        '磁灶镇通知公告（1/2）',
        '磁灶镇通知公告（2/2）',
      ],
    );
    // One 村务公开 item to a slide (its figures in full), three records.
    assert.equal(slides[0]!.kind === 'items' && slides[0]!.items.length, 1);
    assert.equal(slides[3]!.kind === 'records' && slides[3]!.records.length, 3);
    assert.equal(slides[4]!.kind === 'records' && slides[4]!.records.length, 1);
  });

  it('shows one slide saying there is nothing rather than a blank screen', () => {
    assert.deepEqual(slidesOf(content()), [{ kind: 'empty', title: '大埔村信息公开' }]);
  });

  it('keeps a short text, cuts a long one at a sentence or with an ellipsis', () => {
    assert.equal(excerpt('  一句话。  '), '一句话。');
    const long = `${'甲'.repeat(60)}。${'乙'.repeat(60)}`;
    assert.equal(excerpt(long), `${'甲'.repeat(60)}。`);
    assert.equal(excerpt('丙'.repeat(100)), `${'丙'.repeat(90)}…`);
  });

  it('drops the closing signature (落款) of a body, and nothing else', () => {
    assert.equal(unsigned('请各村配合。磁灶镇人民政府2026年3月1日', '磁灶镇人民政府'), '请各村配合。');
    assert.equal(unsigned('请各村配合。磁灶镇人民政府', '磁灶镇人民政府'), '请各村配合。');
    assert.equal(unsigned('请各村配合。2026年3月1日', '磁灶镇人民政府'), '请各村配合。2026年3月1日');
  });

  it('takes rotation and refresh periods from the address within bounds', () => {
    assert.equal(periodOf('2', 'rotate'), 2);
    assert.equal(periodOf(undefined, 'rotate'), 15);
    assert.equal(periodOf('0', 'refresh'), 60);
    assert.equal(periodOf('99999', 'refresh'), 60);
    assert.equal(periodOf('1e3', 'rotate'), 15);
  });

  it('versions what is shown, not when it was read; dates in Beijing time', () => {
    const a = content({ notices: [record(1)] });
    assert.equal(contentVersion(a), contentVersion({ ...a, generatedAt: '2026-03-02T05:00:00.000Z' }));
    assert.notEqual(contentVersion(a), contentVersion(content({ notices: [record(2)] })));
    assert.equal(updatedLabel('2026-03-01T16:05:00.000Z'), '3月2日 00:05');
  });
});
