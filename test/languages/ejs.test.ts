import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ejsToJavaScript } from '../../src/languages/ejs.js';
import { languageForPath } from '../../src/languages/registry.js';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

test('an EJS template becomes its JavaScript at the same offsets: text blank, scriptlets as code, outputs as calls', () => {
  const template = [
    '<h1><%= title %></h1>',
    '<% items.forEach(function (item) { -%>',
    '  <li><%- item.html -%></li><%_ }) _%>',
    '<%# a comment with <b>html</b> %><% include ../common/footer %>',
    '<p>100<%% literal %> <%= a %><%- b %></p>',
    '<%= unclosed',
  ].join('\n');
  const code = ejsToJavaScript(template);
  assert.equal(code.length, template.length);
  assert.deepEqual(code.split('\n').map((line) => line.length), template.split('\n').map((line) => line.length));
  assert.deepEqual(code.split('\n').map((line) => line.trim().replace(/\s+/g, ' ')), [
    '_e( title );',
    'items.forEach(function (item) { ;',
    '_u( item.html ); }) ;',
    '',
    '_e( a );_u( b );',
    '_e( unclosed',
  ]);
  // Columns line up with the template: the output call sits where its tag began.
  assert.equal(code.indexOf('_u( item.html'), template.indexOf('<%- item.html'));
});

test('.ejs files are EJS; unescaped output is reported at the tag, escaped output and partials are not', () => {
  const ejs = languageForPath('views/page.ejs')!;
  assert.equal(ejs.id, 'ejs');
  const rules = loadRules([BUILTIN_RULES_DIR]).filter((rule) => rule.languages.includes('ejs'));
  assert.ok(rules.length > 0);
  const template = ['<%- include("header") %>', '<p><%= user.name %></p>', '<div><%- user.bio %></div>', '<%# loopwarden-ignore js-xss-ejs-unescaped-output: sanitised with DOMPurify in the route %>', '<div><%- cleanBio %></div>', ''].join('\n');
  const analysis = analyzeSource('views/page.ejs', template, ejs, rules, { complexity: false });
  assert.deepEqual(analysis.findings.map((f) => [f.ruleId, f.startLine, f.startColumn, f.snippet]), [['js-xss-ejs-unescaped-output', 3, 6, '<div><%- user.bio %></div>']]);
  assert.deepEqual(analysis.suppressed.map((f) => [f.startLine, f.suppression.reason]), [[5, 'sanitised with DOMPurify in the route']]);
  assert.deepEqual(analysis.notes, [], 'an EJS 1 include directive or HTML around the tags is no syntax error');
});
