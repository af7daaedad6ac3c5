import { createHash } from 'node:crypto';
import type { KioskContent } from './kiosk.js';

/**
 * What a screen's page and its background refresh carry besides the content: a version that
 * changes exactly when what the screen shows changes (the time it was read is left out), and the
 * time it was read, as a person at the screen reads it (Beijing time).
 */

/** A short hash of everything the screen shows but the time it was read. */
export function contentVersion(c: KioskContent): string {
  const shown = JSON.stringify({ ...c, generatedAt: null });
  return createHash('sha1').update(shown).digest('base64url').slice(0, 16);
}

const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-03-02T01:05:00Z → “3月2日 09:05” (Beijing). */
export function updatedLabel(iso: string): string {
  const p = Object.fromEntries(beijing.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** The body of `content.json`: the version, when it was read, the slides' HTML and the content. */
export interface KioskJson {
  version: string;
  generatedAt: string;
  updatedLabel: string;
  /** The slides as the page renders them (the client swaps them in as they are). */
  html: string;
  content: KioskContent;
}

export function kioskJson(c: KioskContent, html: string): KioskJson {
  return {
    version: contentVersion(c),
    generatedAt: c.generatedAt,
    updatedLabel: updatedLabel(c.generatedAt),
    html,
    content: c,
  };
}
