import type { ContentStore } from './ledger.js';

/** The analysis digests a snapshot body names, each once. */
export function analysisDigestsOf(body: string): string[] {
  return [...new Set((JSON.parse(body) as { files: { digest?: string }[] }).files.flatMap((file) => (file.digest ? [file.digest] : [])))];
}

/** A snapshot held in `store` and the analyses it names that the store holds too (what is sent to a team server), or undefined. */
export function contentIn(store: ContentStore, snapshotId: string): { body: string; analyses: { digest: string; analysis: string }[] } | undefined {
  const body = store.getSnapshot(snapshotId);
  if (body === undefined) return undefined;
  const analyses = analysisDigestsOf(body).flatMap((digest) => {
    const analysis = store.getAnalysis(digest);
    return analysis === undefined ? [] : [{ digest, analysis }];
  });
  return { body, analyses };
}
