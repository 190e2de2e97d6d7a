// Learn mode in Chromium: every lesson walked screen by screen, inside the
// page (the picker, then Next; each lesson's link is opened in the
// screenshot test). Each
// prediction is answered once right and once wrong (the reveal says which,
// from the real computation); each task's check is unmet before it is done
// and met after. Lesson 3's prediction and lesson 6's chain rule are checked
// against numbers worked out here. Screenshots of every lesson's first
// screen at 1280 × 800 and 390 × 844 go to tests/artifacts/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLightbulb, waitReady } from './support/harness.mjs';
import { artifact, until } from './support/page.mjs';

const lb = useLightbulb();

const lessonOf = (page) => page.evaluate(() => JSON.parse(window.lightbulb.lesson_json()));

async function openScreen(page, lesson, screen) {
  // A fresh load of the link, as a learner opening it would.
  await page.goto('about:blank');
  await page.goto(new URL(`/#lesson=${lesson + 1}&screen=${screen + 1}`, lb.url).href);
  await waitReady(page);
  await page.waitForSelector('body[data-lessons]');
  await until(page, ([l, s]) => {
    const c = JSON.parse(window.lightbulb.lesson_json());
    return c && c.lesson === l && c.screen === s && !document.getElementById('lesson').hidden;
  }, [lesson, screen]);
  // A lesson on the digits waits for its images (the page fetches them).
  await until(page, () => !window.lightbulb.digits_wanted() || window.lightbulb.digits_loaded());
  return lessonOf(page);
}

/**
 * Opens a screen inside the page, as a learner moving through the lessons
 * does: the lesson from the picker (its first screen), then Next. Each
 * open starts the screen afresh, as its link does.
 */
async function openInPage(page, lesson, screen) {
  const at = ([l, s]) => {
    const c = JSON.parse(window.lightbulb.lesson_json());
    return c && c.lesson === l && c.screen === s;
  };
  await page.selectOption('#lesson-pick', String(lesson));
  await until(page, at, [lesson, 0]);
  for (let s = 1; s <= screen; s += 1) {
    await page.click('#lesson-next');
    await until(page, at, [lesson, s]);
  }
  await until(page, () => !window.lightbulb.digits_wanted() || window.lightbulb.digits_loaded());
  return lessonOf(page);
}

/** Numbers in a lesson text, in order ("−0.02" → -0.02). */
const numbersIn = (text) => Array.from(text.matchAll(/[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?/g), (m) => Number(m[0].replace('−', '-')));

const near = (a, b, rel = 0.02) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-3);

/** Does each task, as a learner might, through the page's own handle and controls. */
const doers = {
  async output(page, { above, below }) {
    // Set the weights into the output bulb large, in the direction asked.
    await page.evaluate(({ up }) => {
      const h = window.lightbulb;
      const model = JSON.parse(h.export_model());
      const layers = model.network?.layers ?? model.layers;
      const last = layers.length - 1;
      const inputs = layers[last].weights[0].length;
      for (let from = 0; from < inputs; from += 1) {
        // Probe inputs are positive in these lessons' set-ups, hidden sigmoid outputs too.
        h.set_weight(last, from, 0, up ? 3 : -3);
      }
    }, { up: above !== undefined });
    return { above, below };
  },
  async sliders(page) {
    await page.locator('#x1').fill('-6');
    await page.locator('#x2').fill('6');
  },
  async train(page) {
    await page.click('#play');
  },
  async gentler(page) {
    await page.selectOption('#lr', '0.03');
    await page.selectOption('#activation', 'tanh');
    await page.click('#play');
  },
};

/** Which doer meets each lesson's task, by file order (lesson, screen). */
const TASKS = {
  '0/1': 'output', '1/1': 'sliders', '2/1': 'output', '3/1': 'train', '4/1': 'train',
  '5/1': 'train', '6/1': 'gentler', '7/1': 'train', '8/1': 'train', '9/1': 'train',
  '10/1': 'train',
};

test('every lesson: predictions right and wrong, tasks unmet then met', async () => {
  const { page } = await lb.newPage('/#lesson=1&screen=1', { keep: true });
  await page.waitForSelector('body[data-lessons]');
  const first = await lessonOf(page);
  assert.ok(first.lessons >= 10, `${first.lessons} lessons`);
  const catalogue = await page.evaluate(() => JSON.parse(window.lightbulb.lessons_json()));
  let predictions = 0;
  let tasks = 0;
  for (let l = 0; l < catalogue.length; l += 1) {
    for (let s = 0; s < catalogue[l].screens; s += 1) {
      const where = `lesson ${l + 1} screen ${s + 1}`;
      const c = await openInPage(page, l, s);
      assert.equal(c.title, catalogue[l].title, where);
      assert.ok(c.text.split(/\s+/).length <= 90, `${where}: ${c.text.split(/\s+/).length} words`);
      assert.ok(!c.text.includes('—') && !/NaN|Infinity/.test(c.text), `${where}: ${c.text}`);
      assert.equal(await page.textContent('#lesson-text'), c.text, where);
      if (c.prediction) {
        predictions += 1;
        // First answer: choice 0; the reveal says whether that was right.
        await page.click('#lesson-choices button[data-choice="0"]');
        const r1 = (await lessonOf(page)).prediction.reveal;
        assert.ok(r1 && r1.right >= 0, `${where}: ${JSON.stringify(r1)}`);
        // The answer locks: every choice is disabled, the right one marked.
        assert.equal(await page.locator('#lesson-choices button.choice:not([disabled])').count(), 0, where);
        assert.equal(await page.locator('#lesson-choices button.is-right').count(), 1, where);
        // Second time, from the same start, the other case.
        await openInPage(page, l, s);
        const other = r1.right === 0 ? (c.prediction.choices.length > 1 ? 1 : 0) : r1.right;
        await page.click(`#lesson-choices button[data-choice="${other}"]`);
        const r2 = (await lessonOf(page)).prediction.reveal;
        assert.equal(r2.right, r1.right, `${where}: the same start gives the same answer`);
        const cases = [r1.correct, r2.correct].sort();
        assert.deepEqual(cases, [false, true], `${where}: once right, once wrong`);
        const rightText = r1.correct ? r1.text : r2.text;
        const wrongText = r1.correct ? r2.text : r1.text;
        assert.match(rightText, /^Right\. It went from /, where);
        assert.match(wrongText, /^Not this time: the answer is “/, where);
        assert.equal(await page.textContent('#lesson-reveal'), r2.text, where);
      }
      if (c.task) {
        tasks += 1;
        const fresh = await openInPage(page, l, s);
        assert.equal(fresh.task.met, false, `${where}: the task is met before anything is done`);
        assert.match(await page.textContent('#lesson-task'), /^Your task: /, where);
        const doer = TASKS[`${l}/${s}`];
        assert.ok(doer, `${where}: no way to do its task in this test`);
        await doers[doer](page, fresh.task.goal.includes('above') ? { above: 1 } : { below: 1 });
        await until(page, () => document.getElementById('lesson-task').textContent.startsWith('✓ Done'), undefined, 60_000);
        assert.equal(await page.evaluate(() => window.lightbulb.task_met()), true, where);
        if (await page.evaluate(() => window.lightbulb.playing())) await page.click('#play');
      }
    }
  }
  assert.ok(predictions >= 10 && tasks >= 10, `${predictions} predictions, ${tasks} tasks`);
  lb.release(page);
});

test('a skipped prediction reminds once, then shows the answer; ← → move between screens', async () => {
  const { page } = await lb.newPage('/#lesson=1&screen=1');
  await page.waitForSelector('body[data-lessons]');
  await page.click('#lesson-choices button[data-choice="-1"]');
  assert.match(await page.textContent('#lesson-reveal'), /Predicting first/);
  assert.equal((await lessonOf(page)).prediction.reveal, undefined);
  await page.click('#lesson-choices button[data-choice="-1"]');
  const r = (await lessonOf(page)).prediction.reveal;
  assert.equal(r.chosen, -1);
  assert.match(r.text, /^The answer is “It rises”\. It went from 0\.495 to 0\.618\./);
  await page.keyboard.press('ArrowRight');
  await until(page, () => JSON.parse(window.lightbulb.lesson_json()).screen === 1);
  assert.match(page.url(), /#lesson=1&screen=2$/);
  await page.keyboard.press('ArrowLeft');
  await until(page, () => JSON.parse(window.lightbulb.lesson_json()).screen === 0);
  // "Open in the playground" keeps the network on screen and its settings in the link.
  await page.click('#lesson-leave');
  await until(page, () => document.getElementById('lesson').hidden);
  assert.match(page.url(), /dataset=xor&.*layers=&/);
  assert.equal(await page.evaluate(() => window.lightbulb.get('loss')), 'bce');
});

test("lesson 3's prediction is the 2-1-1 sigmoid forward pass worked by hand", async () => {
  const { page } = await lb.newPage('/#lesson=3&screen=1');
  await page.waitForSelector('body[data-lessons]');
  const c = await lessonOf(page);
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  // Inputs (0.5, 0.8); weights 0.5, −0.3 into the hidden neuron, 0.9 out; biases 0.
  const hidden = sigmoid(0.5 * 0.5 + 0.8 * -0.3);
  const output = sigmoid(0.9 * hidden);
  const shown = numbersIn(c.text).at(-1);
  assert.ok(Math.abs(shown - output) < 5e-4, `shown ${shown}, by hand ${output} (${c.text})`);
  assert.equal(await page.evaluate(() => window.lightbulb.get('x')), '0.5,0.8');
});

test("lesson 2's activation curves mark the output neuron's z, and follow the x₁ slider", async () => {
  const { page } = await lb.newPage('/#lesson=2&screen=1');
  await page.waitForSelector('body[data-lessons]');
  await page.waitForSelector('#lesson-figure:not([hidden]) .curve-panel');
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  const relu = (z) => Math.max(0, z);
  const captions = () => page.$$eval('#lesson-figure figcaption', (fs) => fs.map((f) => f.textContent));
  const panels = await page.$$eval('#lesson-figure .curve-panel', (ps) => ps.map((p) => p.classList.contains('is-active')));
  assert.deepEqual(panels, [true, false, false], 'three curves, the sigmoid outlined as this neuron');
  // Inputs (0.5, 0.8), weights 0.6 and −0.4, bias 0: z = 0.3 − 0.32 = −0.02.
  let fig = (await lessonOf(page)).figure;
  assert.ok(Math.abs(fig.z - -0.02) < 1e-9, `z ${fig.z}`);
  assert.ok(Math.abs(fig.curves[0].a - sigmoid(-0.02)) < 1e-12);
  assert.ok(numbersIn((await lessonOf(page)).text).some((v) => Math.abs(v - sigmoid(-0.02)) < 5e-4));
  assert.match((await captions())[0], /^σ\(−0\.02\) = 0\.495$/);
  assert.equal(await page.textContent('#lesson-figure .is-active .curve-name'), 'sigmoid · this neuron');
  // x₁ = 6: z = 3.6 − 0.32 = 3.28; every panel moves its mark.
  await page.locator('#x1').fill('6');
  await until(page, () => Math.abs(JSON.parse(window.lightbulb.lesson_json()).figure.z - 3.28) < 1e-9);
  await until(page, () => document.querySelector('#lesson-figure figcaption').textContent.startsWith('σ(3.28)'));
  fig = (await lessonOf(page)).figure;
  const byHand = [sigmoid(3.28), Math.tanh(3.28), relu(3.28)];
  fig.curves.forEach((c, i) => assert.ok(Math.abs(c.a - byHand[i]) < 1e-12, `${c.name}: ${c.a} vs ${byHand[i]}`));
  const shown = (await captions()).map((t) => Number(t.split(' = ')[1]));
  byHand.forEach((v, i) => assert.ok(Math.abs(shown[i] - v) < 5e-3, `caption ${i}: ${shown[i]} vs ${v}`));
});

test("lesson 6's chain rule: every factor agrees with a computation here", async () => {
  const { page } = await lb.newPage('/#lesson=6&screen=1');
  await page.waitForSelector('body[data-lessons]');
  const c = await lessonOf(page);
  // "∂L/∂a = a − y = A − Y = D, f′(z) = F, … x = X. So ∂L/∂w = … = G."
  const m = /a − y = (\S+) − (\S+) = (\S+), f′\(z\) = (\S+), and the input that w carries, x = (\S+)\. So ∂L\/∂w = ∂L\/∂a · f′\(z\) · x = (\S+)\./.exec(c.text);
  assert.ok(m, c.text);
  const [a, y, dlda, fprime, x, grad] = m.slice(1).map((t) => Number(t.replace('−', '-')));
  assert.ok(near(dlda, a - y), `∂L/∂a ${dlda} vs a − y = ${a - y}`);
  assert.ok(near(fprime, 1 - a * a), `f′(z) ${fprime} vs 1 − tanh² = ${1 - a * a}`);
  assert.ok(near(grad, dlda * fprime * x), `∂L/∂w ${grad} vs product ${dlda * fprime * x}`);
});

test("every lesson's first screen at 1280 × 800 and 390 × 844", async () => {
  for (const [w, h, extra] of [[1280, 800, {}], [390, 844, { deviceScaleFactor: 3, isMobile: true, hasTouch: true }]]) {
    const { page } = await lb.newPage('/#lesson=1&screen=1', { viewport: { width: w, height: h }, ...extra });
    await page.waitForSelector('body[data-lessons]');
    const n = JSON.parse(await page.evaluate(() => window.lightbulb.lessons_json())).length;
    for (let l = 0; l < n; l += 1) {
      await openScreen(page, l, 0);
      // The card fits the width: nothing of it runs off the screen.
      const box = await page.locator('#lesson').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= w + 1, `lesson ${l + 1} at ${w}: ${JSON.stringify(box)}`);
      await page.screenshot({ path: artifact(`lesson-${String(l + 1).padStart(2, '0')}-${w}.png`) });
    }
    await lb.close(page);
  }
});
