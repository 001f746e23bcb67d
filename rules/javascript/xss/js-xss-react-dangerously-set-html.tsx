import DOMPurify from 'dompurify';
import React from 'react';

const BANNER = '<b>Welcome</b>';

export function Comment({ html }: { html: string }) {
  // ruleid: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Preview({ title, body }: { title: string; body: string }) {
  const markup = `<h2>${title}</h2>${body}`;
  // ruleid: js-xss-react-dangerously-set-html
  return <section dangerouslySetInnerHTML={{ __html: markup }} />;
}

export function Raw(props: { content: { __html: string } }) {
  // ruleid: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={props.content} />;
}

export function SafeComment({ html }: { html: string }) {
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}

export function SafeLater({ html }: { html: string }) {
  const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: clean }} />;
}

export function Static() {
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: '<b>Welcome</b>' }} />;
}

export function Banner() {
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: BANNER }} />;
}

export function Message({ text }: { text: string }) {
  // ruleid: js-xss-react-dangerously-set-html
  return React.createElement('span', { dangerouslySetInnerHTML: { __html: text } });
}

export function SafeMessage({ text }: { text: string }) {
  // ok: js-xss-react-dangerously-set-html
  return React.createElement('span', { dangerouslySetInnerHTML: { __html: DOMPurify.sanitize(text) } });
}

export function Tooltip({ text }: { text: string }) {
  // ok: js-xss-react-dangerously-set-html
  return React.createElement('span', { title: text, data: { __html: text } });
}
