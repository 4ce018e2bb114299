// The plan review in session mode: first the plan itself, large; then one criterion at a time, with the
// rubric's levels numbered by their score. The room agrees a score and the trainer picks it; the reference
// score and why stay hidden until Reveal, criterion by criterion. The last screen reveals the whole
// comparison at once. The engine compares the scores ("compare"), as in the learner's view.

import { dataTable, el } from "../dom.js";
import { optionList } from "../session-mode.js";

export function mount(shell, frame) {
  const root = frame.element;
  const criteria = [...root.querySelectorAll("[data-criterion]")].map((item) => ({
    id: item.dataset.criterion,
    title: item.querySelector("legend").textContent.replace(/^\d+\.\s*/, ""),
    levels: [...item.querySelectorAll("input[type=radio]")].map((input) => {
      const label = root.querySelector(`label[for="${CSS.escape(input.id)}"]`);
      const strong = label.querySelector("strong").textContent; // "1, Partly:"
      return { key: input.value, name: strong.replace(/^\d+,\s*/, "").replace(/:$/, ""),
        words: label.textContent.slice(strong.length).trim() };
    }),
  }));
  const top = Math.max(...criteria.flatMap((c) => c.levels.map((l) => Number(l.key))));
  const picks = {}; // criterion id -> score (as text)
  const revealed = new Set(); // criterion ids whose reference is showing
  let outcome = null; // the engine's comparison, from the last reveal
  let allRevealed = false;
  let at = 0; // 0: the plan; 1..n: criteria; n + 1: the comparison

  // The plan as drawn at build time, copied without its ids (the copy sits on the same page).
  function planCopy() {
    const copy = root.querySelector(".plan-doc").cloneNode(true);
    for (const node of [copy, ...copy.querySelectorAll("[id]")]) node.removeAttribute("id");
    copy.removeAttribute("aria-labelledby");
    copy.setAttribute("aria-label", "The plan");
    copy.classList.add("session__document");
    copy.querySelector(".plan-doc__title")?.remove();
    for (const h4 of copy.querySelectorAll("h4")) { // under the step's h2, its sections are h3s
      const h3 = el("h3");
      h3.append(...h4.childNodes);
      h4.replaceWith(h3);
    }
    return copy;
  }

  function scores() {
    const out = {};
    for (const c of criteria) out[c.id] = picks[c.id] === undefined ? null : Number(picks[c.id]);
    return out;
  }

  function draw(focus = true) {
    const last = criteria.length + 1;
    if (at === 0) {
      const title = root.querySelector(".plan-doc__title").textContent;
      shell.show({ heading: title, position: "The plan to score", body: [planCopy()], focus });
      shell.setControls({ previous: false, reveal: false, next: true });
      return;
    }
    if (at === last) return drawComparison(focus);
    const c = criteria[at - 1];
    const result = revealed.has(c.id) && outcome ? outcome.criteria.find((r) => r.id === c.id) : null;
    const options = c.levels.map((l) => ({ key: l.key, text: `${l.key}, ${l.name}: ${l.words}`,
      note: result && Number(l.key) === result.reference ? "The reference score" : null,
      mark: result && Number(l.key) === result.reference ? "answer" : null }));
    const body = [optionList({ options, picked: picks[c.id], locked: !!result, labelledBy: "session-step",
      onPick: (key) => choose(key) })];
    if (result) body.push(feedbackFor(result));
    shell.show({ heading: c.title, position: `Part ${at} of ${criteria.length} of the plan`, body, focus });
    shell.setControls({ previous: true, reveal: !result, next: true,
      revealLabel: result ? "Revealed" : "Reveal the reference score" });
  }

  function feedbackFor(result) {
    const box = el("div", null, "session__feedback");
    box.dataset.sessionFeedback = "";
    box.dataset.verdict = result.verdict;
    const given = result.given === null ? "The room did not score this." : `The room scored ${result.given} (${result.given_name}).`;
    box.append(el("strong", `${result.verdict_words}: `, "session__verdict"),
      `${given} The reference score is ${result.reference} (${result.reference_name}). ${result.why}`);
    return box;
  }

  function drawComparison(focus) {
    const body = [];
    if (allRevealed && outcome) {
      const summary = el("p", `${outcome.summary} The room's total: ${outcome.your_total} out of ${outcome.most}; ` +
        `the reference total: ${outcome.reference_total}.`, "session__result");
      summary.dataset.sessionResult = "";
      body.push(summary);
      const table = dataTable("The room's score and the reference score for each part of the plan",
        ["Part of the plan", "The room", "Reference", "Compared"],
        outcome.criteria.map((r) => [r.title, r.given === null ? "Not scored" : `${r.given}, ${r.given_name}`,
          `${r.reference}, ${r.reference_name}`, r.verdict_words]), "session__table");
      body.push(table);
    } else {
      const scored = criteria.filter((c) => picks[c.id] !== undefined).length;
      body.push(el("p", `The room has scored ${scored} of ${criteria.length} parts. Reveal to compare every part ` +
        "with the reference at once."));
    }
    shell.show({ heading: "The room's scores and the reference", position: "All parts of the plan", body, focus });
    shell.setControls({ previous: true, reveal: !allRevealed, next: false,
      revealLabel: allRevealed ? "Revealed" : "Reveal the whole comparison" });
  }

  function choose(key) {
    if (at === 0 || at > criteria.length) return;
    const c = criteria[at - 1];
    if (revealed.has(c.id)) return;
    const level = c.levels.find((l) => l.key === key);
    if (!level) {
      shell.say(`There is no score ${key} here: choose 0 to ${top}.`);
      return;
    }
    picks[c.id] = key;
    draw(false);
    document.querySelector(`[data-session-option="${key}"]`)?.focus();
    shell.say(`The room's score for “${c.title}”: ${key}, ${level.name}.`);
  }

  async function reveal() {
    const whole = at === criteria.length + 1;
    if (at === 0) return;
    const c = whole ? null : criteria[at - 1];
    if (c && picks[c.id] === undefined) {
      shell.say("Pick the room's score first, then reveal the reference.");
      return;
    }
    shell.say("Comparing with the reference…");
    outcome = await frame.ask("compare", { scores: scores() });
    if (whole) {
      allRevealed = true;
      for (const item of criteria) revealed.add(item.id);
    } else {
      revealed.add(c.id);
    }
    draw(false);
    const shown = document.querySelector("[data-session-feedback], [data-session-result]");
    shown.tabIndex = -1;
    shown.focus();
    if (whole) shell.say(`Revealed: the room matched the reference on ${outcome.exact} of ${outcome.total} parts.`);
    else {
      const r = outcome.criteria.find((x) => x.id === c.id);
      shell.say(`Revealed: the reference score is ${r.reference}, ${r.reference_name}. ${r.verdict_words}.`);
    }
  }

  draw(false);
  shell.say("Read the plan with the room. Next goes to the first part to score.");
  return {
    chooseHelp: [`0 to ${top}`, "pick the room's score"],
    choose,
    reveal,
    next() {
      if (at <= criteria.length) at += 1;
      draw();
    },
    previous() {
      if (at > 0) at -= 1;
      draw();
    },
    why(what) {
      if (what === "reveal") return at === 0 ? "Nothing to reveal on the plan itself: Next goes to the first part."
        : "The reference is already showing.";
      if (what === "next") return "This is the last screen.";
      return "This is the plan, the first screen.";
    },
  };
}
