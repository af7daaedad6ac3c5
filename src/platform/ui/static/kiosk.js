// The village screen (村（社区）信息公开屏, /kiosk/<agency>): shows one slide at a time and turns
// them by itself (data-rotate seconds), fetches the content again in the background (data-refresh
// seconds) and swaps the slides in when they changed. When a fetch fails the screen keeps what it
// shows and says since when; the last good content is also kept in localStorage, so a page
// reloaded from an older copy shows the newest content this screen saw. Touch: 上一页/下一页,
// a swipe, the arrow keys; touching pauses the rotation for a minute, 暂停 until pressed again.
(() => {
  const root = document.getElementById('kiosk');
  const box = document.getElementById('kiosk-slides');
  const status = document.getElementById('kiosk-status');
  const controls = document.getElementById('kiosk-controls');
  const pageLabel = document.getElementById('kiosk-page');
  const prev = document.getElementById('kiosk-prev');
  const next = document.getElementById('kiosk-next');
  const pause = document.getElementById('kiosk-pause');
  if (!root || !box || !status || !controls || !pageLabel || !prev || !next || !pause) return;

  const url = root.dataset.content ?? '';
  const rotateMs = Math.max(1, Number(root.dataset.rotate) || 15) * 1000;
  const refreshMs = Math.max(1, Number(root.dataset.refresh) || 60) * 1000;
  const storageKey = `gongkai-kiosk:${root.dataset.agency ?? ''}`;
  /** How long a touch holds the current slide. */
  const HOLD_MS = 60_000;

  let shown = {
    version: root.dataset.version ?? '',
    generatedAt: root.dataset.generated ?? '',
    updatedLabel: root.dataset.updated ?? '',
  };
  let index = 0;
  let paused = false;
  let holdUntil = 0;
  let lastTurn = Date.now();
  let offline = false;

  const slides = () => Array.from(box.querySelectorAll('.kiosk-slide'));

  function show(i) {
    const list = slides();
    if (list.length === 0) return;
    index = ((i % list.length) + list.length) % list.length;
    list.forEach((s, k) => {
      s.hidden = k !== index;
    });
    pageLabel.textContent = `第 ${index + 1} 页，共 ${list.length} 页`;
    lastTurn = Date.now();
  }

  function setStatus() {
    status.textContent = offline
      ? `网络中断，正在显示 ${shown.updatedLabel} 更新的内容`
      : `内容更新于 ${shown.updatedLabel}`;
    status.classList.toggle('kiosk__status--offline', offline);
  }

  function save(data) {
    try {
      localStorage.setItem(storageKey, JSON.stringify(data));
    } catch {
      // Storage full or refused: the screen still shows what it has.
    }
  }

  function apply(data) {
    const changed = data.version !== shown.version;
    shown = { version: data.version, generatedAt: data.generatedAt, updatedLabel: data.updatedLabel };
    root.dataset.version = data.version;
    if (changed) {
      box.innerHTML = data.html;
      show(index < slides().length ? index : 0);
    }
    setStatus();
  }

  // A copy of the page older than what this screen last fetched: show the newer content.
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (saved && typeof saved.html === 'string' && saved.generatedAt > shown.generatedAt) apply(saved);
  } catch {
    // Nothing usable kept.
  }
  save({ ...shown, html: box.innerHTML });

  root.classList.add('kiosk--live');
  controls.hidden = false;
  show(0);
  setStatus();

  const hold = () => {
    holdUntil = Date.now() + HOLD_MS;
  };
  prev.addEventListener('click', () => {
    hold();
    show(index - 1);
  });
  next.addEventListener('click', () => {
    hold();
    show(index + 1);
  });
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? '继续播放' : '暂停';
    lastTurn = Date.now();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') {
      hold();
      show(index - 1);
    } else if (e.key === 'ArrowRight') {
      hold();
      show(index + 1);
    }
  });
  let startX = null;
  box.addEventListener('pointerdown', (e) => {
    startX = e.clientX;
    hold();
  });
  box.addEventListener('pointerup', (e) => {
    if (startX === null) return;
    const dx = e.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 60) show(dx < 0 ? index + 1 : index - 1);
  });

  setInterval(
    () => {
      if (paused || Date.now() < holdUntil) return;
      if (Date.now() - lastTurn >= rotateMs) show(index + 1);
    },
    Math.min(rotateMs, 1000),
  );

  async function refresh() {
    try {
      const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = await res.json();
      if (typeof data.html !== 'string' || typeof data.version !== 'string') throw new Error('bad content');
      offline = false;
      apply(data);
      save({
        version: data.version,
        generatedAt: data.generatedAt,
        updatedLabel: data.updatedLabel,
        html: data.html,
      });
    } catch {
      offline = true;
      setStatus();
    } finally {
      setTimeout(refresh, refreshMs);
    }
  }
  setTimeout(refresh, refreshMs);

  // Where the browser allows a service worker (https, or this machine): keep this page, its
  // stylesheet and script, so that a screen restarted while the network is down still opens
  // (/kiosk/sw.js answers from this copy only when the network fails).
  if ('serviceWorker' in navigator && window.isSecureContext && window.caches) {
    navigator.serviceWorker
      .register('/kiosk/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(() => window.caches.open('gongkai-kiosk-v1'))
      .then((cache) => {
        const own = Array.from(document.querySelectorAll('link[rel=stylesheet], script[src], link[rel=icon]'))
          .map((e) => e.getAttribute('href') || e.getAttribute('src'))
          .filter((u) => u && u.startsWith('/'));
        return cache.addAll([window.location.pathname + window.location.search, ...own]);
      })
      .catch(() => {
        // No offline copy: the screen still works while it stays open.
      });
  }
})();
