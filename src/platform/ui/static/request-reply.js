// The reply form of a case (依申请公开): choosing the outcome, the way of delivery or filling the
// reasons drafts the 答复告知书 again, as the 拟稿 button does without JavaScript — unless the clerk
// has already edited the letter by hand (拟稿 still redrafts it then).
/* global DOMParser */
(() => {
  const form = document.getElementById('reply-form');
  if (!form) return;
  const letter = form.querySelector('textarea[name="letter"]');
  if (!letter) return;
  let edited = false;
  let latest = 0;
  letter.addEventListener('input', () => {
    edited = true;
  });
  async function redraft() {
    if (edited) return;
    const data = new FormData(form);
    data.delete('files');
    data.set('draft', '1');
    const mine = ++latest;
    try {
      const res = await fetch(form.getAttribute('action') ?? '', {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
      });
      if (!res.ok || mine !== latest) return;
      const page = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = page.querySelector('#reply-form textarea[name="letter"]');
      if (fresh && !edited && mine === latest) letter.value = fresh.textContent ?? '';
    } catch {
      // Offline or refused: the 拟稿 button still works.
    }
  }
  for (const name of [
    'outcome',
    'deliveryMode',
    'reasons',
    'withheldPart',
    'deliveredOn',
    'trackingNumber',
    'recordRef',
  ])
    form.querySelector(`[name="${name}"]`)?.addEventListener('change', redraft);
})();
