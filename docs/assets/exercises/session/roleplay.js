// The role-play in session mode: one decision at a time. The screen shows what the person says and the
// choices, numbered; the room votes by hand and the trainer picks the room's choice. The feedback on that
// choice stays hidden until Reveal; Next goes on to where the choice leads. At the end: the ending and the
// report's summary. The engine walks the conversation ("turn", "report"), as in the learner's view.

import { el } from "../dom.js";
import { optionList } from "../session-mode.js";

export function mount(shell, frame) {
  const root = frame.element;
  const q = (s) => root.querySelector(s);
  // The first decision as drawn at build time, so it shows before the engine has started.
  const first = {
    node: { speaker: q("[data-speaker]").textContent,
      says: q("[data-says-text]").textContent.replace(/^“|”$/g, ""),
      context: q("[data-context]").hidden ? "" : q("[data-context]").textContent },
    choices: [...root.querySelectorAll("[data-choices] [data-choice]")].map((b) => ({ id: b.dataset.choice, say: b.textContent })),
    ended: false,
  };
  let taken = []; // the room's choices so far, revealed
  let step = first; // the decision on the screen
  let picked = null; // the key the trainer picked for the room on this decision
  let after = null; // the engine's step after the picked choice, once revealed
  let report = null; // at the end

  function decision() {
    return taken.length + 1;
  }

  function draw(focus = true) {
    if (report) return drawEnding(focus);
    const node = step.node;
    const body = [];
    const says = el("p", null, "session__says");
    says.append(el("strong", node.speaker), " says: ", `“${node.says}”`);
    body.push(says);
    if (node.context) body.push(el("p", node.context, "session__context"));
    const ask = el("h3", "What do you say? The room votes by hand.", "session__ask");
    ask.id = "session-ask";
    body.push(ask);
    const options = step.choices.map((c, n) => ({ key: String(n + 1), text: c.say }));
    body.push(optionList({ options, picked, locked: !!after, labelledBy: "session-ask", onPick: (key) => choose(key) }));
    if (after) {
      const last = after.history[after.history.length - 1];
      const feedback = el("div", null, "session__feedback");
      feedback.dataset.sessionFeedback = "";
      feedback.dataset.kind = last.kind;
      feedback.append(el("strong", `${last.kind_words}: `, "session__verdict"), last.feedback);
      body.push(feedback);
    }
    shell.show({ heading: `Decision ${decision()}`, body, focus });
    shell.setControls({ previous: taken.length > 0, reveal: !!picked && !after, next: !!after,
      revealLabel: after ? "Revealed" : "Reveal the feedback" });
  }

  function drawEnding(focus) {
    const ending = report.ending;
    const body = [el("p", `${ending.title} (${ending.quality} ending)`, "session__result"),
      el("p", ending.what_happened)];
    body[0].dataset.sessionResult = "";
    body.push(el("h3", "The report in short"), el("p", report.overview));
    const parts = el("ul", null, "session__list");
    for (const d of report.dimensions) parts.append(el("li", `${d.label}: ${d.level_words}. ${d.points.words}.`));
    body.push(parts);
    shell.show({ heading: "The conversation has ended", body, focus });
    shell.setControls({ previous: true, reveal: false, next: false, revealLabel: "Revealed" });
  }

  function choose(key) {
    if (report || after) return;
    const choice = step.choices[Number(key) - 1];
    if (!choice) {
      shell.say(`There is no choice ${key} here: choose 1 to ${step.choices.length}.`);
      return;
    }
    picked = key;
    draw(false);
    root.ownerDocument.querySelector(`[data-session-option="${key}"]`)?.focus();
    shell.say(`The room's choice: ${key}. Reveal the feedback when the room is ready.`);
  }

  async function reveal() {
    if (!picked || after) return;
    const choice = step.choices[Number(picked) - 1];
    shell.say("Asking the exercise for the feedback…");
    after = await frame.ask("turn", { choices: [...taken.map((t) => t.id), choice.id] });
    draw(false);
    const shown = document.querySelector("[data-session-feedback]");
    shown.tabIndex = -1;
    shown.focus();
    const last = after.history[after.history.length - 1];
    shell.say(`Revealed: ${last.kind_words}. ${after.ended ? "Next shows how the conversation ended." : "Next goes on."}`);
  }

  async function next() {
    if (!after) return;
    taken = [...taken, { id: step.choices[Number(picked) - 1].id, step, picked }];
    if (after.ended) {
      report = await frame.ask("report", { choices: taken.map((t) => t.id), finished: null });
      draw();
      shell.say(`The conversation ended: ${report.ending.title}.`);
      return;
    }
    step = after;
    picked = null;
    after = null;
    draw();
    shell.say(`Decision ${decision()}. Read it out, then let the room vote.`);
  }

  // Back one decision: the room can choose again there.
  function previous() {
    if (!taken.length) return;
    const last = taken[taken.length - 1];
    taken = taken.slice(0, -1);
    step = last.step;
    picked = null;
    after = null;
    report = null;
    draw();
    shell.say(`Back to decision ${decision()}. The room can choose again.`);
  }

  draw(false);
  shell.say("Read out what the person says and the choices; the room votes by hand; pick the room's choice.");
  return {
    chooseHelp: ["1 to 6", "pick the room's choice"],
    choose,
    reveal,
    next,
    previous,
    why(what) {
      if (what === "reveal") return after ? "The feedback is already showing." : "Pick the room's choice first.";
      if (what === "next") return report ? "The conversation has ended." : "Reveal the feedback first.";
      return "This is the first decision.";
    },
  };
}
