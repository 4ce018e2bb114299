// The quiz in session mode: one question on the screen at a time; the room answers aloud and the trainer
// picks the room's answer. Nothing says right or wrong until Reveal, which the engine scores (every
// question needs an answer first, as for a learner); then each question shows its feedback.

import { el, shuffle } from "../dom.js";
import { optionList } from "../session-mode.js";

const VERDICT_WORDS = { correct: "Correct", incorrect: "Not quite" };

export function mount(shell, frame) {
  const root = frame.element;
  // The questions and choices as drawn at build time (already in this page, as text). The choices are
  // put in one new order for the whole session (the same for every question), so their order gives
  // nothing away.
  const order = shuffle([...root.querySelectorAll("[data-question]:first-child option")].map((o) => o.value)
    .filter(Boolean));
  const questions = [...root.querySelectorAll("[data-question]")].map((item) => {
    const text = new Map([...item.querySelectorAll("option")].map((o) => [o.value, o.textContent]));
    return {
      id: item.dataset.question,
      prompt: item.querySelector("label").textContent,
      choices: order.filter((v) => text.has(v)).map((value, n) => ({ key: String(n + 1), value, text: text.get(value) })),
    };
  });
  const picks = {}; // question id -> option key
  let at = 0; // 0 .. questions.length (the last is the summary)
  let outcome = null; // the engine's score, once revealed

  function answers() {
    const out = {};
    for (const q of questions) {
      const key = picks[q.id];
      if (key) out[q.id] = q.choices.find((c) => c.key === key).value;
    }
    return out;
  }

  function unanswered() {
    return questions.map((q, n) => (picks[q.id] ? null : n + 1)).filter((n) => n !== null);
  }

  function draw(focus = true) {
    if (at === questions.length) return drawSummary(focus);
    const q = questions[at];
    const result = outcome && outcome.questions.find((r) => r.id === q.id);
    const options = q.choices.map((c) => ({ ...c,
      note: result && c.value === result.answer ? "The answer" : null,
      mark: result && c.value === result.answer ? "answer" : null }));
    const body = [optionList({ options, picked: picks[q.id], locked: !!outcome, labelledBy: "session-step",
      onPick: (key) => choose(key) })];
    if (result) {
      const feedback = el("div", null, "session__feedback");
      feedback.dataset.sessionFeedback = "";
      feedback.dataset.verdict = result.verdict;
      feedback.append(el("strong", `${VERDICT_WORDS[result.verdict]}: `, "session__verdict"),
        result.feedback.replace(/^(Correct|Not quite)\.\s*/, ""));
      body.push(feedback);
    }
    shell.show({ heading: q.prompt, position: `Question ${at + 1} of ${questions.length}`, body, focus });
    shell.setControls({ previous: at > 0, reveal: !outcome, next: true,
      revealLabel: outcome ? "Revealed" : "Reveal the answers" });
  }

  function drawSummary(focus) {
    const body = [];
    if (outcome) {
      const summary = el("p", `The room got ${outcome.score} out of ${outcome.total} right.`, "session__result");
      summary.dataset.sessionResult = "";
      body.push(summary);
    } else {
      const missing = unanswered();
      body.push(el("p", missing.length ? `Still to answer: question ${missing.join(", ")}. Go back with Previous.`
        : "Every question has the room's answer. Reveal the answers to see how the room did, question by question."));
    }
    shell.show({ heading: "The room's answers", position: `After question ${questions.length}`, body, focus });
    shell.setControls({ previous: true, reveal: !outcome, next: false,
      revealLabel: outcome ? "Revealed" : "Reveal the answers" });
  }

  function choose(key) {
    if (at === questions.length || outcome) return;
    const q = questions[at];
    const choice = q.choices.find((c) => c.key === key);
    if (!choice) {
      shell.say(`There is no answer ${key} here: choose 1 to ${q.choices.length}.`);
      return;
    }
    picks[q.id] = key;
    draw(false);
    shell.root.querySelector(`[data-session-option="${key}"]`)?.focus();
    shell.say(`The room's answer to question ${at + 1}: ${key}, ${choice.text}.`);
  }

  async function reveal() {
    if (outcome) return;
    const missing = unanswered();
    if (missing.length) {
      shell.say(`Pick the room's answer to every question before revealing. Still to answer: question ${missing.join(", ")}.`);
      return;
    }
    shell.say("Checking the room's answers…");
    const scored = await frame.ask("score", { answers: answers(), attempt: 1, reveal: true });
    if (!scored.complete) {
      shell.say(scored.summary);
      return;
    }
    outcome = scored;
    if (at === questions.length) at = 0;
    draw(false);
    const shown = shell.root.querySelector("[data-session-feedback]");
    if (shown) {
      shown.tabIndex = -1;
      shown.focus();
    }
    shell.say(`Revealed. The room got ${outcome.score} out of ${outcome.total} right. Each question shows its answer.`);
  }

  draw(false);
  shell.say("Ask the room, then pick their answer. The answers stay hidden until you reveal them.");
  return {
    chooseHelp: ["1 to 9", "pick the room's answer"],
    choose,
    reveal,
    next() {
      if (at < questions.length) at += 1;
      draw();
    },
    previous() {
      if (at > 0) at -= 1;
      draw();
    },
    why(what) {
      if (what === "reveal") return "The answers are already revealed.";
      if (what === "next") return "This is the last screen.";
      return "This is the first question.";
    },
  };
}
