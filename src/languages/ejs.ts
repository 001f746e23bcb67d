import type { LanguageSpec } from './language.js';
import { javascript } from './javascript.js';

/**
 * The calls an EJS output tag becomes in the parsed text: `<%= x %>` is `_e( x );` (escaped), `<%- x %>`
 * is `_u( x );` (written as it is). Three characters each, like the tags they stand for.
 */
export const EJS_ESCAPED_OUTPUT = '_e';
export const EJS_UNESCAPED_OUTPUT = '_u';

/**
 * EJS's JavaScript as the parser reads it, at the same offsets and line breaks as in the template: the
 * template text becomes spaces, scriptlets (`<% code %>`, `<%_ code _%>`) their code, output tags calls of
 * `_e`/`_u`, and comments (`<%# … %>`) and literal `<%%` spaces.
 */
export function ejsToJavaScript(template: string): string {
  const out: string[] = [];
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('<%', at);
    if (open === -1) {
      out.push(blank(template.slice(at)));
      break;
    }
    out.push(blank(template.slice(at, open)));
    const marker = template[open + 2];
    if (marker === '%') {
      out.push('   ');
      at = open + 3;
      continue;
    }
    const close = template.indexOf('%>', open + 2);
    const end = close === -1 ? template.length : close + 2;
    const tag = template.slice(open, end);
    // Comments, and the `<% include path %>` directive of EJS 1 and 2, which is no JavaScript.
    if (marker === '#' || /^<%[_]?\s*include\s+[^\s(]/.test(tag)) out.push(blank(tag));
    else {
      // `-%>` and `_%>` trim whitespace around the tag: their extra character is part of the closing.
      const closing = close === -1 ? '' : /[-_]%>$/.test(tag) && tag.length >= 5 ? tag.slice(-3) : '%>';
      const output = marker === '=' || marker === '-';
      const body = tag.slice(output || marker === '_' ? 3 : 2, tag.length - closing.length);
      const opening = output ? `${marker === '=' ? EJS_ESCAPED_OUTPUT : EJS_UNESCAPED_OUTPUT}(` : ' '.repeat(tag.length - body.length - closing.length);
      // An output is a complete call; a scriptlet's code ends where its tag does, so the next one cannot join it.
      const ending = closing === '' ? '' : output ? ');'.padEnd(closing.length) : ';'.padStart(closing.length);
      out.push(opening + body + ending);
    }
    at = end;
  }
  return out.join('');
}

/** EJS templates (`.ejs`): the JavaScript inside the tags, analysed as JavaScript. */
export const ejs: LanguageSpec = {
  ...javascript,
  id: 'ejs',
  name: 'EJS',
  extensions: ['.ejs'],
  interpreters: undefined,
  commentStarts: ['<%#', '//', '/*'],
  toParseable: ejsToJavaScript,
};
