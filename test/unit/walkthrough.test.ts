// The getting-started walkthrough (package.json contributes.walkthroughs): open a profile → Go to
// Hottest Line → Compare with Base Profile… → Analyze Growth, on the example leaky service. Every
// button runs a contributed command and is labeled with its title, every completion event names a
// contributed command or one of our context keys, every media file exists, ships and names only
// files of the example that exist.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Commands, ContextKeys } from '../../src/extension/constants';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; walkthroughs: Walkthrough[] };
};
const titles = new Map(pkg.contributes.commands.map((c) => [c.command, c.title]));
const walkthroughs = pkg.contributes.walkthroughs;

/** The [label](command:id) buttons of a step's description. */
function buttons(description: string): { label: string; command: string }[] {
  return [...description.matchAll(/\[([^\]]+)\]\(command:([\w.]+)[^)]*\)/g)].map((m) => ({ label: m[1], command: m[2] }));
}

describe('walkthrough', () => {
  it('takes a new user through open → hottest line → compare → growth', () => {
    assert.equal(walkthroughs.length, 1);
    assert.deepEqual(
      walkthroughs[0].steps.map((s) => buttons(s.description).map((b) => b.command)),
      [[Commands.openExample, Commands.openProfile], [Commands.goToHottestLine], [Commands.compareWithBase], [Commands.analyzeGrowth]],
    );
  });

  for (const step of walkthroughs.flatMap((w) => w.steps)) {
    it(`step ${step.id}: buttons, completion events and media are real`, () => {
      for (const b of buttons(step.description)) {
        assert.ok(titles.has(b.command), `${b.command} is not in contributes.commands`);
        assert.equal(b.label, titles.get(b.command), `the button of ${b.command} is labeled with its title`);
      }
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, 'a step completes on an event');
      const contextKeys = new Set<string>(Object.values(ContextKeys));
      for (const e of events) {
        const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(titles.has(arg), `${e}: not in contributes.commands`);
        else if (kind === 'onContext') assert.ok(contextKeys.has(arg), `${e}: not one of ContextKeys`);
        else assert.fail(`${e}: unexpected completion event`);
      }
      // The step completes when its button runs (Open Example… only prepares the first step: it
      // completes when a profile is opened).
      for (const b of buttons(step.description).filter((x) => x.command !== Commands.openExample)) assert.ok(events.includes(`onCommand:${b.command}`), `${step.id} completes on onCommand:${b.command}`);
      const media = step.media.markdown;
      assert.ok(media, 'markdown media');
      assert.match(media, /^media\//, 'the media ships (.vscodeignore keeps media/**)');
      const file = path.join(root, media);
      assert.ok(existsSync(file), `${media} exists`);
      const text = readFileSync(file, 'utf8');
      assert.match(text, new RegExp(`^# ${step.title}\\n`), 'the media starts with the step title');
      // Every example file the text names exists in examples/leaky-service.
      for (const m of text.matchAll(/`((?:profiles\/)?[\w.]+\.(?:pb\.gz|go))(?::\d+)?`/g)) {
        const name = m[1];
        const inExample = [name, path.join('profiles', name)].some((n) => existsSync(path.join(root, 'examples', 'leaky-service', n)));
        assert.ok(inExample || /^(heap|cpu|allocs)\.(pb\.gz|pprof)$/.test(name), `${media} names ${name}, not in examples/leaky-service`);
      }
    });
  }

  it('.vscodeignore ships the walkthrough media', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!media/**'), '.vscodeignore keeps media/**');
  });

  it('.vscodeignore ships the example that Open Example… copies', () => {
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!examples/leaky-service/**'), '.vscodeignore keeps examples/leaky-service/**');
  });
});
