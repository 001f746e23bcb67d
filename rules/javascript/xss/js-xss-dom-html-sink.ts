import DOMPurify from 'dompurify';
import $ from 'jquery';

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


export function chat(message: { channel: string; topic: string; text: string }) {
  // ruleid: js-xss-dom-html-sink
  $('#chan-' + message.channel).find('.topic').html(message.topic);
  // ruleid: js-xss-dom-html-sink
  const $line = $('<li>' + message.text + '</li>');
  // ruleid: js-xss-dom-html-sink
  $('#log').append(`<li class="msg">${message.text}</li>`);
  // ok: js-xss-dom-html-sink
  $('#chan-' + message.channel).find('.topic').text(message.topic);
  // ok: js-xss-dom-html-sink
  $('#log').append($line);
  // ok: js-xss-dom-html-sink
  $('#log').html('<li>none</li>');
  const $item = $('<li></li>').text(message.text);
  // ok: js-xss-dom-html-sink
  $('#log').html($item);
  // ok: js-xss-dom-html-sink
  $('#chan-' + message.channel).addClass('active');
  // ok: js-xss-dom-html-sink
  $('#log').append($('<li>').text(message.text));
}
