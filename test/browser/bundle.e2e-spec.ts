import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { WEB_DIST } from '../support/web-build.js';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const gzipped = (file: string) => gzipSync(readFileSync(join(WEB_DIST, file))).length;

/** The chunks a browser loads before the first page shows: the entry and everything it imports statically. */
function initialChunks(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) initialChunks(next, seen);
  return seen;
}

/** Quick on a municipal laptop: the sign-in and start pages load at most 200 KB of gzipped JavaScript. */
describe('web app bundle (production build)', () => {
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry)!;
  const initial = initialChunks(entryKey);
  const initialBytes = [...initial].reduce((sum, key) => sum + gzipped(manifest[key].file), 0);

  it('keeps the initial JavaScript of the sign-in and start pages within 200 KB gzipped', () => {
    const initialSources = [...initial].map((key) => manifest[key].src ?? key);
    // Sign-in and start are part of the first load (no second round trip before they show).
    const initialCode = [...initial].map((key) => readFileSync(join(WEB_DIST, manifest[key].file), 'utf8')).join('\n');
    expect(initialCode.includes('Logga in i Noden')).toBe(true);
    // The production build of React, not its development build.
    expect(initialCode.includes('Download the React DevTools')).toBe(false);
    expect(initialSources.join(' ')).not.toMatch(/ReportNeedPage|ProtocolReviewPage|TriageInboxPage/);
    process.stdout.write(`initial JS: ${(initialBytes / 1024).toFixed(1)} KB gzipped in ${initial.size} chunks\n`);
    expect(initialBytes).toBeLessThanOrEqual(200 * 1024);
  });

  it('splits the code by route: every other page is its own chunk, loaded when visited', () => {
    const lazy = (manifest[entryKey].dynamicImports ?? []).map((key) => manifest[key].src ?? key);
    for (const page of [
      'needs/ReportNeedPage.tsx',
      'needs/NeedPage.tsx',
      'review/ProtocolReviewPage.tsx',
      'review/DecisionPage.tsx',
      'triage/TriageInboxPage.tsx',
      'coach/CoachActivityPage.tsx',
      'notifications/NotificationsPage.tsx',
    ]) {
      expect(lazy.some((src) => src.endsWith(page))).toBe(true);
    }
  });
});
