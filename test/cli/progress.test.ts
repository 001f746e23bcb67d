import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatEta, inCi, startProgress, withProgress, type ProgressOptions } from '../../src/cli/progress.js';

/** A stream that keeps what is written to it and says it is (or is not) a terminal of the given width. */
class FakeStream extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const NO_CI = { TERM: 'xterm' };
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(\[[0-9;?]*[A-Za-z]|[78])/g;

/** Reports up to half of `total` in five steps, pausing so the rate (and so the ETA) is known; returns what the stream received. */
async function run(options: Omit<ProgressOptions, 'label' | 'unit'>, total = 10): Promise<string> {
  const progress = startProgress({ label: 'scan', unit: 'files', ...options });
  progress.report(0, total);
  for (let step = 1; step <= 5; step++) {
    await sleep(15);
    progress.report((total * step) / 10, total);
  }
  // Past cli-progress's redraw interval, so the half-way frame is drawn by its timer.
  await sleep(250);
  progress.stop();
  return (options.stream as FakeStream).text;
}

test('on a terminal the bar shows the label, the count with its unit, the percentage and an ETA, and is erased when it stops', async () => {
  const stream = new FakeStream(true);
  const text = await run({ stream, env: NO_CI });
  const frames = text.replace(ESCAPES, '\n').split('\n').filter(Boolean);
  assert.ok(frames.includes(`loopwarden scan [${'-'.repeat(40)}] 0/10 files · 0% · ETA ?`), frames.join('\n'));
  assert.ok(frames.some((frame) => /^loopwarden scan \[=+-+\] 5\/10 files · 50% · ETA \d+s$/.test(frame)), frames.join('\n'));
  // Stopped: the cursor goes back and the line is cleared, so what the command prints next starts clean.
  assert.ok(text.endsWith('\x1b8\x1b[1G\x1b[2K'), JSON.stringify(text.slice(-40)));
});

test('nothing after the bar has stopped: a late report draws nothing', async () => {
  const stream = new FakeStream(true);
  const progress = startProgress({ label: 'history', unit: 'commits', stream, env: NO_CI });
  progress.report(1, 3);
  assert.equal(progress.drawing, true);
  progress.stop();
  progress.stop();
  const written = stream.text;
  progress.report(2, 3);
  await sleep(150);
  assert.equal(stream.text, written);
  assert.equal(progress.drawing, false);
});

test('the whole line fits a narrow terminal: the bar gets shorter', async () => {
  const stream = new FakeStream(true, 60);
  const frames = (await run({ stream, env: NO_CI }, 1000)).replace(ESCAPES, '\n').split('\n').filter(Boolean);
  assert.ok(frames.length > 0);
  for (const frame of frames) assert.ok(frame.length <= 60, `${frame.length}: ${frame}`);
  assert.match(frames[0]!, /^loopwarden scan \[-{10,}\] 0\/1000 files · 0% · ETA \?$/);
});

test('nothing at all is written when the stream is not a terminal, with --quiet, when CI is set, or on a dumb terminal', async () => {
  assert.equal(await run({ stream: new FakeStream(false), env: NO_CI }), '');
  assert.equal(await run({ stream: new FakeStream(true), env: NO_CI, quiet: true }), '');
  assert.equal(await run({ stream: new FakeStream(true), env: { ...NO_CI, CI: 'true' } }), '');
  assert.equal(await run({ stream: new FakeStream(true), env: { ...NO_CI, CI: '1' } }), '');
  assert.equal(await run({ stream: new FakeStream(true), env: { TERM: 'dumb' } }), '');
  // No work, no bar.
  const empty = new FakeStream(true);
  const progress = startProgress({ label: 'scan', unit: 'files', stream: empty, env: NO_CI });
  progress.report(0, 0);
  progress.stop();
  assert.equal(empty.text, '');
});

test('CI counts as set unless empty, 0 or false', () => {
  assert.deepEqual(
    ['true', '1', 'yes', 'woodpecker', '', '0', 'false', 'FALSE', undefined].map((CI) => inCi(CI === undefined ? {} : { CI })),
    [true, true, true, true, false, false, false, false, false],
  );
});

/** How many timers are pending: a bar that is not stopped keeps one, and with it the process, alive. */
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

test('withProgress clears the bar when the work fails, before the error reaches the user', async () => {
  const stream = new FakeStream(true);
  const before = timers();
  await assert.rejects(
    withProgress({ label: 'scan', unit: 'files', stream, env: NO_CI }, async (report) => {
      report(3, 10);
      throw new Error('disk on fire');
    }),
    /disk on fire/,
  );
  assert.match(stream.text, /3\/10 files/);
  assert.ok(stream.text.endsWith('\x1b[2K'), JSON.stringify(stream.text.slice(-20)));
  assert.equal(timers(), before);
});

test('withProgress returns what the work returns, and stops the bar (its timer would keep the process alive)', async () => {
  const stream = new FakeStream(true);
  const before = timers();
  const value = await withProgress({ label: 'ci', unit: 'commits', stream, env: NO_CI }, async (report) => {
    report(1, 2);
    report(2, 2);
    return 42;
  });
  assert.equal(value, 42);
  assert.ok(stream.text.endsWith('\x1b[2K'));
  assert.equal(timers(), before);
});

test('where a bar cannot be drawn, the experiment gets a line at every tenth instead; --quiet silences those too', async () => {
  const lines = new FakeStream(false);
  const progress = startProgress({ label: 'experiment', unit: 'iterations', stream: lines, env: NO_CI, linesWithoutBar: true });
  // A resumed run: 4 of 20 done already, which is not announced.
  for (let done = 4; done <= 20; done++) progress.report(done, 20);
  progress.stop();
  assert.deepEqual(lines.text.trim().split('\n'), [6, 8, 10, 12, 14, 16, 18, 20].map((done) => `loopwarden: ${done}/20 iterations`));
  const inCiLines = new FakeStream(true);
  const inCiProgress = startProgress({ label: 'experiment', unit: 'iterations', stream: inCiLines, env: { CI: 'true' }, linesWithoutBar: true });
  for (let done = 0; done <= 10; done++) inCiProgress.report(done, 10);
  inCiProgress.stop();
  assert.equal(inCiLines.text.trim().split('\n').length, 10);
  assert.doesNotMatch(inCiLines.text, /\[/);
  const quiet = new FakeStream(false);
  const quietProgress = startProgress({ label: 'experiment', unit: 'iterations', stream: quiet, env: NO_CI, linesWithoutBar: true, quiet: true });
  for (let done = 0; done <= 10; done++) quietProgress.report(done, 10);
  quietProgress.stop();
  assert.equal(quiet.text, '');
});

test('ETA reads as seconds, minutes or hours', () => {
  assert.deepEqual([0, 9.4, 59, 60, 187, 3599, 3600, 7500].map(formatEta), ['0s', '9s', '59s', '1m00s', '3m07s', '59m59s', '1h00m', '2h05m']);
});
