// The plan-review view: the learner scores each part of a plan; the engine compares the scores with
// the reference and makes the score code. This view only draws what the engine returns, with textContent.
// Scores and the scorer's initials are kept in this browser, so a half-scored plan is there when they come back.

import { el } from "../dom.js";
import { saveText } from "../files.js";
import { Progress, recordResult } from "../progress.js";
import { takeOver } from "../session-mode.js";

const VERDICT = { same: "Same", lenient: "More lenient", harsher: "Harsher", unscored: "Not scored" };

export function mount(frame) {
  if (takeOver(frame)) return; // session mode (?session) draws it for a room instead: nothing is saved
  const root = frame.element;
  const form = root.querySelector("[data-form]");
  const result = root.querySelector("[data-result]");
  const heading = result.querySelector("h3");
  const summary = result.querySelector("[data-summary]");
  const tbody = result.querySelector("[data-compare] tbody");
  const scorer = result.querySelector("[data-scorer]");
  const codeBox = result.querySelector("[data-code-box]");
  const code = result.querySelector("[data-code]");
  const criteria = [...form.querySelectorAll("[data-criterion]")].map((item) => item.dataset.criterion);
  const progress = new Progress(`plan-review:${frame.definition.id}`);
  let lastCode = "";

  function scores() {
    const out = {};
    for (const id of criteria) {
      const checked = form.querySelector(`input[name="${CSS.escape(id)}"]:checked`);
      out[id] = checked ? Number(checked.value) : null;
    }
    return out;
  }

  function isValid(data) {
    return data && typeof data.scores === "object" && data.scores !== null && !Array.isArray(data.scores) &&
      Object.entries(data.scores).every(([id, value]) => criteria.includes(id) &&
        (value === null || form.querySelector(`input[name="${CSS.escape(id)}"][value="${Number(value)}"]`))) &&
      (data.scorer === undefined || (typeof data.scorer === "string" && data.scorer.length <= 20));
  }

  function remember() {
    progress.save({ scores: scores(), scorer: scorer.value.slice(0, 20) });
  }

  const saved = progress.load(isValid);
  if (saved.data) {
    for (const [id, value] of Object.entries(saved.data.scores)) {
      const input = value === null ? null : form.querySelector(`input[name="${CSS.escape(id)}"][value="${Number(value)}"]`);
      if (input) input.checked = true;
    }
    scorer.value = saved.data.scorer || "";
    if (Object.values(saved.data.scores).some((v) => v !== null)) frame.readyNote = "Your earlier scores are filled in.";
  } else if (saved.notice) {
    frame.readyNote = saved.notice;
  }
  form.addEventListener("change", () => {
    remember();
    codeBox.hidden = true; // a code made before the change no longer matches the scores
  });
  scorer.addEventListener("input", remember);

  function clear() {
    result.hidden = true;
    codeBox.hidden = true;
    for (const item of form.querySelectorAll("[data-criterion]")) {
      delete item.dataset.verdict;
      const feedback = item.querySelector("[data-feedback]");
      feedback.hidden = true;
      feedback.textContent = "";
      item.querySelector("[data-more]").hidden = true;
    }
  }

  function draw(outcome) {
    tbody.textContent = "";
    for (const c of outcome.criteria) {
      const item = form.querySelector(`[data-criterion="${CSS.escape(c.id)}"]`);
      if (item) {
        item.dataset.verdict = c.verdict;
        const feedback = item.querySelector("[data-feedback]");
        feedback.textContent = "";
        const yours = c.given === null ? "You did not score this." : `You scored ${c.given} (${c.given_name}).`;
        feedback.append(el("strong", `${VERDICT[c.verdict]}: `, "plan-review__verdict"),
          `${yours} The reference score is ${c.reference} (${c.reference_name}). ${c.why}`);
        feedback.hidden = false;
        item.querySelector("[data-more]").hidden = false;
      }
      const row = document.createElement("tr");
      row.dataset.verdict = c.verdict;
      const name = el("th", c.title);
      name.scope = "row";
      row.append(name, el("td", c.given === null ? "Not scored" : `${c.given}, ${c.given_name}`),
        el("td", `${c.reference}, ${c.reference_name}`), el("td", c.verdict_words));
      tbody.append(row);
    }
    summary.textContent = `${outcome.summary} Your total: ${outcome.your_total} out of ${outcome.most}; ` +
      `the reference total: ${outcome.reference_total}.`;
    result.hidden = false;
    frame.say(`Scores checked. Same as the reference for ${outcome.exact} of ${outcome.total}.`);
    recordResult(frame.definition.id, { type: "plan-review", title: frame.definition.title,
      summary: `Same as the reference on ${outcome.exact} of ${outcome.total} parts of the plan`,
      details: outcome.criteria.map((c) => `${c.title}: ${c.verdict_words}`) });
    heading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    frame.once(async () => draw(await frame.ask("compare", { scores: scores() })));
  });

  form.addEventListener("reset", () => {
    clear();
    progress.clear();
    frame.say("Scores cleared.");
  });

  root.querySelector("[data-make-code]").addEventListener("click", () => frame.once(async () => {
    const made = await frame.ask("code", { scores: scores(), scorer: scorer.value });
    lastCode = made.code;
    code.textContent = made.code;
    codeBox.hidden = false;
    frame.say("Your score code is ready. It is shown below the button, with buttons to copy it or save it as a file.");
  }, () => scorer.focus()));

  root.querySelector("[data-copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(lastCode);
      frame.say("The code is copied. Paste it into the chat, or give it to your trainer.");
    } catch (error) {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      frame.say("This browser would not copy the code. It is selected: press Control and C (or Command and C) to copy it.");
    }
  });

  root.querySelector("[data-download]").addEventListener("click", () => {
    const lines = [`# ${frame.definition.title}: score code`,
      "# Give this file to your trainer, or paste the last line. Lines starting with # are notes.", lastCode];
    saveText(`${frame.definition.id}-${lastCode.split("-")[3] || "scores"}.txt`, lines.join("\n") + "\n");
    frame.say("The code was saved as a file on this device.");
  });
}
