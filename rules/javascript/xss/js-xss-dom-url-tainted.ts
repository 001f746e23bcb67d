import { Component, OnInit, SecurityContext } from '@angular/core';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import DOMPurify from 'dompurify';
import $ from 'jquery';

@Component({ selector: 'app-search', template: '<div [innerHTML]="results"></div>' })
export class SearchComponent implements OnInit {
  results: SafeHtml = '';
  frame: SafeResourceUrl = '';

  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    const q = this.route.snapshot.queryParams['q'];
    // ruleid: js-xss-dom-url-tainted
    this.results = this.sanitizer.bypassSecurityTrustHtml('<b>Results for ' + q + '</b>');
    // ruleid: js-xss-dom-url-tainted
    this.frame = this.sanitizer.bypassSecurityTrustResourceUrl(this.route.snapshot.paramMap.get('embed') ?? '');
    // ok: js-xss-dom-url-tainted
    this.results = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(q));
    // ok: js-xss-dom-url-tainted
    this.results = this.sanitizer.sanitize(SecurityContext.HTML, q) ?? '';
    // ok: js-xss-dom-url-tainted
    this.results = this.sanitizer.bypassSecurityTrustHtml('<b>Search</b>');
    this.route.queryParams.subscribe((params) => {
      // ruleid: js-xss-dom-url-tainted
      this.results = this.sanitizer.bypassSecurityTrustHtml(params['q']);
    });
  }
}

export function showGreeting(): void {
  const name = new URLSearchParams(window.location.search).get('name');
  // ruleid: js-xss-dom-url-tainted
  $('#greeting').html('Hello ' + name);
  // ruleid: js-xss-dom-url-tainted
  $(decodeURIComponent(location.hash.slice(1)));
  // ruleid: js-xss-dom-url-tainted
  document.write('<a href="' + document.referrer + '">back</a>');
  // ok: js-xss-dom-url-tainted
  $('#greeting').text('Hello ' + name);
  // ok: js-xss-dom-url-tainted
  $('#greeting').html(DOMPurify.sanitize('Hello ' + name));
  const items = ['a', 'b'];
  // ok: js-xss-dom-url-tainted
  $('#list').append(items.map((item) => `<li>${item}</li>`).join(''));
  const link = '<a href="/login?next=' + encodeURIComponent(location.pathname) + '">log in</a>';
  // ok: js-xss-dom-url-tainted
  $('#login').html(link);
}
