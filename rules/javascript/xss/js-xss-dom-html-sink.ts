import DOMPurify from 'dompurify';

export function render(comment: string, el: HTMLElement, res: { send(body: unknown): void }) {
  // ruleid: js-xss-dom-html-sink
  el.innerHTML = '<p>' + comment + '</p>';
  // ruleid: js-xss-dom-html-sink
  document.write(location.hash.slice(1));
  // ruleid: js-xss-dom-html-sink
  res.send('<h1>Hello ' + comment + '</h1>');
  // ok: js-xss-dom-html-sink
  el.textContent = comment;
  // ok: js-xss-dom-html-sink
  el.innerHTML = DOMPurify.sanitize(comment);
  // ok: js-xss-dom-html-sink
  el.innerHTML = '<p>Loading…</p>';
  // ok: js-xss-dom-html-sink
  res.send({ ok: true, comment });
}

