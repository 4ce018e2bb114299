// The quiz view: sends the learner's answers to the engine and draws the feedback it returns.
// It decides nothing itself. Text from the engine is set with textContent, never as HTML.
// The learner's choices are kept in this browser, so a half-done quiz is there when they come back.

import { Progress, recordResult } from "../progress.js";

const VERDICT_WORDS = { correct: "Correct", incorrect: "Not quite", unanswered: "No answer" };

export function mount(frame) {
  const form = frame.element.querySelector("[data-form]");
  const result = frame.element.querySelector("[data-result]");
  const heading = result.querySelector("h3");
  const summary = result.querySelector("[data-summary]");
  const progress = new Progress(`quiz:${frame.definition.id}`);
  const selects = [...form.querySelectorAll("select")];

  function isValid(data) {
    return data && typeof data.answers === "object" && data.answers !== null && !Array.isArray(data.answers) &&
      Object.entries(data.answers).every(([name, value]) => typeof value === "string" &&
        selects.some((s) => s.name === name && [...s.options].some((o) => o.value === value)));
  }

  function remember() {
    const answers = {};
    for (const select of selects) if (select.value) answers[select.name] = select.value;
    progress.save({ answers });
  }

  const saved = progress.load(isValid);
  if (saved.data) {
    for (const select of selects) select.value = saved.data.answers[select.name] || "";
    if (Object.keys(saved.data.answers).length) frame.readyNote = "Your earlier answers are filled in.";
  } else if (saved.notice) {
    frame.readyNote = saved.notice;
  }
  form.addEventListener("change", remember);

  function clear() {
    result.hidden = true;
    for (const item of form.querySelectorAll("[data-question]")) {
      delete item.dataset.verdict;
      item.querySelector("[data-feedback]").hidden = true;
      item.querySelector("[data-feedback]").textContent = "";
      item.querySelector("[data-more]").hidden = true;
    }
  }

  function draw(outcome) {
    for (const answer of outcome.questions) {
      const item = form.querySelector(`[data-question="${CSS.escape(answer.id)}"]`);
      if (!item) continue;
      item.dataset.verdict = answer.verdict;
      const feedback = item.querySelector("[data-feedback]");
      feedback.textContent = "";
      const label = document.createElement("strong");
      label.className = "quiz__verdict";
      label.textContent = VERDICT_WORDS[answer.verdict] + ": ";
      feedback.append(label, answer.feedback.replace(/^(Correct|Not quite)\.\s*/, ""));
      feedback.hidden = false;
      item.querySelector("[data-more]").hidden = false;
    }
    summary.textContent = outcome.summary;
    result.hidden = false;
    frame.say(`Answers checked. ${outcome.score} out of ${outcome.total} right.`);
    recordResult(frame.definition.id, { type: "quiz", title: frame.definition.title,
      summary: `${outcome.score} out of ${outcome.total} right` });
    heading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = {};
    for (const select of form.querySelectorAll("select")) answers[select.name] = select.value || null;
    frame.once(async () => draw(await frame.ask("score", { answers })));
  });

  form.addEventListener("reset", () => {
    clear();
    progress.clear();
    frame.say("Answers cleared.");
  });
}
