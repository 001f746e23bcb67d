import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AssetUrls } from './layout.js';

/** A static file served under a content-hashed name, so it may be cached for good. */
export interface Asset {
  body: Buffer;
  type: string;
}

const SOURCES = [
  ['css', 'dashboard.css', 'text/css; charset=utf-8'],
  ['js', 'dashboard.js', 'text/javascript; charset=utf-8'],
] as const;

/** Reads the dashboard's assets (copied beside this file by the build) and names each by its content's hash. */
export function loadAssets(directory = new URL('./assets/', import.meta.url)): { urls: AssetUrls; byName: Map<string, Asset> } {
  const byName = new Map<string, Asset>();
  const urls = {} as AssetUrls;
  for (const [key, file, type] of SOURCES) {
    const body = readFileSync(new URL(file, directory));
    const hashed = file.replace(/\.(\w+)$/, `.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.$1`);
    byName.set(hashed, { body, type });
    urls[key] = `/dashboard/assets/${hashed}`;
  }
  return { urls, byName };
}
