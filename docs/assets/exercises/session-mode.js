// Session mode: an exercise page opened with ?session=<exercise id> (optionally &minutes=15&segment=Title)
// becomes a projector screen for a trainer running the exercise with a room. The page's header,
// navigation, sidebars, footer and other text are hidden (html.session-mode, session-mode.css); large
// text on a plain background shows one step at a time; answers and feedback are drawn only when the
// trainer reveals them. A toolbar holds a timer for the segment, Previous / Reveal / Next, a way out, and
// the keyboard shortcuts, which can be turned off.
//
// Each view calls takeOver(frame) first: in session mode the learner's view is not mounted, so nothing
// the room chooses is saved on this device or recorded as a result. The steps for each type are in
// ./session/<type>.js; they ask the engine through the same frame.ask() calls as the learner's views.

import { el } from "./dom.js";

const params = new URLSearchParams(location.search);
export const ACTIVE = params.has("session");
const TYPES = new Set(["quiz", "roleplay", "plan-review", "readiness"]);
const DEFAULT_MINUTES = 10;
const MAX_MINUTES = 240;
const MAX_SEGMENT = 100;

if (ACTIVE) document.documentElement.classList.add("session-mode");

function pad(n) {
  return String(n).padStart(2, "0");
}

function clockWords(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const minutes = m === 1 ? "1 minute" : `${m} minutes`;
  return s ? `${minutes} ${s} seconds` : minutes;
}

function button(text, className) {
  const b = el("button", text, className || "session__button");
  b.type = "button";
  return b;
}

// The page without ?session: where "Leave session mode" goes.
function leaveUrl() {
  const url = new URL(location.href);
  url.search = "";
  url.hash = "";
  return url.href;
}

// A countdown for the segment. Announced (politely) when started, paused, reset, at 5 and 1 minutes
// left and when time is up; never every second. The clock itself is a role="timer" (not announced).
class Timer {
  constructor(minutes, onChange) {
    this.total = minutes * 60;
    this.left = this.total;
    this.running = false;
    this.onChange = onChange;
    this.tick = this.tick.bind(this);
  }

  toggle() {
    if (this.running) this.pause();
    else this.start();
  }

  start() {
    if (this.running) return;
    if (this.left === 0) this.left = this.total;
    this.running = true;
    this.endsAt = Date.now() + this.left * 1000;
    this.interval = setInterval(this.tick, 250);
    this.onChange(`Timer started: ${clockWords(this.left)} left.`);
  }

  pause() {
    if (!this.running) return;
    this.tick();
    this.running = false;
    clearInterval(this.interval);
    this.onChange(`Timer paused with ${clockWords(this.left)} left.`);
  }

  reset() {
    this.running = false;
    clearInterval(this.interval);
    this.left = this.total;
    this.onChange(`Timer reset to ${clockWords(this.total)}.`);
  }

  tick() {
    if (!this.running) return;
    const before = this.left;
    this.left = Math.max(0, Math.ceil((this.endsAt - Date.now()) / 1000));
    if (this.left === before) return;
    let words = null;
    for (const mark of [300, 60]) {
      if (before > mark && this.left <= mark && this.total > mark) words = `${mark / 60 === 1 ? "1 minute" : "5 minutes"} left.`;
    }
    if (this.left === 0) {
      this.running = false;
      clearInterval(this.interval);
      words = "Time is up.";
    }
    this.onChange(words);
  }

  get shown() {
    return `${pad(Math.floor(this.left / 60))}:${pad(this.left % 60)}`;
  }
}

// The screen: controls, the current step, and the list of shortcuts.
class Shell {
  constructor(target) {
    this.target = target;
    const asked = Number(params.get("minutes"));
    this.minutesGiven = Number.isInteger(asked) && asked >= 1 && asked <= MAX_MINUTES;
    const minutes = this.minutesGiven ? asked : DEFAULT_MINUTES;
    this.segment = (params.get("segment") || "").replace(/\s+/g, " ").trim().slice(0, MAX_SEGMENT);
    this.timer = new Timer(minutes, (words) => this.drawTimer(words));
    this.shortcutsOn = true;
    this.controller = null;
    this.build();
    document.body.append(this.root);
    this.drawTimer(null);
    document.title = `Session mode: ${document.title}`;
    window.addEventListener("keydown", (event) => this.key(event), { capture: true });
  }

  build() {
    this.root = el("div", null, "session");
    this.root.id = "session";

    // The controls: a region with a heading, first on the screen and first in the reading order.
    const bar = el("section", null, "session__bar");
    bar.setAttribute("aria-labelledby", "session-bar-heading");
    const barHeading = el("h2", "Session controls", "session__bar-heading");
    barHeading.id = "session-bar-heading";

    const timerBox = el("div", null, "session__timer");
    timerBox.setAttribute("role", "group");
    timerBox.setAttribute("aria-labelledby", "session-timer-label");
    const timerLabel = el("span", this.segment ? `Timer for “${this.segment}”` : "Timer", "session__timer-label");
    timerLabel.id = "session-timer-label";
    this.clock = el("span", "", "session__clock");
    this.clock.setAttribute("role", "timer");
    this.clock.dataset.sessionClock = "";
    this.timerButton = button("Start timer");
    this.timerButton.dataset.sessionTimer = "";
    this.timerButton.addEventListener("click", () => this.timer.toggle());
    const reset = button("Reset timer");
    reset.dataset.sessionTimerReset = "";
    reset.addEventListener("click", () => this.timer.reset());
    this.timerNote = el("span", "", "session__timer-note");
    this.timerNote.setAttribute("aria-live", "polite");
    this.timerNote.dataset.sessionTimerNote = "";
    timerBox.append(timerLabel, this.clock, this.timerButton, reset, this.timerNote);

    const steps = el("div", null, "session__steps");
    this.previousButton = button("Previous");
    this.previousButton.dataset.sessionPrevious = "";
    this.revealButton = button("Reveal", "session__button session__button--reveal");
    this.revealButton.dataset.sessionReveal = "";
    this.nextButton = button("Next");
    this.nextButton.dataset.sessionNext = "";
    this.previousButton.addEventListener("click", () => this.act("previous"));
    this.revealButton.addEventListener("click", () => this.act("reveal"));
    this.nextButton.addEventListener("click", () => this.act("next"));
    const leave = el("a", "Leave session mode", "session__leave");
    leave.href = leaveUrl();
    leave.dataset.sessionLeave = "";
    steps.append(this.previousButton, this.revealButton, this.nextButton, leave);
    bar.append(barHeading, timerBox, steps);

    // The step on screen.
    this.main = el("main", null, "session__main");
    this.main.setAttribute("aria-labelledby", "session-title");
    const title = el("h1", "", "session__title");
    title.id = "session-title";
    this.titleText = title;
    this.content = el("div", null, "session__content");
    this.content.dataset.sessionContent = "";
    this.status = el("p", "", "session__status");
    this.status.setAttribute("role", "status");
    this.status.dataset.sessionStatus = "";
    this.main.append(title, this.content, this.status);

    // The shortcuts, listed on screen, with a way to turn them off (WCAG 2.1.4).
    const keys = el("section", null, "session__keys");
    keys.setAttribute("aria-labelledby", "session-keys-heading");
    const keysHeading = el("h2", "Keyboard shortcuts", "session__keys-heading");
    keysHeading.id = "session-keys-heading";
    this.keyList = el("ul", null, "session__key-list");
    this.keyList.dataset.sessionKeys = "";
    const toggle = el("p", null, "session__keys-toggle");
    const box = el("input");
    box.type = "checkbox";
    box.id = "session-shortcuts";
    box.checked = true;
    box.dataset.sessionShortcuts = "";
    box.addEventListener("change", () => {
      this.shortcutsOn = box.checked;
      this.say(box.checked ? "Keyboard shortcuts are on." : "Keyboard shortcuts are off. Use the buttons.");
    });
    const label = el("label", "Use these keyboard shortcuts (they never act while you type in a box)");
    label.htmlFor = box.id;
    toggle.append(box, " ", label);
    keys.append(keysHeading, this.keyList, toggle);
    this.drawKeys(null);

    this.root.append(bar, this.main, keys);
  }

  drawKeys(chooseHelp) {
    const rows = [["R", "reveal the answer or feedback"], ["N", "next"], ["P", "previous"],
      ["T", "start or pause the timer"]];
    if (chooseHelp) rows.push(chooseHelp);
    rows.push(["Esc", "leave session mode"]);
    this.keyList.textContent = "";
    for (const [keyName, words] of rows) {
      const item = el("li");
      item.append(el("kbd", keyName), `: ${words}`);
      this.keyList.append(item);
    }
  }

  drawTimer(words) {
    this.clock.textContent = this.timer.shown;
    this.clock.dataset.state = this.timer.running ? "running" : this.timer.left === 0 ? "done" : "stopped";
    this.timerButton.textContent = this.timer.running ? "Pause timer" : "Start timer";
    if (words) this.timerNote.textContent = words;
  }

  say(text) {
    this.status.textContent = text;
  }

  // What the type's steps draw: a heading for the step (focus goes there when the step changes), a line
  // saying where the room is, and the step's content.
  show({ heading, position, body, focus = true }) {
    this.content.textContent = "";
    if (position) this.content.append(el("p", position, "session__position"));
    const h = el("h2", heading, "session__heading");
    h.id = "session-step";
    h.tabIndex = -1;
    this.content.append(h, ...body);
    if (focus) h.focus();
  }

  setControls({ previous = true, reveal = true, next = true, revealLabel = "Reveal" } = {}) {
    const set = (b, on) => b.setAttribute("aria-disabled", on ? "false" : "true");
    set(this.previousButton, previous);
    set(this.revealButton, reveal);
    set(this.nextButton, next);
    this.revealButton.textContent = revealLabel;
  }

  act(what, argument) {
    if (!this.controller) {
      this.say("The exercise is still opening.");
      return;
    }
    const button = { previous: this.previousButton, reveal: this.revealButton, next: this.nextButton }[what];
    if (button && button.getAttribute("aria-disabled") === "true") {
      this.say(this.controller.why?.(what) || `${button.textContent} is not available on this step.`);
      return;
    }
    Promise.resolve(this.controller[what](argument)).catch((error) => {
      console.error("[exercises] Session mode:", error);
      if (this.frame.engine.state === "failed") this.say("The exercise engine could not start, so this cannot be shown.");
      else this.say("Sorry, something went wrong: " + error.message);
    });
  }

  key(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"))) return;
    const key = event.key;
    // The theme's own single keys (n and p go to the next and previous page, s and f and / open search)
    // must not take the room away from the exercise.
    const theme = ["n", "N", "p", "P", ",", ".", "s", "S", "f", "F", "/"].includes(key);
    if (!this.shortcutsOn) {
      if (theme) event.stopPropagation();
      return;
    }
    let handled = true;
    if (key === "r" || key === "R") this.act("reveal");
    else if (key === "n" || key === "N") this.act("next");
    else if (key === "p" || key === "P") this.act("previous");
    else if (key === "t" || key === "T") this.timer.toggle();
    else if (key === "Escape") location.href = leaveUrl();
    else if (/^[0-9]$/.test(key) && this.controller?.choose) this.act("choose", key);
    else handled = false;
    if (handled || theme) {
      event.stopPropagation();
      if (handled) event.preventDefault();
    }
  }

  async run(frame) {
    this.frame = frame;
    const type = frame.element.dataset.exerciseType;
    this.titleText.textContent = frame.definition.title;
    frame.engine.onState((state, reason) => {
      if (state === "failed") this.say(`The exercise engine could not start: ${reason || ""} Use the printed answers instead.`.trim());
    });
    const steps = await import(`./session/${type}.js`);
    this.controller = steps.mount(this, frame);
    this.drawKeys(this.controller.chooseHelp || null);
  }

  nothingHere() {
    this.titleText.textContent = "Session mode";
    this.setControls({ previous: false, reveal: false, next: false });
    const wanted = params.get("session");
    this.show({
      heading: "There is no exercise to run here",
      body: [el("p", wanted ? `This page holds no exercise called “${wanted.slice(0, 80)}” that session mode can run.`
        : "This page holds no exercise that session mode can run.")],
      focus: false,
    });
  }
}

let shell = null;

function targetElement() {
  const wanted = params.get("session") || "";
  const all = [...document.querySelectorAll("[data-exercise]")].filter((e) => TYPES.has(e.dataset.exerciseType));
  return all.find((e) => e.dataset.exercise === wanted) || (wanted ? null : all[0]) || null;
}

if (ACTIVE) {
  shell = new Shell(targetElement());
  if (!shell.target) shell.nothingHere();
}

// Called first by each view's mount(). In session mode, returns true: the learner's view is not mounted
// (nothing is saved or recorded), and the exercise chosen for the session is drawn on the session screen.
export function takeOver(frame) {
  if (!ACTIVE) return false;
  if (shell && frame.element === shell.target && !shell.frame) {
    shell.run(frame).catch((error) => {
      console.error("[exercises] Session mode could not start:", error);
      shell.say("Session mode could not open this exercise.");
    });
  }
  return true;
}

// Numbered options the trainer picks for the room: large buttons, the pick shown by words and a mark as
// well as by colour; once revealed, they are locked (aria-disabled) and marked with what the answer was.
export function optionList({ options, picked, locked, labelledBy, onPick }) {
  const list = el("ul", null, "session__options");
  if (labelledBy) list.setAttribute("aria-labelledby", labelledBy);
  for (const option of options) {
    const item = el("li");
    const b = el("button", null, "session__option");
    b.type = "button";
    b.dataset.sessionOption = option.key;
    b.setAttribute("aria-pressed", option.key === picked ? "true" : "false");
    if (locked) b.setAttribute("aria-disabled", "true");
    const keyMark = el("span", option.key, "session__option-key");
    keyMark.setAttribute("aria-hidden", "true");
    b.append(keyMark, el("span", option.text, "session__option-text"));
    const notes = [];
    if (option.key === picked) notes.push("The room's choice");
    if (option.note) notes.push(option.note);
    if (notes.length) b.append(el("span", notes.join(". "), "session__option-note"));
    if (option.mark) b.dataset.mark = option.mark;
    b.addEventListener("click", () => {
      if (b.getAttribute("aria-disabled") === "true") return;
      onPick(option.key);
    });
    item.append(b);
    list.append(item);
  }
  return list;
}
