// The role-play view: the learner plays the practitioner. The engine decides the next turn, the
// feedback, the scores and the report; this view only draws what it returns, with textContent.

import { el } from "../dom.js";
import { saveText } from "../files.js";
import { Progress } from "../progress.js";

const QUALITY = { good: "Good ending", mixed: "Mixed ending", poor: "Poor ending" };
const LEVEL = { strong: "Strong", some: "Some", weak: "Needs work" };
const MAX_CHOICES = 200;

function pageUrl(root, page) {
  const stem = page.replace(/\.md$/, "");
  const path = stem === "index" ? "" : stem.endsWith("/index") ? stem.slice(0, -5) : stem + "/";
  return root + path;
}

// What the scenario looks for on the way, and why the ending changed when something was missed.
function momentLines(report) {
  return (report.moments || []).map((m) =>
    `${m.happened ? "Done" : "Not done"}: ${m.label}${m.essential ? " (a good ending needs this)" : ""}`);
}

function detourLines(report) {
  return (report.detours || []).map((d) => `Why it ended here: ${d.words}`);
}

function validSaved(data) {
  return data && Array.isArray(data.choices) && data.choices.length <= MAX_CHOICES &&
    data.choices.every((c) => typeof c === "string" && c.length <= 80) && typeof data.hold === "boolean";
}

// The report as plain text, for the learner to keep (nothing is sent anywhere).
function reportText(report, title) {
  const lines = [`${title}: your report`, "", report.comparison.summary,
    `Your total score: ${report.total}. The best path scores ${report.best_total}.`, "",
    `How it ended: ${report.ending.title} (${QUALITY[report.ending.quality] || report.ending.quality})`,
    report.ending.what_happened, ...detourLines(report), "", "The plan:",
    ...report.ending.plan.map((p) => `- ${p}`), "",
    "What this conversation looks for:", ...momentLines(report).map((m) => `- ${m}`), "",
    "Each part of the conversation:"];
  for (const d of report.dimensions) {
    lines.push(`- ${d.label}: ${d.score} (range ${d.min} to ${d.max}); step: ${d.step_label}; ` +
      `house: ${d.house_label}`, `  ${d.comment}`);
  }
  lines.push("", "The whole conversation:");
  for (const line of report.transcript) {
    lines.push(`${line.role === "practitioner" ? "You" : line.speaker}: ${line.text}`);
  }
  return lines.join("\n") + "\n";
}

export function mount(frame) {
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
  let state = { choices: [], hold: false };
  let busy = false;

  function notify(text) {
    parts.notice.textContent = text;
    parts.notice.hidden = !text;
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
        const feedback = el("p", null, turn.best ? "roleplay__feedback roleplay__feedback--best" : "roleplay__feedback");
        feedback.append(el("strong", turn.best ? "Feedback (best choice here): " : "Feedback: "), turn.feedback);
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

  function link(text, href) {
    const a = el("a", text);
    a.href = href;
    return a;
  }

  function drawReport(report) {
    const box = parts.report;
    box.textContent = "";
    const heading = el("h3", "Your report");
    heading.id = `${frame.definition.id}-report`;
    heading.tabIndex = -1;
    const actions = el("div", null, "exercise__actions");
    const print = el("button", "Print this report", "md-button");
    print.type = "button";
    print.addEventListener("click", () => {
      document.documentElement.classList.add("print-report");
      window.print();
      document.documentElement.classList.remove("print-report");
    });
    const save = el("button", "Save this report as a file", "md-button");
    save.type = "button";
    save.addEventListener("click", () => saveReport(report));
    actions.append(print, save);
    box.append(heading, el("p", report.comparison.summary),
      el("p", `Your total score: ${report.total}. The best path scores ${report.best_total}.`));

    const ending = report.ending;
    box.append(el("h4", `How it ended: ${ending.title} (${QUALITY[ending.quality] || ending.quality})`),
      el("p", ending.what_happened));
    for (const line of detourLines(report)) box.append(el("p", line, "roleplay__detour"));
    box.append(el("h5", "The plan that came out of it"));
    const plan = el("ul");
    for (const item of ending.plan) plan.append(el("li", item));
    box.append(plan);
    const looksFor = momentLines(report);
    if (looksFor.length) {
      box.append(el("h5", "What this conversation looks for"));
      const list = el("ul", null, "roleplay__moments");
      for (const line of looksFor) list.append(el("li", line));
      box.append(list);
    }

    box.append(el("h4", "Each part of the conversation"));
    const table = el("table", null, "roleplay__scores");
    const head = el("tr");
    for (const h of ["Part", "Your score", "Range", "How you did", "Step", "Part of the house"]) {
      const th = el("th", h);
      th.scope = "col";
      head.append(th);
    }
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    for (const d of report.dimensions) {
      const row = el("tr");
      const name = el("th", d.label);
      name.scope = "row";
      const step = el("td");
      step.append(link(d.step_label, pageUrl(siteRoot, d.step_page)));
      const house = el("td");
      house.append(link(d.house_label, pageUrl(siteRoot, d.house_page)));
      row.append(name, el("td", String(d.score)), el("td", `${d.min} to ${d.max}`),
        el("td", LEVEL[d.level] || d.level), step, house);
      tbody.append(row);
    }
    table.append(thead, tbody);
    box.append(table);
    const comments = el("ul", null, "roleplay__comments");
    for (const d of report.dimensions) {
      const item = el("li");
      item.append(el("strong", `${d.label}: `), d.comment);
      comments.append(item);
    }
    box.append(comments);

    const missed = report.comparison.decisions.filter((d) => d.matched === false && d.best);
    if (missed.length) {
      box.append(el("h4", "Where a better choice was open"));
      const list = el("ol");
      for (const d of missed) {
        const item = el("li");
        item.append(el("p", `When they said “${d.says}”`), el("p", `You said: “${d.you.say}”`),
          el("p", `A better choice: “${d.best.say}” ${d.best.feedback}`));
        list.append(item);
      }
      box.append(list);
    }
    if (report.skills_practised.length) {
      box.append(el("h4", "Skills you used"));
      const list = el("ul");
      for (const s of report.skills_practised) list.append(el("li", `${s.label} (${s.count})`));
      box.append(list);
    }
    if (report.habits_to_watch.length) {
      box.append(el("h4", "Habits to watch"));
      const list = el("ul");
      for (const s of report.habits_to_watch) list.append(el("li", `${s.label} (${s.count})`));
      box.append(list);
    }
    box.append(el("h4", "The whole conversation"));
    const transcript = el("ol", null, "roleplay__full-transcript");
    for (const line of report.transcript) {
      const item = el("li");
      item.append(el("strong", line.role === "practitioner" ? "You" : line.speaker), `: ${line.text}`);
      transcript.append(item);
    }
    box.append(transcript, actions);
    box.hidden = false;
    heading.focus();
  }

  function saveReport(report) {
    saveText(`${frame.definition.id}-report.txt`, reportText(report, frame.definition.title));
    frame.say("The report was saved as a file on this device.");
  }

  async function go(choices, how) {
    if (busy) return;
    setBusy(true);
    try {
      const step = await frame.ask("step", { choices });
      state.choices = choices;
      progress.save(state);
      parts.report.hidden = true;
      drawTranscript(step, step.ended);
      drawTurn(step);
      const last = step.history[step.history.length - 1];
      if (step.ended) {
        frame.say(state.hold ? "The conversation has ended. Your report follows, with all the feedback."
          : `Feedback: ${last.feedback} The conversation has ended. Your report follows.`);
        drawReport(await frame.ask("report", { choices }));
      } else {
        if (how === "choice") {
          frame.say(state.hold ? `Your choice is recorded. ${step.node.speaker} replies.` : `Feedback: ${last.feedback}`);
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
    if (button && !busy) go([...state.choices, button.dataset.choice], "choice").catch(() => {});
  });
  parts.back.addEventListener("click", () => {
    if (!busy && state.choices.length) go(state.choices.slice(0, -1), "back").catch(() => {});
  });
  parts.restart.addEventListener("click", () => {
    if (!busy) go([], "restart").catch(() => {});
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
    state = { choices: saved.data.choices, hold: saved.data.hold };
    parts.hold.checked = state.hold;
    if (state.choices.length) {
      notify("Resuming your conversation from where you left off. Use “Start again” to begin afresh.");
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
