// The self-study path, on every page: pages on the path can be marked as read; read pages and finished
// exercises get a discreet tick in the navigation; the path page (clinicians/path/) shows where the
// learner is, keeps their reflections, saves and loads their progress as a file, and makes their CPD record.
// Everything stays in this browser. Text typed or loaded is set with textContent, never as HTML.

import { Progress, readResults, sitePath, siteUrl } from "./learner/progress.js";
import { el } from "./learner/dom.js";
import { readTextFiles, saveText } from "./learner/files.js";

const FORMAT = "house-of-care-study-path";
const FORMAT_VERSION = 1;
const MAX_FILE_BYTES = 256 * 1024;
const MAX_TEXT = 2000;
const MAX_PAGES = 500;
const FIELDS = [
  ["learnt", "What I learnt"],
  ["change", "What I will do differently (how I will change or improve my practice)"],
  ["know", "How I will know it has worked"],
];
const PATH_PAGE = "clinicians/path/";

const store = new Progress("study-path");
const empty = () => ({ read: {}, reflections: {}, name: "" });

const isDate = (v) => typeof v === "string" && v.length <= 40 && !Number.isNaN(Date.parse(v));
const isText = (v) => typeof v === "string" && v.length <= MAX_TEXT;

function validState(data) {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const { read, reflections, name } = data;
  if (!read || typeof read !== "object" || Array.isArray(read)) return false;
  const pages = Object.entries(read);
  if (pages.length > MAX_PAGES || !pages.every(([k, v]) => k.length <= 200 && isDate(v))) return false;
  if (!reflections || typeof reflections !== "object" || Array.isArray(reflections)) return false;
  const mods = Object.entries(reflections);
  if (mods.length > 20 || !mods.every(([k, v]) => k.length <= 40 && v && typeof v === "object" &&
    Object.entries(v).every(([f, t]) => FIELDS.some(([id]) => id === f) && isText(t)))) return false;
  return typeof name === "string" && name.length <= 80;
}

function load() {
  const saved = store.load(validState);
  return { state: saved.data || empty(), notice: saved.notice };
}

function when(iso) {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

// ---- every page: the navigation's ticks, and "mark this page as read" on pages of the path -------------

function tickNavigation(state) {
  const done = new Set(Object.keys(state.read));
  for (const r of Object.values(readResults())) if (r.page) done.add(r.page);
  for (const link of document.querySelectorAll(".md-nav__link[href]")) {
    const path = sitePath(new URL(link.getAttribute("href"), location.href));
    const old = link.querySelector(".study-path__tick");
    if (old) old.remove();
    if (path === null || !done.has(path)) continue;
    const tick = el("span", null, "study-path__tick");
    tick.append(el("span", "\u2713", "study-path__tick-mark"), el("span", " (done)", "study-path__hidden"));
    tick.firstChild.setAttribute("aria-hidden", "true");
    link.append(tick);
  }
}

function markHere(place) {
  const here = sitePath(new URL(location.href));
  let { state } = load();
  const button = el("button", null, "md-button");
  button.type = "button";
  const note = el("span", "", "study-path__mark-note");
  note.setAttribute("role", "status");
  const show = () => {
    const read = Boolean(state.read[here]);
    button.textContent = read ? "Marked as read" : "Mark this page as read";
    button.setAttribute("aria-pressed", String(read));
  };
  button.addEventListener("click", () => {
    state = load().state;
    if (state.read[here]) delete state.read[here];
    else state.read[here] = new Date().toISOString();
    store.save(state);
    show();
    note.textContent = state.read[here] ? "This page is marked as read on your self-study path." :
      "This page is no longer marked as read.";
    tickNavigation(state);
  });
  const back = el("a", "Back to your self-study path");
  back.href = siteUrl(PATH_PAGE);
  const line = el("p");
  line.append("This page is part of the self-study path for clinicians. ", button, " ", back, " ", note);
  place.append(line);
  place.hidden = false;
  show();
}

// ---- the path page ----------------------------------------------------------------------------------

function itemState(item, state, results) {
  if (item.kind === "page") {
    return state.read[item.url] ? { done: true, words: `Read on ${when(state.read[item.url])}` } :
      { done: false, words: "Not read yet" };
  }
  const r = results[item.ref];
  return r ? { done: true, words: `Done on ${when(r.when)}: ${r.summary}` } : { done: false, words: "Not done yet" };
}

function counts(study, state, results) {
  let done = 0, items = 0, minutes = 0;
  for (const m of study.modules) {
    for (const item of m.items) {
      items += 1;
      if (itemState(item, state, results).done) {
        done += 1;
        minutes += item.minutes;
      }
    }
  }
  return { done, items, minutes };
}

function recordLines(study, state, results, markdown) {
  const h = (level, words) => (markdown ? `${"#".repeat(level)} ${words}` : words.toUpperCase());
  const item = (words) => (markdown ? `- ${words}` : `  - ${words}`);
  const now = new Date();
  const c = counts(study, state, results);
  const out = [h(1, "Care and support planning: self-study record"), ""];
  if (state.name.trim()) out.push(`Name: ${state.name.trim()}`);
  out.push(`Record made: ${when(now.toISOString())}, ${now.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`,
    `Learning: the self-study path of the House of Care training site (${siteUrl(PATH_PAGE)})`,
    `Done: ${c.done} of ${c.items} items; about ${c.minutes} of ${study.minutes} minutes (estimated: pages from ` +
    "their length, exercises from how long they usually take; not timed).", "",
    "The headings follow the Nursing and Midwifery Council's reflective accounts form: what the activity was, " +
    "what you learnt, and how you will change or improve your practice. Nurses, midwives and nursing associates: " +
    "the form also asks how this is relevant to the Code. This record holds nothing about patients.", "");
  study.modules.forEach((m, n) => {
    out.push(h(2, `Module ${n + 1}: ${m.title} (about ${m.minutes} minutes, estimated)`), "", h(3, "What the activity was"), "");
    for (const it of m.items) {
      const s = itemState(it, state, results);
      out.push(item(`${it.kind === "page" ? "Page" : "Exercise"}: ${it.title} (about ${it.minutes} minutes). ${s.words}.`));
      const r = it.kind === "exercise" ? results[it.ref] : null;
      if (r) for (const d of r.details || []) out.push(markdown ? `    - ${d}` : `      ${d}`);
    }
    out.push("");
    const mine = state.reflections[m.id] || {};
    for (const [id, label] of FIELDS) {
      out.push(h(3, label), "", (mine[id] || "").trim() || "(not written yet)", "");
    }
  });
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

function drawRecord(box, text) {
  box.textContent = "";
  for (const block of text.split("\n\n")) box.append(el("pre", block, "study-path__record-block"));
}

function exportFile(state, results) {
  return JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, saved: new Date().toISOString(), ...state, results },
    null, 1);
}

// An imported file is untrusted: checked whole, and refused with one plain reason.
function readImport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error("it is not a progress file from this site (not JSON)");
  }
  if (!data || data.format !== FORMAT) throw new Error("it is not a progress file from this site's self-study path");
  if (data.version !== FORMAT_VERSION) {
    throw new Error(`it was saved by another version of this site (version ${String(data.version).slice(0, 10)})`);
  }
  const state = { read: data.read, reflections: data.reflections, name: data.name };
  if (!validState(state)) throw new Error("its contents are not in the expected form (changed, or damaged)");
  const results = data.results || {};
  if (typeof results !== "object" || Array.isArray(results) || Object.keys(results).length > 200 ||
    !Object.values(results).every((r) => r && typeof r === "object" && typeof r.summary === "string" &&
      r.summary.length <= MAX_TEXT && isDate(r.when))) {
    throw new Error("its exercise results are not in the expected form (changed, or damaged)");
  }
  return { state, results };
}

function mountPath(root, study) {
  let { state, notice } = load();
  const status = root.querySelector("[data-path-status]");
  const say = (words) => { status.textContent = words; };

  function draw() {
    const results = readResults();
    for (const m of study.modules) {
      for (const item of m.items) {
        const li = root.querySelector(`[data-item="${CSS.escape(item.key)}"]`);
        if (!li) continue;
        const s = itemState(item, state, results);
        li.dataset.done = String(s.done);
        li.querySelector("[data-state]").textContent = (s.done ? "\u2713 " : "") + s.words;
      }
      const box = root.querySelector(`[data-reflect="${CSS.escape(m.id)}"]`);
      for (const area of box ? box.querySelectorAll("textarea[data-field]") : []) {
        area.value = (state.reflections[m.id] || {})[area.dataset.field] || "";
      }
    }
    root.querySelector("[data-learner]").value = state.name;
    const c = counts(study, state, results);
    return `You have done ${c.done} of ${c.items} items on the path (about ${c.minutes} of ${study.minutes} minutes, estimated).`;
  }

  say([notice, draw()].filter(Boolean).join(" "));

  for (const box of root.querySelectorAll("[data-reflect]")) {
    box.addEventListener("input", (event) => {
      const area = event.target.closest("textarea[data-field]");
      if (!area) return;
      const mod = box.dataset.reflect;
      state.reflections[mod] = { ...(state.reflections[mod] || {}), [area.dataset.field]: area.value.slice(0, MAX_TEXT) };
      store.save(state);
    });
  }
  root.querySelector("[data-learner]").addEventListener("input", (event) => {
    state.name = event.target.value.slice(0, 80);
    store.save(state);
  });

  const fileName = (ext) => `care-planning-record-${new Date().toISOString().slice(0, 10)}.${ext}`;
  root.querySelector("[data-record-text]").addEventListener("click", () => {
    saveText(fileName("txt"), recordLines(study, state, readResults(), false) + "\n");
    say("Your record was saved as a text file on this device.");
  });
  root.querySelector("[data-record-markdown]").addEventListener("click", () => {
    saveText(fileName("md"), recordLines(study, state, readResults(), true) + "\n");
    say("Your record was saved as a Markdown file on this device.");
  });
  const record = root.querySelector("[data-record]");
  root.querySelector("[data-record-print]").addEventListener("click", () => {
    drawRecord(record, recordLines(study, state, readResults(), false));
    record.hidden = false;
    document.documentElement.classList.add("print-record");
    const done = () => {
      document.documentElement.classList.remove("print-record");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    say("Your record is shown below, ready to print or save as a PDF.");
    record.focus();
    window.print();
  });
  root.querySelector("[data-export]").addEventListener("click", () => {
    saveText(`self-study-progress-${new Date().toISOString().slice(0, 10)}.json`, exportFile(state, readResults()));
    say("Your progress was saved as a file on this device. Load it on another computer to carry on there.");
  });
  root.querySelector("[data-import]").addEventListener("change", async (event) => {
    const input = event.target;
    const loaded = await readTextFiles(input.files, MAX_FILE_BYTES);
    input.value = "";
    if (loaded.refused.length) {
      say(`Not loaded: ${loaded.refused.join("; ")}. Your progress here is unchanged.`);
      return;
    }
    for (const file of loaded.texts) {
      let got;
      try {
        got = readImport(file.text);
      } catch (error) {
        say(`Not loaded: ${file.name}: ${error.message}. Your progress here is unchanged.`);
        return;
      }
      const read = { ...got.state.read, ...state.read };
      const reflections = { ...state.reflections };
      for (const [mod, fields] of Object.entries(got.state.reflections)) {
        reflections[mod] = { ...fields, ...Object.fromEntries(Object.entries(reflections[mod] || {}).filter(([, t]) => t.trim())) };
      }
      state = { read, reflections, name: state.name || got.state.name };
      store.save(state);
      const results = readResults();
      for (const [id, r] of Object.entries(got.results)) {
        if (!results[id] || results[id].when < r.when) results[id] = r;
      }
      new Progress("results").save(results);
      say(`Loaded your progress from ${file.name}. ${draw()}`);
      tickNavigation(state);
    }
  });
  root.querySelector("[data-reset]").addEventListener("click", () => {
    if (!window.confirm("Start the path again? This clears the pages you marked as read, your exercise results " +
      "on the path and your reflections in this browser. Save your record or your progress first if you want " +
      "to keep them.")) {
      say("Nothing was cleared.");
      return;
    }
    state = empty();
    store.save(state);
    new Progress("results").save({});
    say(`Your path was started again. ${draw()}`);
    tickNavigation(state);
  });
}

// On a page that lists exercises (a table of links), say beside each one whether it is done (with its
// result) or in progress.
function markExerciseList() {
  const results = Object.values(readResults());
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
  } catch (error) {
    return;
  }
  for (const link of document.querySelectorAll(".md-typeset table a[href]")) {
    const path = sitePath(new URL(link.getAttribute("href"), location.href));
    if (!path || !path.startsWith("exercises/") && !path.startsWith("local/readiness-check")) continue;
    const done = results.find((r) => r.page === path);
    const id = path.replace(/\/$/, "").split("/").pop();
    const started = keys.some((k) => k && /^house-of-care:v\d+:/.test(k) && k.endsWith(`:${id}`));
    if (!done && !started) continue;
    const mark = el("span", done ? `\u2713 Done: ${done.summary}` : "In progress", "study-path__exercise-state");
    link.after(el("br"), mark);
  }
}

function main() {
  const { state } = load();
  tickNavigation(state);
  if (document.querySelector(".md-typeset table a[href*='roleplay/'], .md-typeset table a[href*='plans/']")) {
    markExerciseList();
  }
  const place = document.querySelector("[data-study-path-mark]");
  if (place) markHere(place);
  const data = document.getElementById("study-path-data");
  if (data) {
    let study;
    try {
      study = JSON.parse(data.textContent);
    } catch (error) {
      console.error("[study path] The path's data could not be read.", error);
      return;
    }
    mountPath(document.querySelector(".md-content"), study);
  }
}

main();
