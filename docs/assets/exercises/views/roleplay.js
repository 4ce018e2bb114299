// The role-play view: the learner plays the practitioner. The engine decides the next turn, the
// feedback, the scores and the report; this view only draws what it returns, with textContent.

import { el } from "../dom.js";
import { saveText } from "../files.js";
import { Progress, recordResult } from "../progress.js";
import { takeOver } from "../session-mode.js";

const MAX_CHOICES = 200;
const REFLECTION_MAX = 4000;
const FINISHED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function pageUrl(root, page) {
  const stem = page.replace(/\.md$/, "");
  const path = stem === "index" ? "" : stem.endsWith("/index") ? stem.slice(0, -5) : stem + "/";
  return root + path;
}

// The learner's local date and time, as the engine reads it ("2026-11-22T14:05").
function localNow() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function validSaved(data) {
  return data && Array.isArray(data.choices) && data.choices.length <= MAX_CHOICES &&
    data.choices.every((c) => typeof c === "string" && c.length <= 80) && typeof data.hold === "boolean" &&
    (data.reflection === undefined || (typeof data.reflection === "string" && data.reflection.length <= REFLECTION_MAX)) &&
    (data.finished === undefined || data.finished === null || (typeof data.finished === "string" && FINISHED.test(data.finished)));
}

// ---- the report: the engine's document drawn block by block (the saved file is the same document) ----

function link(text, href) {
  const a = el("a", text);
  a.href = href;
  return a;
}

function drawList(block) {
  const list = el("ul", null, "roleplay__list");
  for (const item of block.items) {
    const li = el("li", item.text);
    if (item.mark) li.dataset.mark = item.mark;
    list.append(li);
  }
  return list;
}

// One tbody per part of the conversation: a row of figures, then a row of words. Below about 40em the CSS
// turns each tbody into a card; the roles keep it a table for screen readers whatever its display.
function drawScores(block, siteRoot) {
  const table = el("table", null, "roleplay__scores");
  table.setAttribute("role", "table");
  const thead = el("thead");
  thead.setAttribute("role", "rowgroup");
  const head = el("tr");
  head.setAttribute("role", "row");
  for (const name of block.columns) {
    const th = el("th", name);
    th.scope = "col";
    th.setAttribute("role", "columnheader");
    head.append(th);
  }
  thead.append(head);
  table.append(thead);
  for (const row of block.rows) {
    const body = el("tbody", null, "roleplay__part");
    body.setAttribute("role", "rowgroup");
    const figures = el("tr");
    figures.setAttribute("role", "row");
    const name = el("th", row.label);
    name.scope = "row";
    name.setAttribute("role", "rowheader");
    figures.append(name);
    const cells = [el("span", row.points), el("span", row.level_words),
      link(row.step_label, pageUrl(siteRoot, row.step_page)), link(row.house_label, pageUrl(siteRoot, row.house_page))];
    cells.forEach((content, i) => {
      const td = el("td");
      td.setAttribute("role", "cell");
      if (i === 1) td.dataset.level = row.level;
      const label = el("span", `${block.columns[i + 1]}: `, "roleplay__cell-label");
      label.setAttribute("aria-hidden", "true");
      td.append(label, content);
      figures.append(td);
    });
    const words = el("tr", null, "roleplay__part-words");
    words.setAttribute("role", "row");
    const cell = el("td", row.words);
    cell.colSpan = block.columns.length;
    cell.setAttribute("role", "cell");
    words.append(cell);
    body.append(figures, words);
    table.append(body);
  }
  return table;
}

// Each line is "label: text"; the feedback line carries the choice's kind in words, an icon and a border.
function drawEntries(block, className) {
  const list = el("ol", null, `roleplay__entries ${className}`);
  for (const item of block.items) {
    const li = el("li", null, "roleplay__entry");
    for (const line of item.lines) {
      const p = el("p", null, line.style ? `roleplay__line roleplay__line--${line.style}` : "roleplay__line");
      if (line.style === "feedback") {
        p.classList.add("roleplay__verdict");
        p.dataset.kind = item.kind;
      }
      if (line.label) p.append(el("strong", `${line.label}: `, line.style === "feedback" ? "roleplay__kind" : null));
      p.append(line.text);
      li.append(p);
    }
    list.append(li);
  }
  return list;
}

export function mount(frame) {
  if (takeOver(frame)) return; // session mode (?session) draws it for a room instead: nothing is saved
  const root = frame.element;
  const q = (selector) => root.querySelector(selector);
  const parts = {
    transcript: q("[data-transcript]"), turn: q("[data-turn]"), says: q("[data-says]"),
    speaker: q("[data-speaker]"), saysText: q("[data-says-text]"), context: q("[data-context]"),
    choices: q("[data-choices]"), back: q("[data-back]"), restart: q("[data-restart]"),
    report: q("[data-report]"), hold: q("[data-hold]"), notice: q("[data-notice]"),
  };
  const siteRoot = root.dataset.siteRoot || "./";
  const progress = new Progress(`roleplay:${frame.definition.id}`);
  let state = { choices: [], hold: false, reflection: "", finished: null };
  let busy = false;

  function notify(text, action) {
    parts.notice.textContent = text;
    if (action) {
      const button = el("button", action.label, "md-button");
      button.type = "button";
      button.addEventListener("click", action.run);
      parts.notice.append(" ", button);
    }
    parts.notice.hidden = !text;
  }

  // Near the top of the page: a way straight to the conversation, past the introduction.
  const target = root.querySelector(`[id$="-conversation"]`);
  const title = document.querySelector(".md-content__inner h1");
  if (target && title && !document.querySelector("[data-go-to-conversation]")) {
    const jump = el("a", "Go to the conversation");
    jump.href = `#${target.id}`;
    const line = el("p", null, "roleplay__jump");
    line.dataset.goToConversation = "";
    line.append(jump);
    title.after(line);
  }

  function setBusy(value) {
    busy = value;
    for (const button of root.querySelectorAll("[data-choice], [data-back], [data-restart]")) {
      button.setAttribute("aria-disabled", value ? "true" : "false");
    }
  }

  function drawTranscript(step, revealAll) {
    parts.transcript.textContent = "";
    for (const turn of step.history) {
      const item = el("li", null, "roleplay__exchange");
      const they = el("p");
      they.append(el("strong", turn.speaker), " said: ", `“${turn.says}”`);
      const you = el("p");
      you.append(el("strong", "You said"), ": ", `“${turn.say}”`);
      item.append(they, you);
      if (!state.hold || revealAll) {
        const feedback = el("p", null, "roleplay__feedback roleplay__verdict");
        feedback.dataset.kind = turn.kind;
        feedback.append(el("strong", `${turn.kind_words}: `, "roleplay__kind"), turn.feedback);
        item.append(feedback);
      }
      parts.transcript.append(item);
    }
  }

  function drawTurn(step) {
    parts.back.disabled = !step.can_go_back;
    parts.turn.hidden = step.ended;
    if (step.ended) return;
    parts.speaker.textContent = step.node.speaker;
    parts.saysText.textContent = `“${step.node.says}”`;
    parts.context.textContent = step.node.context || "";
    parts.context.hidden = !step.node.context;
    parts.choices.textContent = "";
    for (const choice of step.choices) {
      const button = el("button", choice.say, "roleplay__choice");
      button.type = "button";
      button.dataset.choice = choice.id;
      const item = el("li");
      item.append(button);
      parts.choices.append(item);
    }
  }

  function drawReflection(block, ex) {
    const box = el("div", null, "roleplay__reflection");
    const field = el("textarea", null, "roleplay__reflection-field");
    field.id = `${ex}-reflection`;
    field.rows = 5;
    field.maxLength = REFLECTION_MAX;
    field.value = state.reflection || "";
    const label = el("label", block.label);
    label.htmlFor = field.id;
    const hint = el("p", block.hint, "roleplay__hint");
    hint.id = `${ex}-reflection-hint`;
    field.setAttribute("aria-describedby", hint.id);
    // What prints in place of the box: the same words, as typed.
    const printed = el("p", (state.reflection || "").trim() || block.empty, "roleplay__reflection-print");
    field.addEventListener("input", () => {
      state.reflection = field.value.slice(0, REFLECTION_MAX);
      printed.textContent = state.reflection.trim() || block.empty;
      progress.save(state);
    });
    box.append(label, hint, field, printed);
    return box;
  }

  function drawReport(report) {
    const box = parts.report;
    const ex = frame.definition.id;
    const doc = report.document;
    box.textContent = "";
    const heading = el("h3", doc.heading);
    heading.id = `${ex}-report`;
    heading.tabIndex = -1;
    box.append(heading);
    for (const section of doc.sections) {
      if (section.heading) {
        const h = el(section.level > 1 ? "h5" : "h4", section.heading);
        h.id = `${ex}-report-${section.id}`;
        box.append(h);
      }
      for (const block of section.blocks) {
        if (block.kind === "paragraph") box.append(el("p", block.text, block.style ? `roleplay__${block.style}` : null));
        else if (block.kind === "list") box.append(drawList(block));
        else if (block.kind === "scores") box.append(drawScores(block, siteRoot));
        else if (block.kind === "entries") box.append(drawEntries(block, `roleplay__entries--${section.id}`));
        else if (block.kind === "reflection") box.append(drawReflection(block, ex));
      }
    }
    const actions = el("div", null, "exercise__actions");
    const print = el("button", "Print this report", "md-button");
    print.type = "button";
    print.addEventListener("click", () => {
      document.documentElement.classList.add("print-report");
      window.print();
      document.documentElement.classList.remove("print-report");
    });
    actions.append(print);
    for (const [format, words] of [["text", "Save as a text file (.txt)"], ["markdown", "Save as a Markdown file (.md)"]]) {
      const save = el("button", words, "md-button");
      save.type = "button";
      save.dataset.saveReport = format;
      save.addEventListener("click", () => saveReport(format).catch(() => {}));
      actions.append(save);
    }
    box.append(actions);
    box.hidden = false;
    heading.focus();
  }

  // The file is written by the engine from the same document as the page, with the reflection as typed.
  async function saveReport(format) {
    const file = await frame.ask("report-file", { choices: state.choices, finished: state.finished || null,
      reflection: state.reflection || "", format });
    saveText(file.filename, file.text);
    frame.say(`The report was saved on this device as ${file.filename}.`);
  }

  async function go(choices, how) {
    if (busy) return;
    setBusy(true);
    try {
      const step = await frame.ask("turn", { choices });
      state.choices = choices;
      // When the conversation ended, for the report's date; going back or starting again clears it.
      state.finished = step.ended ? (state.finished || localNow()) : null;
      progress.save(state);
      parts.report.hidden = true;
      drawTranscript(step, step.ended);
      drawTurn(step);
      const last = step.history[step.history.length - 1];
      if (step.ended) {
        frame.say(state.hold ? "The conversation has ended. Your report follows, with all the feedback."
          : `Feedback: ${last.kind_words}. ${last.feedback} The conversation has ended. Your report follows.`);
        const report = await frame.ask("report", { choices, finished: state.finished });
        drawReport(report);
        recordResult(frame.definition.id, { type: "roleplay", title: frame.definition.title,
          summary: `${report.ending.title} (${report.ending.quality} ending); ${report.points.words || ""}`.replace(/; $/, ""),
          details: report.dimensions.map((d) => `${d.label}: ${d.points.words}`) });
      } else {
        if (how === "choice") {
          frame.say(state.hold ? `Your choice is recorded. ${step.node.speaker} replies.`
            : `Feedback: ${last.kind_words}. ${last.feedback}`);
        } else if (how === "back") {
          frame.say("You went back one step.");
        } else if (how === "restart") {
          frame.say("The conversation has started again.");
        } else if (how === "resume") {
          frame.say(`You are back where you left off, after ${choices.length} choices.`);
        }
        if (how !== "resume") parts.says.focus();
      }
      return step;
    } finally {
      setBusy(false);
    }
  }

  parts.choices.addEventListener("click", (event) => {
    const button = event.target.closest("[data-choice]");
    if (!button || busy) return;
    let waiting = null;
    if (frame.engine.state === "loading") {
      // The choice is kept and sent when the engine is ready: show that it was taken, right here.
      button.setAttribute("aria-pressed", "true");
      button.classList.add("roleplay__choice--pressed");
      waiting = el("p", "Starting the exercise\u2026 your choice is kept and will be answered in a moment.",
        "roleplay__waiting");
      waiting.setAttribute("role", "status");
      parts.choices.after(waiting);
    }
    go([...state.choices, button.dataset.choice], "choice").catch(() => {}).finally(() => waiting?.remove());
  });
  parts.back.addEventListener("click", () => {
    if (!busy && state.choices.length) go(state.choices.slice(0, -1), "back").catch(() => {});
  });
  parts.restart.addEventListener("click", () => {
    if (busy) return;
    const before = { choices: [...state.choices], finished: state.finished };
    go([], "restart").then(() => {
      if (!before.choices.length) {
        notify("");
        return;
      }
      notify("The conversation has started again. Your earlier choices and report are cleared.", {
        label: "Undo: go back to where I was",
        run: () => {
          if (busy) return;
          state.finished = before.finished;
          go(before.choices, "resume").then(() => {
            notify("Your earlier conversation is back.");
            parts.says.focus();
          }).catch(() => {});
        },
      });
    }).catch(() => {});
  });
  parts.hold.addEventListener("change", () => {
    state.hold = parts.hold.checked;
    progress.save(state);
    frame.say(state.hold ? "Feedback will be held until the end." : "Feedback will show after each choice.");
    if (state.choices.length) go(state.choices, "hold").catch(() => {});
  });
  root.querySelector("[data-print-cards]")?.addEventListener("click", () => {
    document.documentElement.classList.add("print-cards");
    window.print();
    document.documentElement.classList.remove("print-cards");
  });

  const saved = progress.load(validSaved);
  if (saved.notice) notify(saved.notice);
  if (saved.data) {
    state = { choices: saved.data.choices, hold: saved.data.hold, reflection: saved.data.reflection || "",
      finished: saved.data.finished || null };
    parts.hold.checked = state.hold;
    if (state.choices.length) {
      notify("Welcome back: you are continuing your conversation from where you left off.",
        { label: "Start again instead", run: () => parts.restart.click() });
      go(state.choices, "resume").catch(() => {
        if (frame.engine.state === "failed") return;
        progress.setAside(progress.key, "it no longer fits this scenario");
        notify("Your saved conversation no longer fits this scenario (it may have been updated), so it was set aside and you start afresh.");
        state.choices = [];
        go([], "restart").catch(() => {});
      });
    }
  }
}
