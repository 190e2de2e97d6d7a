// Learn mode: the lesson card over the real app. The lessons are files in
// www/lessons/ (listed in index.json, which the build writes); Rust reads and
// checks each one, opens a screen, runs the reveal of a prediction and checks
// the task on the live state. This module only draws the card from
// handle.lesson_json() and forwards clicks and keys.

import { $, messageOf } from './app.js';
import { drawFigure } from './figure.js';

const WELCOMED = 'lightbulb.welcomed';

/** `#lesson=6&screen=2` → [5, 1] (from 0), or null. */
export function lessonInHash(hash) {
  const m = /^#?lesson=(\d+)(?:&screen=(\d+))?$/.exec(hash);
  return m ? [Number(m[1]) - 1, Math.max(0, Number(m[2] ?? 1) - 1)] : null;
}

export function initLessons(app, start) {
  const { handle } = app;
  const el = {
    card: $('lesson'),
    where: $('lesson-where'),
    title: $('lesson-title'),
    pick: $('lesson-pick'),
    text: $('lesson-text'),
    figure: $('lesson-figure'),
    prediction: $('lesson-prediction'),
    question: $('lesson-question'),
    choices: $('lesson-choices'),
    reveal: $('lesson-reveal'),
    task: $('lesson-task'),
    back: $('lesson-back'),
    next: $('lesson-next'),
    welcome: $('welcome'),
  };
  let shown = '';
  let current = null;
  let reminder = '';
  let ready = false;
  let catalogue = [];

  const learning = () => document.body.classList.contains('learning');

  const render = () => {
    const json = handle.lesson_json();
    if (json === shown) return;
    shown = json;
    current = JSON.parse(json);
    const on = current !== null;
    document.body.classList.toggle('learning', on);
    el.card.hidden = !on;
    if (!on) return;
    const c = current;
    el.where.textContent = `Lesson ${c.lesson + 1} of ${c.lessons} · screen ${c.screen + 1} of ${c.screens}`;
    el.title.textContent = c.title;
    if (el.pick.value !== String(c.lesson)) el.pick.value = String(c.lesson);
    el.text.textContent = c.text;
    drawFigure(el.figure, c.figure);
    const p = c.prediction;
    el.prediction.hidden = !p;
    if (p) {
      el.question.textContent = p.question;
      const buttons = p.choices.map((label, i) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'choice';
        b.textContent = label;
        b.dataset.choice = String(i);
        if (p.reveal) {
          b.disabled = true;
          if (i === p.reveal.right) b.classList.add('is-right');
          if (i === p.reveal.chosen) b.classList.add(p.reveal.correct ? 'is-chosen' : 'is-wrong');
          b.setAttribute('aria-pressed', String(i === p.reveal.chosen));
        }
        return b;
      });
      const skip = document.createElement('button');
      skip.type = 'button';
      skip.className = 'ghost small';
      skip.dataset.choice = '-1';
      skip.textContent = p.reminded ? 'Skip and show me' : 'Skip';
      skip.hidden = Boolean(p.reveal);
      el.choices.replaceChildren(...buttons, skip);
      el.reveal.textContent = p.reveal ? p.reveal.text : reminder;
      el.reveal.className = `lesson-reveal${p.reveal ? (p.reveal.correct ? ' is-right' : ' is-wrong') : ''}`;
    }
    const t = c.task;
    el.task.hidden = !t;
    if (t) {
      el.task.textContent = `${t.met ? '✓ Done: ' : 'Your task: '}${t.goal}`;
      el.task.classList.toggle('is-met', t.met);
    }
    el.back.disabled = c.lesson === 0 && c.screen === 0;
    el.next.disabled = c.lesson + 1 === c.lessons && c.screen + 1 === c.screens;
  };

  const open = (lesson, screen) => {
    reminder = '';
    if (app.run((h) => h.open_lesson(lesson, screen), { detail: { structure: true } })) {
      el.welcome.hidden = true;
      localStorage.setItem(WELCOMED, '1');
      render();
    }
  };

  const move = (delta) => {
    if (!current) return;
    const { lesson, screen, screens } = current;
    if (delta > 0) {
      if (screen + 1 < screens) open(lesson, screen + 1);
      else if (lesson + 1 < current.lessons) open(lesson + 1, 0);
    } else if (screen > 0) {
      open(lesson, screen - 1);
    } else if (lesson > 0) {
      open(lesson - 1, catalogue[lesson - 1].screens - 1);
    }
  };

  el.choices.addEventListener('click', (e) => {
    const b = e.target instanceof Element && e.target.closest('button[data-choice]');
    if (!b) return;
    const choice = Number(b.dataset.choice);
    const revealed = app.run((h) => h.predict(choice), { detail: { structure: true } });
    reminder = revealed === false
      ? 'Predicting first is what makes it stick. Pick an answer, or press “Skip and show me” to see the result.'
      : '';
    shown = '';
    render();
  });
  el.back.addEventListener('click', () => move(-1));
  el.next.addEventListener('click', () => move(1));
  el.pick.addEventListener('change', () => open(Number(el.pick.value), 0));
  $('lesson-leave').addEventListener('click', () => {
    app.run((h) => h.leave_lesson(), { detail: { structure: true } });
    render();
  });
  $('lessons-toggle').addEventListener('click', () => {
    if (learning()) return;
    open(0, 0);
  });
  $('welcome-lessons').addEventListener('click', () => open(0, 0));
  $('welcome-playground').addEventListener('click', () => {
    el.welcome.hidden = true;
    localStorage.setItem(WELCOMED, '1');
  });
  // ← → move between screens while learning (before the transport's → step).
  document.addEventListener('keydown', (e) => {
    if (!learning() || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const t = e.target;
    if (t instanceof Element && t.closest('input, select, textarea, [contenteditable]')) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      move(e.key === 'ArrowRight' ? 1 : -1);
    }
  });
  app.onChange(() => {
    shown = '';
    render();
  });

  // Load every lesson file; a bad one is reported (by name and field) and left out.
  const load = async () => {
    const names = await (await fetch('www/lessons/index.json')).json();
    const texts = await Promise.all(names.map(async (name) => (await fetch(`www/lessons/${name}`)).text()));
    const problems = [];
    names.forEach((name, i) => {
      try {
        handle.add_lesson(name, texts[i]);
      } catch (error) {
        problems.push(messageOf(error));
      }
    });
    if (problems.length) app.error(`Some lessons could not be used: ${problems.join('; ')}`);
    catalogue = JSON.parse(handle.lessons_json());
    el.pick.replaceChildren(...catalogue.map((l, i) => new Option(`${i + 1}. ${l.title}`, String(i))));
    ready = true;
    if (start) open(start[0], start[1]);
    else if (!location.hash && !localStorage.getItem(WELCOMED)) el.welcome.hidden = false;
    document.body.dataset.lessons = String(catalogue.length);
  };
  const loaded = load().catch((error) => app.error(`The lessons could not be loaded: ${messageOf(error)}`));

  let frames = 0;
  return {
    /** Settles once the lessons are loaded (or failed to load). */
    loaded,
    /** Every few frames while learning: the task's check and the live numbers. */
    tick() {
      if (!ready || !learning() || (frames += 1) % 15 !== 0) return;
      render();
    },
  };
}
