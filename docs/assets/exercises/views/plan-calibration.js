// The calibration view: the trainer pastes or loads a group's score codes; the engine pools them and
// works out the figures; this view draws them: a chart of the spread of scores for each plan (SVG, with
// the same numbers in a table), the agreement figures in words, and every code that could not be used.
// Pasted text and loaded files are untrusted: they go to the engine as text and come back only as
// figures and reasons, set with textContent.

import { stackedBars } from "../charts.js";
import { dataTable, el } from "../dom.js";
import { readTextFiles } from "../files.js";

const MAX_FILE_BYTES = 200 * 1024;

const percent = (x) => (x === null || x === undefined ? "not available" : `${Math.round(x * 100)}%`);
const figure = (x) => (x === null || x === undefined ? "not available" : x.toFixed(2));

// One bar per part of the plan: how many scorers gave each level, with the reference level outlined.
function spreadChart(plan, id) {
  return stackedBars({
    id, title: `Spread of scores for ${plan.title}`,
    description: "One bar for each part of the plan, split by how many scorers gave each score, with the " +
      "reference score written at the end. The same numbers are in the table below.",
    levels: plan.levels.map((l) => ({ short: String(l.score), name: l.name })),
    rows: plan.criteria.map((c, i) => ({ label: `${i + 1}. ${c.title}`, counts: c.counts, mark: c.reference,
      note: `reference ${c.reference}` })),
  });
}

function spreadTable(plan) {
  const columns = ["Part of the plan", ...plan.levels.map((l) => `Scored ${l.score}`), "Reference",
    "Same as reference", "Within one level", "Scorers agreeing (pairs)"];
  const rows = plan.criteria.map((c) => [c.title, ...c.counts, c.reference, percent(c.exact), percent(c.within_one),
    percent(c.percent_agreement)]);
  return dataTable(`The numbers behind the chart: ${plan.title}`, columns, rows, "calibration__table");
}

function overallList(plan, conventions) {
  const o = plan.overall;
  const list = el("ul");
  list.append(
    el("li", `Scores the same as the reference: ${percent(o.exact)}; within one level: ${percent(o.within_one)}.`),
    el("li", `Agreement between scorers (pairs giving the same score): ${percent(o.percent_agreement)}.`),
    el("li", `Fleiss' kappa: ${figure(o.fleiss_kappa)}, ${o.kappa_reading} (words from ${conventions.kappa}).`),
    el("li", `Krippendorff's alpha (ordinal): ${figure(o.alpha)}, ${o.alpha_reading} (words from ${conventions.alpha}).`),
  );
  return list;
}

function namedList(title, lines, empty) {
  const box = el("div");
  box.append(el("h5", title));
  if (!lines.length) {
    box.append(el("p", empty));
    return box;
  }
  const list = el("ol");
  for (const line of lines) list.append(el("li", line));
  box.append(list);
  return box;
}

export function mount(frame) {
  const root = frame.element;
  const form = root.querySelector("[data-form]");
  const codes = root.querySelector("[data-codes]");
  const files = root.querySelector("[data-files]");
  const result = root.querySelector("[data-result]");
  const heading = result.querySelector("h3");
  const summary = result.querySelector("[data-summary]");
  const refusedBox = result.querySelector("[data-refused-box]");
  const refused = result.querySelector("[data-refused]");
  const plans = result.querySelector("[data-plans]");

  function draw(outcome, fileProblems) {
    summary.textContent = outcome.summary;
    refused.textContent = "";
    for (const problem of fileProblems) refused.append(el("li", problem));
    for (const r of outcome.refused) {
      refused.append(el("li", `${r.where}${r.text ? ` (${r.text})` : ""}: ${r.reason}`));
    }
    refusedBox.hidden = refused.children.length === 0;
    plans.textContent = "";
    outcome.plans.forEach((plan, n) => {
      const section = el("section", null, "calibration__plan");
      const id = `${frame.definition.id}-plan-${n}`;
      section.setAttribute("aria-labelledby", `${id}-heading`);
      const h = el("h4", `${plan.title}: ${plan.scorers.length} scorer${plan.scorers.length === 1 ? "" : "s"}`);
      h.id = `${id}-heading`;
      section.append(h, el("p", `Scorers: ${plan.scorers.join(", ")}. Rubric version ${plan.rubric.version}.`),
        overallList(plan, outcome.conventions), spreadChart(plan, `${id}-chart`), spreadTable(plan),
        namedList("Talk about these parts first", plan.discuss_first, "Everyone matched the reference on every part."),
        namedList("Scorers furthest from the reference", plan.furthest, "Every scorer matched the reference."));
      plans.append(section);
    });
    result.hidden = false;
    frame.say(outcome.summary);
    heading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    frame.once(async () => {
      const loaded = files.files.length ? await readTextFiles(files.files, MAX_FILE_BYTES) : { texts: [], refused: [] };
      const sources = [{ name: "", text: codes.value }, ...loaded.texts].filter((s) => s.text.trim());
      if (!sources.length && !loaded.refused.length) {
        frame.say("Paste some codes, or choose files, first.");
        codes.focus();
        return;
      }
      draw(await frame.ask("calibrate", { sources }), loaded.refused);
    });
  });

  form.addEventListener("reset", () => {
    result.hidden = true;
    plans.textContent = "";
    frame.say("Cleared.");
  });
}
