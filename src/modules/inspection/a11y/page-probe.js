/* global window, document, getComputedStyle, NodeFilter, MutationObserver, CSS, Element */
// The 适老化 measurements, run inside the inspected page by browser-engine.ts (page.evaluate of
// this file's text). Plain JavaScript because it runs in Chromium, not in Node; it only reads the
// rendered page and returns plain data. Installs `window.__gongkaiA11y` once.
(() => {
  if (window.__gongkaiA11y) return;

  const SKIP_TEXT = 'script,style,noscript,template,title,option,optgroup,textarea,svg,[aria-hidden="true"]';
  const TARGETS = 'a[href],button,input:not([type="hidden"]),select,summary,[role="button"],[role="link"]';
  const CONTROLS = 'button,input,select,textarea,summary,[role="button"]';
  const LIMIT = 5;

  const short = (text, max = 30) => {
    const t = String(text || '')
      .replace(/\s+/g, ' ')
      .trim();
    return t.length > max ? `${t.slice(0, max)}…` : t;
  };

  /** A short CSS path of an element, for the evidence. */
  const describe = (el) => {
    const parts = [];
    let node = el;
    for (let depth = 0; node && node.nodeType === 1 && depth < 3; depth++) {
      let part = node.tagName.toLowerCase();
      if (node.id) {
        parts.unshift(`${part}#${CSS.escape(node.id)}`);
        break;
      }
      const classes = Array.from(node.classList).slice(0, 2);
      if (classes.length) part += `.${classes.map((c) => CSS.escape(c)).join('.')}`;
      const parent = node.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter((c) => c.tagName === node.tagName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      node = parent;
    }
    return parts.join(' > ');
  };

  /** Shown on the page: rendered, not transparent, bigger than a 1 px screen-reader box, not parked off-screen. */
  const visible = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    return r.right + window.scrollX > 0 && r.bottom + window.scrollY > 0;
  };

  /** The page's zoom on a phone: a page without a mobile viewport is shown shrunk (360/980). */
  const zoom = () => (window.visualViewport ? window.visualViewport.scale : 1);

  /** Elements holding visible text, each once, with their text. */
  const textElements = () => {
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = short(n.nodeValue, 200);
      const el = n.parentElement;
      if (!text || !el || seen.has(el) || el.closest(SKIP_TEXT)) continue;
      if (!visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      seen.add(el);
      out.push({ el, text });
    }
    return out;
  };

  // Colours: any CSS colour is normalised by painting it on a 1×1 canvas.
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const paint = canvas.getContext('2d', { willReadFrequently: true });
  const colours = new Map();
  const rgba = (css) => {
    if (colours.has(css)) return colours.get(css);
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = '#000';
    paint.fillStyle = css;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    const c = { r, g, b, a: a / 255 };
    colours.set(css, c);
    return c;
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = (c) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

  /** The colour behind an element (its own and its ancestors' backgrounds over white), or why it is unknown. */
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const cs = getComputedStyle(node);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return { unknown: '背景为图片或渐变' };
      const c = rgba(cs.backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return { colour };
  };

  const worst = (list, key) => list.sort((a, b) => key(a) - key(b)).slice(0, LIMIT);

  /** Fonts, line heights and contrast of every visible text. */
  const measureText = (t) => {
    const scale = zoom();
    const minFont = t.mobile ? t.minFontPxMobile : t.minFontPxDesktop;
    const fonts = [];
    const lines = [];
    const lows = [];
    const unknown = [];
    const texts = textElements();
    let lineChecked = 0;
    for (const { el, text } of texts) {
      const cs = getComputedStyle(el);
      const cssPx = parseFloat(cs.fontSize);
      const px = cssPx * scale;
      const where = describe(el);
      if (px + 0.01 < minFont) fonts.push({ selector: where, text: short(text), value: px });
      if (!el.closest(CONTROLS)) {
        lineChecked++;
        const lh = cs.lineHeight === 'normal' ? null : parseFloat(cs.lineHeight);
        const ratio = lh === null ? 1.2 : lh / cssPx;
        if (ratio + 0.001 < t.minLineHeightRatio) {
          lines.push({ selector: where, text: short(text), value: ratio, normal: lh === null });
        }
      }
      const bg = background(el);
      if (bg.unknown) {
        unknown.push({ selector: where, text: short(text), reason: bg.unknown });
        continue;
      }
      const fg = over(rgba(cs.color), bg.colour);
      const l1 = luminance(fg);
      const l2 = luminance(bg.colour);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio + 0.005 < t.minContrast) {
        lows.push({ selector: where, text: short(text), value: ratio, fg: hex(fg), bg: hex(bg.colour) });
      }
    }
    return {
      scale,
      font: { checked: texts.length, count: fonts.length, worst: worst(fonts, (o) => o.value) },
      lineHeight: { checked: lineChecked, count: lines.length, worst: worst(lines, (o) => o.value) },
      contrast: {
        checked: texts.length,
        count: lows.length,
        worst: worst(lows, (o) => o.value),
        unknownCount: unknown.length,
        unknown: unknown.slice(0, LIMIT),
      },
    };
  };

  /** Whether a link sits inside a sentence (WCAG 2.5.8's inline exception): other words around it in its block. */
  const inSentence = (a) => {
    if (getComputedStyle(a).display !== 'inline') return false;
    let block = a.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    let words = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement || !n.parentElement.closest('a')) words += n.nodeValue;
    }
    return (words.match(/[\p{L}]/gu) || []).length >= 4;
  };

  const targetName = (el) =>
    short(
      el.innerText ||
        el.getAttribute('aria-label') ||
        el.getAttribute('title') ||
        el.value ||
        `<${el.tagName.toLowerCase()}>`,
      20,
    );

  /** Click/touch targets smaller than the minimum. */
  const measureTargets = (t) => {
    const scale = zoom();
    const small = [];
    let checked = 0;
    let exempt = 0;
    for (const el of document.querySelectorAll(TARGETS)) {
      if (!visible(el) || el.closest('[aria-hidden="true"]')) continue;
      if (el.tagName === 'A' && inSentence(el)) {
        exempt++;
        continue;
      }
      let r = el.getBoundingClientRect();
      if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio') && el.labels) {
        let { left, top, right, bottom } = r;
        for (const label of el.labels) {
          const l = label.getBoundingClientRect();
          left = Math.min(left, l.left);
          top = Math.min(top, l.top);
          right = Math.max(right, l.right);
          bottom = Math.max(bottom, l.bottom);
        }
        r = { width: right - left, height: bottom - top };
      }
      checked++;
      const w = r.width * scale;
      const h = r.height * scale;
      if (w + 0.5 < t.minTargetPx || h + 0.5 < t.minTargetPx) {
        small.push({ selector: describe(el), text: targetName(el), value: Math.min(w, h), w, h });
      }
    }
    return { checked, exempt, count: small.length, worst: worst(small, (o) => o.value) };
  };

  /** Fixed or sticky layers covering too much of the viewport, and dialogs open on load. */
  const measurePopups = (t) => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const found = [];
    const add = (el, kind, share) => {
      if (found.some((f) => f.el.contains(el) || el.contains(f.el))) return;
      found.push({ el, kind, share });
    };
    for (const el of document.querySelectorAll(
      'dialog[open],[role="dialog"],[role="alertdialog"],[aria-modal="true"]',
    )) {
      if (visible(el)) add(el, 'dialog', null);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const position = getComputedStyle(el).position;
      if (position !== 'fixed' && position !== 'sticky') continue;
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      const share = (w * h) / (vw * vh);
      if (share > t.maxOverlayShare) add(el, position, share);
    }
    return {
      count: found.length,
      worst: found.slice(0, LIMIT).map((f) => ({
        selector: describe(f.el),
        text: short(f.el.innerText),
        kind: f.kind,
        value: f.share,
      })),
    };
  };

  /** Starts watching for timer-driven changes and scrolling (stopped by stopMotion). */
  const startMotion = () => {
    const counts = new Map();
    const scrolled = new Set();
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (el) counts.set(el, (counts.get(el) || 0) + 1);
      }
    });
    observer.observe(document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['style', 'class'],
      characterData: true,
      childList: true,
    });
    const onScroll = (e) => {
      if (e.target instanceof Element && e.target !== document.documentElement) scrolled.add(e.target);
    };
    document.addEventListener('scroll', onScroll, true);
    window.__gongkaiA11y.watch = { counts, scrolled, observer, onScroll };
  };

  /** Moving content: running animations, marquees, playing videos, elements changed again and again or scrolled. */
  const stopMotion = () => {
    const watch = window.__gongkaiA11y.watch;
    const found = [];
    const add = (el, kind, text) => {
      if (found.some((f) => f.el === el)) return;
      found.push({ el, kind, text });
    };
    if (watch) {
      watch.observer.disconnect();
      document.removeEventListener('scroll', watch.onScroll, true);
    }
    for (const a of document.getAnimations()) {
      if (a.playState !== 'running') continue;
      const el = a.effect && a.effect.target;
      if (!(el instanceof Element) || !visible(el)) continue;
      add(el, 'animation', a.animationName || a.transitionProperty || '');
    }
    for (const el of document.querySelectorAll('marquee')) if (visible(el)) add(el, 'marquee', '');
    for (const el of document.querySelectorAll('video')) {
      if (!el.paused && !el.ended && visible(el)) add(el, 'video', '');
    }
    if (watch) {
      for (const [el, n] of watch.counts) {
        if (n >= 2 && el.isConnected && el !== document.body && visible(el)) add(el, 'timer', String(n));
      }
      for (const el of watch.scrolled) if (el.isConnected && visible(el)) add(el, 'scroll', '');
    }
    return {
      count: found.length,
      worst: found.slice(0, LIMIT).map((f) => ({
        selector: describe(f.el),
        text: short(f.el.innerText),
        kind: f.kind,
        detail: f.text,
      })),
    };
  };

  /** Links and buttons whose name mentions a care mode, for care-link.ts to choose from. */
  const careCandidates = (hint) => {
    const re = new RegExp(hint);
    return Array.from(document.querySelectorAll('a,button,[role="button"],[role="link"]'))
      .map((el, index) => {
        const img = el.querySelector('img[alt]');
        const text = short(
          el.textContent ||
            el.getAttribute('aria-label') ||
            el.getAttribute('title') ||
            (img && img.getAttribute('alt')),
          40,
        );
        return { index, text, href: el.tagName === 'A' ? el.getAttribute('href') : null };
      })
      .filter((c) => c.text && re.test(c.text));
  };

  /** Clicks the index-th link or button (as careCandidates numbered them). */
  const clickCandidate = (index) => {
    const el = document.querySelectorAll('a,button,[role="button"],[role="link"]')[index];
    if (el) el.click();
    return Boolean(el);
  };

  window.__gongkaiA11y = {
    measure: (t) => ({
      ...measureText(t),
      target: measureTargets(t),
      popup: measurePopups(t),
    }),
    startMotion,
    stopMotion,
    careCandidates,
    clickCandidate,
  };
})();
