// The quiz view: sends the learner's answers to the engine and draws the feedback it returns.
// It decides nothing itself. Text from the engine is set with textContent, never as HTML.
// The learner's choices are kept in this browser, so a half-done quiz is there when they come back.
// The choices are shuffled for each attempt, so their order gives nothing away.

import { Progress, recordResult } from "../progress.js";
import { takeOver } from "../session-mode.js";
import { shuffle } from "../dom.js";

const VERDICT_WORDS = { correct: "Correct", incorrect: "Not quite", missing: "No answer yet" };

export function mount(frame) {
  if (takeOver(frame)) return; // session mode (?session) draws it for a room instead: nothing is saved
  const form = frame.element.querySelector("[data-form]");
  const result = frame.element.querySelector("[data-result]");
  const heading = result.querySelector("h3");
  const summary = result.querySelector("[data-summary]");
  const showAnswers = result.querySelector("[data-show-answers]");
  const progress = new Progress(`quiz:${frame.definition.id}`);
  const selects = [...form.querySelectorAll("select")];
  const choiceList = frame.element.querySelector("[data-choices]");
  let attempts = 0;

  function isValid(data) {
    return data && typeof data.answers === "object" && data.answers !== null && !Array.isArray(data.answers) &&
      Object.entries(data.answers).every(([name, value]) => typeof value === "string" &&
        selects.some((s) => s.name === name && [...s.options].some((o) => o.value === value))) &&
      (data.attempts === undefined || (Number.isInteger(data.attempts) && data.attempts >= 0 && data.attempts < 1000));
  }

  function answers() {
    const out = {};
    for (const select of selects) if (select.value) out[select.name] = select.value;
    return out;
  }

  function remember() {
    progress.save({ answers: answers(), attempts });
  }

  // A new order of choices for each attempt (the first option, "Choose an answer", stays first).
  function reorder() {
    for (const select of selects) {
      const chosen = select.value;
      const [first, ...rest] = [...select.options];
      select.replaceChildren(first, ...shuffle(rest));
      select.value = chosen;
    }
    if (choiceList) choiceList.replaceChildren(...shuffle([...choiceList.children]));
  }
  reorder();

  const saved = progress.load(isValid);
  if (saved.data) {
    for (const select of selects) select.value = saved.data.answers[select.name] || "";
    attempts = saved.data.attempts || 0;
    if (Object.keys(saved.data.answers).length) frame.readyNote = "Your earlier answers are filled in.";
  } else if (saved.notice) {
    frame.readyNote = saved.notice;
  }
  form.addEventListener("change", remember);

  function clear() {
    result.hidden = true;
    showAnswers.hidden = true;
    for (const item of form.querySelectorAll("[data-question]")) {
      delete item.dataset.verdict;
      item.querySelector("[data-feedback]").hidden = true;
      item.querySelector("[data-feedback]").textContent = "";
      item.querySelector("[data-more]").hidden = true;
    }
  }

  function feedbackFor(item, verdict, words) {
    item.dataset.verdict = verdict;
    const feedback = item.querySelector("[data-feedback]");
    feedback.textContent = "";
    const label = document.createElement("strong");
    label.className = "quiz__verdict";
    label.textContent = VERDICT_WORDS[verdict] + ": ";
    feedback.append(label, words);
    feedback.hidden = false;
  }

  function drawMissing(outcome) {
    clear();
    for (const m of outcome.missing) {
      const item = form.querySelector(`[data-question="${CSS.escape(m.id)}"]`);
      if (item) feedbackFor(item, "missing", "Choose an answer for this one.");
    }
    frame.say(outcome.summary);
    const first = outcome.missing.length && form.querySelector(`select[name="${CSS.escape(outcome.missing[0].id)}"]`);
    if (first) first.focus();
  }

  function draw(outcome) {
    if (!outcome.complete) {
      drawMissing(outcome);
      return;
    }
    clear();
    for (const answer of outcome.questions) {
      const item = form.querySelector(`[data-question="${CSS.escape(answer.id)}"]`);
      if (!item) continue;
      feedbackFor(item, answer.verdict, answer.feedback.replace(/^(Correct|Not quite)\.\s*/, ""));
      item.querySelector("[data-more]").hidden = false;
    }
    summary.textContent = outcome.summary;
    showAnswers.hidden = outcome.answers_shown;
    result.hidden = false;
    frame.say(`Answers checked. ${outcome.score} out of ${outcome.total} right.`);
    recordResult(frame.definition.id, { type: "quiz", title: frame.definition.title,
      summary: `${outcome.score} out of ${outcome.total} right` });
    heading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    frame.once(async () => {
      const outcome = await frame.ask("score", { answers: answers(), attempt: attempts + 1 });
      if (outcome.complete) {
        attempts += 1;
        remember();
      }
      draw(outcome);
    });
  });

  showAnswers.addEventListener("click", () => frame.once(async () => {
    draw(await frame.ask("score", { answers: answers(), attempt: attempts, reveal: true }));
  }));

  form.addEventListener("reset", () => {
    clear();
    attempts = 0;
    progress.clear();
    setTimeout(reorder); // after the form has put every select back to "Choose an answer"
    frame.say("Answers cleared. The choices are in a new order.");
  });
}
