// The readiness view: a team rates statements; the engine scores them (parts of the house, the weakest
// part, the stage, next steps) and this view draws the house, the history of saved checks, a comparison of
// two, exports and imports, and a coordinator's roll-up. Every text is set with textContent; files loaded
// are untrusted and go to the engine as text.

import { stackedBars } from "../charts.js";
import { dataTable, el } from "../dom.js";
import { readTextFiles, saveText } from "../files.js";
import { Progress, recordResult } from "../progress.js";
import { takeOver } from "../session-mode.js";

const SVG = "http://www.w3.org/2000/svg";
const LEVELS = ["not-started", "ideas", "nearly", "cracked"];
const MAX_FILE_BYTES = 256 * 1024;
const MAX_CHECKS = 50;
const SHAPES = {
  roof: { points: "200,8 392,104 8,104", tx: 200, ty: 62 },
  "left-wall": { x: 28, y: 104, w: 104, h: 150 },
  centre: { x: 132, y: 104, w: 136, h: 150 },
  "right-wall": { x: 268, y: 104, w: 104, h: 150 },
  foundations: { x: 8, y: 254, w: 384, h: 42 },
};

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Level patterns: empty and dashed, hatched, dotted, solid. Words name the level too: never colour alone.
function patterns(id) {
  const defs = svg("defs");
  const hatch = svg("pattern", { id: `${id}-ideas`, width: 8, height: 8, patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)" });
  hatch.append(svg("rect", { width: 8, height: 8, class: "readiness__fill-ideas" }),
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, class: "readiness__ink", "stroke-width": 2 }));
  const dots = svg("pattern", { id: `${id}-nearly`, width: 8, height: 8, patternUnits: "userSpaceOnUse" });
  dots.append(svg("rect", { width: 8, height: 8, class: "readiness__fill-nearly" }),
    svg("circle", { cx: 4, cy: 4, r: 1.6, class: "readiness__dot" }));
  defs.append(hatch, dots);
  return defs;
}

function fillFor(id, level) {
  if (level === "ideas" || level === "nearly") return `url(#${id}-${level})`;
  return null;
}

export function drawHouse(parts, id, title) {
  const house = svg("svg", { viewBox: "0 0 400 300", class: "readiness__house", role: "img",
    "aria-labelledby": `${id}-title` });
  house.append(svg("title", { id: `${id}-title` }, `${title}. ` +
    parts.map((p) => `${p.label.split(":")[0]}: ${p.level_name}`).join("; ") + "."), patterns(id));
  for (const part of parts) {
    const shape = SHAPES[part.house];
    const attrs = { class: `readiness__part readiness__level-${part.level}` };
    const fill = fillFor(id, part.level);
    if (fill) attrs.fill = fill;
    const node = shape.points ? svg("polygon", { ...attrs, points: shape.points }) :
      svg("rect", { ...attrs, x: shape.x, y: shape.y, width: shape.w, height: shape.h });
    house.append(node);
    const cx = shape.points ? shape.tx : shape.x + shape.w / 2;
    const cy = shape.points ? shape.ty : shape.y + shape.h / 2;
    const name = part.label.split(":")[0];
    const words = part.level_name.replace(", but more work needed", "");
    const width = Math.max(name.length, words.length) * 6.6 + 12;
    house.append(svg("rect", { x: cx - width / 2, y: cy - 17, width, height: 34, rx: 4, class: "readiness__label" }),
      svg("text", { x: cx, y: cy - 3, "text-anchor": "middle", class: "readiness__text" }, name),
      svg("text", { x: cx, y: cy + 12, "text-anchor": "middle", class: "readiness__text readiness__strong" }, words));
  }
  return house;
}

function partsTable(caption, columns, rows) {
  return dataTable(caption, columns, rows, "readiness__table");
}

function pageUrl(root, page) {
  const stem = page.replace(/\.md$/, "");
  return root + (stem.endsWith("/index") ? stem.slice(0, -5) : stem === "index" ? "" : stem + "/");
}

export function mount(frame) {
  if (takeOver(frame)) return; // session mode (?session) draws it for a room instead: nothing is saved
  const root = frame.element;
  const q = (s) => root.querySelector(s);
  const form = q("[data-form]");
  const team = q("[data-team]");
  const date = q("[data-date]");
  const result = q("[data-result]");
  const siteRoot = root.dataset.siteRoot || "./";
  const selects = [...form.querySelectorAll("select")];
  const progress = new Progress(`readiness:${frame.definition.id}`);
  const today = () => new Date().toISOString().slice(0, 10);
  let state = { answers: {}, team: "", checks: [], owners: {} };

  const answerOk = (id, v) => selects.some((s) => s.name === id && [...s.options].some((o) => o.value === v));
  function isValid(data) {
    return data && typeof data.answers === "object" && data.answers && typeof data.team === "string" &&
      Array.isArray(data.checks) && data.checks.length <= MAX_CHECKS &&
      Object.entries(data.answers).every(([id, v]) => answerOk(id, v)) &&
      data.checks.every((c) => c && typeof c.date === "string" && typeof c.answers === "object" && c.answers &&
        Object.entries(c.answers).every(([id, v]) => answerOk(id, v))) &&
      typeof data.owners === "object" && data.owners !== null;
  }

  function answers() {
    const out = {};
    for (const s of selects) if (s.value) out[s.name] = s.value;
    return out;
  }

  function remember() {
    state.answers = answers();
    state.team = team.value.slice(0, 80);
    progress.save(state);
  }

  const saved = progress.load(isValid);
  if (saved.data) {
    state = saved.data;
    for (const s of selects) s.value = state.answers[s.name] || "";
    team.value = state.team;
    if (Object.keys(state.answers).length || state.checks.length) frame.readyNote = "Your earlier answers and saved checks are here.";
  } else if (saved.notice) {
    frame.readyNote = saved.notice;
  }
  date.value = today();
  form.addEventListener("change", remember);
  team.addEventListener("input", remember);

  function drawResult(r) {
    const house = q("[data-house]");
    house.textContent = "";
    house.append(drawHouse(r.parts, `${frame.definition.id}-house`, "Your house"),
      partsTable("Each part of your house", ["Part of the house", "Level", "Statements in place"],
        r.parts.map((p) => [p.label, p.level_name, `${p.in_place} of ${p.count}`])));
    q("[data-overall]").textContent = r.overall_words;
    q("[data-stage]").textContent = `${r.stage_words} ${r.stage_why.join(" ")}`;
    const list = q("[data-actions]");
    list.textContent = "";
    r.actions.forEach((a, n) => {
      const item = el("li");
      item.append(el("strong", `${a.where}: ${a.text}`), ` (now: ${a.answer_name}). `, el("span", a.next_step),
        " ", el("span", `Help: ${a.help}`), " ");
      const link = el("a", "Read more");
      link.href = pageUrl(siteRoot, a.learn_more);
      item.append(link);
      if (a.local && a.local.length) {
        const groups = el("ul");
        for (const g of a.local) groups.append(el("li", `${g.name}: ${g.what}${g.contact ? ` (${g.contact})` : ""}`));
        item.append(el("p", "In your area:"), groups);
      }
      const label = el("label", "Who will do this? ");
      const owner = el("input");
      owner.type = "text";
      owner.maxLength = 60;
      owner.value = state.owners[a.id] || "";
      owner.id = `${frame.definition.id}-owner-${n}`;
      label.htmlFor = owner.id;
      owner.addEventListener("input", () => {
        state.owners[a.id] = owner.value.slice(0, 60);
        progress.save(state);
      });
      const p = el("p");
      p.append(label, owner);
      item.append(p);
      list.append(item);
    });
    const unsure = q("[data-unsure]");
    unsure.textContent = "";
    if (r.dont_know.length) {
      unsure.append(el("h4", "You answered \u201cdon't know\u201d to these: find out"));
      const ul = el("ul");
      for (const s of r.dont_know) ul.append(el("li", s.text));
      unsure.append(ul);
    }
    if (r.unanswered) unsure.append(el("p", `${r.unanswered} statements are not answered yet; they count as gaps.`));
    result.hidden = false;
    frame.say(`Your house: ${r.overall_name}, held by the weakest part. ${r.actions.length} next steps listed.`);
    recordResult(frame.definition.id, { type: "readiness", title: frame.definition.title,
      summary: `Your house: ${r.overall_name}; ${r.stage_name} stage`,
      details: r.parts.map((p) => `${p.label.split(":")[0]}: ${p.level_name}`) });
    q("[data-result] h3").focus();
  }

  function drawChecks() {
    const list = q("[data-checks]");
    list.textContent = "";
    const before = q("[data-before]");
    const after = q("[data-after]");
    before.textContent = "";
    after.textContent = "";
    state.checks.forEach((c, i) => {
      const n = Object.keys(c.answers).length;
      list.append(el("li", `${c.date}: ${n} answers`));
      before.append(new Option(c.date, String(i)));
      after.append(new Option(c.date, String(i)));
    });
    if (!state.checks.length) list.append(el("li", "No checks saved yet."));
    if (state.checks.length > 1) {
      before.value = String(state.checks.length - 2);
      after.value = String(state.checks.length - 1);
    }
  }
  drawChecks();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    frame.once(async () => drawResult(await frame.ask("check", { answers: state.answers })));
  });

  q("[data-save]").addEventListener("click", () => {
    remember();
    const when = /^\d{4}-\d{2}-\d{2}$/.test(date.value) ? date.value : today();
    state.checks = state.checks.filter((c) => c.date !== when);
    state.checks.push({ date: when, answers: { ...state.answers } });
    state.checks.sort((a, b) => (a.date < b.date ? -1 : 1));
    state.checks = state.checks.slice(-MAX_CHECKS);
    progress.save(state);
    drawChecks();
    frame.say(`This check is saved, dated ${when}. You have ${state.checks.length} saved.`);
  });

  form.addEventListener("reset", () => {
    result.hidden = true;
    state.answers = {};
    progress.save(state);
    frame.say("Answers cleared. Your saved checks are kept.");
  });

  q("[data-compare]").addEventListener("click", () => frame.once(async () => {
    const a = state.checks[Number(q("[data-before]").value)];
    const b = state.checks[Number(q("[data-after]").value)];
    if (!a || !b) {
      frame.say("Save at least two checks to compare them.");
      return;
    }
    const c = await frame.ask("compare", { before: a.answers, after: b.answers });
    const box = q("[data-comparison]");
    box.textContent = "";
    box.append(el("h4", `${a.date} compared with ${b.date}`));
    const pair = el("div", null, "readiness__pair");
    const toParts = (key) => c.parts.map((p) => ({ house: p.house, label: p.label, level: p[key], level_name: p[`${key}_name`] }));
    pair.append(drawHouse(toParts("before"), `${frame.definition.id}-before`, `Your house on ${a.date}`),
      drawHouse(toParts("after"), `${frame.definition.id}-after`, `Your house on ${b.date}`));
    box.append(pair, partsTable("Each part, then and now", ["Part of the house", a.date, b.date, "Change"],
      c.parts.map((p) => [p.label, p.before_name, p.after_name, p.change])));
    for (const [title, lines] of [["What improved", c.improved], ["What slipped", c.slipped]]) {
      box.append(el("h5", title));
      const ul = el("ul");
      for (const s of lines) ul.append(el("li", `${s.text} (${s.before} to ${s.after})`));
      if (!lines.length) ul.append(el("li", "Nothing."));
      box.append(ul);
    }
    box.hidden = false;
    box.focus();
    frame.say(`Compared: ${c.improved.length} statements improved, ${c.slipped.length} slipped.`);
  }));

  async function exportAs(kind) {
    if (!state.checks.length) {
      frame.say("Save a check first: exports hold your saved checks.");
      return;
    }
    const out = await frame.ask("export", { team: team.value, checks: state.checks });
    const name = out.team.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "team";
    saveText(`readiness-${name}.${kind}`, out[kind]);
    frame.say(`Your checks were saved as a ${kind.toUpperCase()} file on this device.`);
  }
  q("[data-export-json]").addEventListener("click", () => frame.once(() => exportAs("json"), () => team.focus()));
  q("[data-export-csv]").addEventListener("click", () => frame.once(() => exportAs("csv"), () => team.focus()));

  q("[data-import]").addEventListener("change", (event) => frame.once(async () => {
    const loaded = await readTextFiles(event.target.files, MAX_FILE_BYTES);
    if (loaded.refused.length) {
      frame.say(`Not imported: ${loaded.refused.join("; ")}`);
      return;
    }
    for (const file of loaded.texts) {
      let got;
      try {
        got = await frame.ask("import", { text: file.text });
      } catch (error) {
        frame.say(`Not imported: ${file.name}: ${error.message}. Your saved checks are unchanged.`);
        return;
      }
      const have = new Set(state.checks.map((c) => c.date));
      const added = got.checks.filter((c) => !have.has(c.date));
      state.checks = [...state.checks, ...added].sort((a, b) => (a.date < b.date ? -1 : 1)).slice(-MAX_CHECKS);
      if (!team.value) team.value = got.team;
      remember();
      drawChecks();
      frame.say(`Imported ${added.length} check(s) from ${file.name}; ${got.checks.length - added.length} ` +
        "had the same date as a check you already had, and yours were kept.");
    }
  }));

  q("[data-rollup]").addEventListener("click", () => frame.once(async () => {
    const input = q("[data-rollup-files]");
    const loaded = await readTextFiles(input.files, MAX_FILE_BYTES);
    if (!loaded.texts.length && !loaded.refused.length) {
      frame.say("Choose the practices' JSON files first.");
      input.focus();
      return;
    }
    const r = await frame.ask("rollup", { files: loaded.texts });
    const box = q("[data-rollup-result]");
    box.textContent = "";
    box.append(el("h4", r.summary));
    const refused = [...loaded.refused, ...r.refused.map((x) => `${x.file}: ${x.reason}`)];
    if (refused.length) {
      box.append(el("h5", "Files not used"));
      const ul = el("ul");
      for (const line of refused) ul.append(el("li", line));
      box.append(ul);
    }
    if (r.teams) {
      box.append(stackedBars({
        id: `${frame.definition.id}-rollup-chart`, title: `How ${r.teams} teams stand, part by part`,
        description: "One bar for each part of the house, split by how many teams are at each level. The same " +
          "numbers are in the table below.",
        levels: r.scale.map((s, n) => ({ short: String(n), name: s.name })),
        rows: r.parts.map((p) => ({ label: p.label.split(":")[0], counts: p.counts, mark: null, note: "" })),
      }));
      box.append(partsTable("How many teams are at each level, for each part of the house",
        ["Part of the house", ...r.scale.map((s) => s.name)], r.parts.map((p) => [p.label, ...p.counts])));
      box.append(el("h5", "Teams at each stage"));
      const stages = el("ul");
      for (const s of r.stages) stages.append(el("li", `${s.name}: ${s.count}`));
      box.append(stages, el("h5", "The most common gaps"));
      const gaps = el("ol");
      for (const g of r.gaps) gaps.append(el("li", `${g.text} (${g.count} of ${r.teams} teams)`));
      box.append(gaps, partsTable("Each team", ["Team", "Latest check", "Overall", "Stage"],
        r.rows.map((row) => [row.team, row.date, r.scale.find((s) => s.id === row.overall).name, row.stage])));
      const download = el("button", "Download this table as CSV", "md-button");
      download.type = "button";
      download.addEventListener("click", () => saveText("readiness-rollup.csv", r.csv));
      box.append(download);
    }
    box.hidden = false;
    box.focus();
    frame.say(r.summary);
  }));
}
