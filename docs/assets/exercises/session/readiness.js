// The readiness self-check in session mode: one part of the house (then one stage) at a time, its
// statements large. The team talks each one through and the trainer picks their answer. The result (the
// house, the weakest part, the stage) stays hidden until Reveal; the engine scores it ("check") and the
// house is drawn by the learner's view's own drawHouse.

import { el } from "../dom.js";
import { optionList } from "../session-mode.js";
import { drawHouse } from "../views/readiness.js";

export function mount(shell, frame) {
  const root = frame.element;
  const groups = [...root.querySelectorAll("[data-form] fieldset")].map((fieldset) => ({
    name: fieldset.querySelector("legend").textContent,
    statements: [...fieldset.querySelectorAll("[data-statement]")].map((item) => ({
      id: item.dataset.statement,
      text: item.querySelector("label").textContent,
      options: [...item.querySelectorAll("option")].filter((o) => o.value).map((o, n) => ({
        key: String(n + 1), value: o.value, text: o.textContent })),
    })),
  }));
  const parts = groups.filter((g) => !g.name.startsWith("Stage:")).length;
  const picks = {}; // statement id -> key
  let result = null;
  let at = 0; // 0 .. groups.length - 1; groups.length: the result

  function where(n) {
    return n < parts ? `Part ${n + 1} of ${parts} of the house` : `Stage ${n - parts + 1} of ${groups.length - parts}`;
  }

  function draw(focus = true) {
    if (at === groups.length) return drawResult(focus);
    const group = groups[at];
    const body = group.statements.map((s, n) => {
      const box = el("div", null, "session__statement");
      box.setAttribute("role", "group");
      box.dataset.sessionStatement = s.id;
      const text = el("p", `${n + 1}. ${s.text}`, "session__statement-text");
      text.id = `session-statement-${n}`;
      box.setAttribute("aria-labelledby", text.id);
      box.append(text, optionList({ options: s.options, picked: picks[s.id], locked: !!result,
        onPick: (key) => choose(key, s) }));
      return box;
    });
    shell.show({ heading: group.name, position: where(at), body, focus });
    shell.setControls({ previous: at > 0, reveal: !result, next: true,
      revealLabel: result ? "Revealed" : "Reveal the house" });
  }

  function drawResult(focus) {
    const body = [];
    if (result) {
      const overall = el("p", result.overall_words, "session__result");
      overall.dataset.sessionResult = "";
      body.push(drawHouse(result.parts, "session-house", "The room's house"), overall,
        el("p", `${result.stage_words} ${result.stage_why.join(" ")}`));
      if (result.unanswered) body.push(el("p", `${result.unanswered} statements were not answered; they count as gaps.`));
    } else {
      const answered = Object.keys(picks).length;
      const total = groups.reduce((n, g) => n + g.statements.length, 0);
      body.push(el("p", `The room has answered ${answered} of ${total} statements. Reveal the house to see where ` +
        "the team stands and its weakest part."));
    }
    shell.show({ heading: "The house", position: "The result", body, focus });
    shell.setControls({ previous: true, reveal: !result, next: false,
      revealLabel: result ? "Revealed" : "Reveal the house" });
  }

  // A number key answers the statement that holds the focus, or else the first one not yet answered.
  function current() {
    const box = document.activeElement?.closest?.("[data-session-statement]");
    const statements = groups[at].statements;
    return (box && statements.find((s) => s.id === box.dataset.sessionStatement)) ||
      statements.find((s) => picks[s.id] === undefined) || null;
  }

  function choose(key, statement) {
    if (at === groups.length || result) return;
    const s = statement || current();
    if (!s) {
      shell.say("Every statement here has the room's answer. Move to a statement to change it, or go on with Next.");
      return;
    }
    const option = s.options.find((o) => o.key === key);
    if (!option) {
      shell.say(`There is no answer ${key}: choose 1 to ${s.options.length}.`);
      return;
    }
    picks[s.id] = key;
    draw(false);
    const statements = groups[at].statements;
    const following = statements.slice(statements.indexOf(s) + 1).find((x) => picks[x.id] === undefined) || s;
    const box = document.querySelector(`[data-session-statement="${CSS.escape(following.id)}"]`);
    (box?.querySelector('[aria-pressed="true"]') || box?.querySelector("button"))?.focus();
    shell.say(`The room's answer: ${option.text}, for “${s.text}”.`);
  }

  async function reveal() {
    if (result) return;
    const answers = {};
    for (const g of groups) {
      for (const s of g.statements) if (picks[s.id]) answers[s.id] = s.options.find((o) => o.key === picks[s.id]).value;
    }
    shell.say("Building the room's house…");
    result = await frame.ask("check", { answers });
    at = groups.length;
    draw(); // focus on the screen's heading, so the house itself is in view
    shell.say(`Revealed: the house is at “${result.overall_name}”, held by its weakest part.`);
  }

  draw(false);
  shell.say("Read each statement out; the team agrees an answer; pick it. The house stays hidden until you reveal it.");
  return {
    chooseHelp: ["1 to 5", "the room's answer to the statement with the focus, or the first not answered"],
    choose: (key) => choose(key),
    reveal,
    next() {
      if (at < groups.length) at += 1;
      draw();
    },
    previous() {
      if (at > 0) at -= 1;
      draw();
    },
    why(what) {
      if (what === "reveal") return "The house is already showing.";
      if (what === "next") return "This is the last screen.";
      return "This is the first part of the house.";
    },
  };
}
