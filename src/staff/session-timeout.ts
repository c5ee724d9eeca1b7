/**
 * The idle-timeout warning with JavaScript (WCAG 2.2.1): two minutes before
 * the session ends a modal dialog says when, and its button extends the
 * session with the same form post the page offers without JavaScript. If
 * nobody answers, the page goes to sign-in when the time is up, so no
 * personal data stays on an unattended screen.
 */
const WARN_BEFORE_MS = 2 * 60_000;

export function watchSession(notice: HTMLElement): void {
  const dialog = notice.querySelector('dialog');
  const form = notice.querySelector<HTMLFormElement>('[data-session-form]');
  const text = notice.querySelector<HTMLElement>('[data-session-text]');
  const warning = dialog?.querySelector<HTMLElement>('[data-template]');
  const extend = dialog?.querySelector<HTMLButtonElement>('[data-session-extend]');
  if (!dialog || !form || !text || !warning || !extend) return;
  const clock = new Intl.DateTimeFormat(notice.dataset.lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
  let endsAt = new Date(notice.dataset.sessionEnds ?? '');
  let warnTimer: number | undefined;
  let endTimer: number | undefined;

  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    const left = endsAt.getTime() - Date.now();
    text.textContent = (text.dataset.template ?? '').replace('{time}', clock.format(endsAt));
    warnTimer = window.setTimeout(() => {
      warning.textContent = (warning.dataset.template ?? '').replace('{time}', clock.format(endsAt));
      if (!dialog.open) dialog.showModal();
    }, Math.max(0, left - WARN_BEFORE_MS));
    endTimer = window.setTimeout(() => window.location.assign('/personal/logga-in/'), Math.max(0, left));
  };

  extend.addEventListener('click', async () => {
    const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    body.set('action', 'extend');
    const res = await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } });
    if (!res.ok) return window.location.assign('/personal/logga-in/');
    endsAt = new Date(((await res.json()) as { endsAt: string }).endsAt);
    dialog.close();
    schedule();
  });
  schedule();
}
