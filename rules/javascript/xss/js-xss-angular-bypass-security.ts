import { Component, Input, SecurityContext } from '@angular/core';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import DOMPurify from 'dompurify';

const MAP_EMBED = 'https://maps.example.com/embed?id=42';

@Component({ selector: 'app-post', template: '<article [innerHTML]="body"></article>' })
export class PostComponent {
  body: SafeHtml = '';
  video: SafeResourceUrl = '';

  constructor(private sanitizer: DomSanitizer) {}

  @Input() set post(post: { html: string; videoId: string }) {
    // ruleid: js-xss-angular-bypass-security
    this.body = this.sanitizer.bypassSecurityTrustHtml(post.html);
    // ruleid: js-xss-angular-bypass-security
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(`https://player.example.com/${post.videoId}`);
    // ok: js-xss-angular-bypass-security
    this.body = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(post.html));
    const clean = this.sanitizer.sanitize(SecurityContext.HTML, post.html) ?? '';
    // ok: js-xss-angular-bypass-security
    this.body = this.sanitizer.bypassSecurityTrustHtml(clean);
    // ok: js-xss-angular-bypass-security
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(MAP_EMBED);
    // ok: js-xss-angular-bypass-security
    this.body = this.sanitizer.bypassSecurityTrustHtml('<svg viewBox="0 0 10 10"><circle r="4"/></svg>');
  }
}
