import DOMPurify from 'dompurify';

export function Comment({ html }: { html: string }) {
  // ruleid: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SafeComment({ html }: { html: string }) {
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}

export function Static() {
  // ok: js-xss-react-dangerously-set-html
  return <div dangerouslySetInnerHTML={{ __html: '<b>Welcome</b>' }} />;
}
