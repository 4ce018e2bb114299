// Progress kept in this browser only (localStorage), under a versioned key:
//   house-of-care:v1:<name>
// Old, corrupt or unusable data is set aside under another key with a notice; it never crashes a page.
// Progress saved by a newer version of the site is left alone for that version. Set-aside copies are
// capped (the oldest dropped first). When storage is blocked or full, the learner is told once.

const PREFIX = "house-of-care";
export const VERSION = 1;
const MAX_CHARS = 64 * 1024;
export const MAX_SET_ASIDE = 10;
const SET_ASIDE = `${PREFIX}:set-aside:`;

export const NOT_KEPT = "This browser is not letting the site keep your progress (its storage is blocked or " +
  "full), so it will be lost when you leave this page.";

let trouble = null; // a function the page's runtime gives, to tell the learner
let told = false;

// The page's runtime says how to tell the learner that progress cannot be kept.
export function onStorageTrouble(tell) {
  trouble = tell;
}

function tellOnce() {
  if (told) return;
  told = true;
  console.warn(`[exercises] ${NOT_KEPT}`);
  if (trouble) trouble(NOT_KEPT);
}

function storage() {
  try {
    const store = window.localStorage;
    store.length; // throws in some browsers when storage is blocked
    return store;
  } catch (error) {
    return null;
  }
}

function versionOf(key, name) {
  const match = key.match(/^house-of-care:v(\d+):(.*)$/);
  return match && match[2] === name ? Number(match[1]) : null;
}

export class Progress {
  constructor(name) {
    this.name = name;
    this.key = `${PREFIX}:v${VERSION}:${name}`;
    this.store = storage();
  }

  // Returns {data, notice}: data is what was saved (or null); notice says what was set aside, if anything.
  load(isValid) {
    if (!this.store) return { data: null, notice: NOT_KEPT };
    let notice = null;
    const keys = [];
    for (let i = 0; i < this.store.length; i++) keys.push(this.store.key(i));
    for (const key of keys) {
      const version = key ? versionOf(key, this.name) : null;
      if (version !== null && version < VERSION) {
        this.setAside(key, "saved by an older version of this site");
        notice = "Progress saved by an older version of this site was set aside, so you start afresh.";
      } else if (version !== null && version > VERSION) {
        notice = "Progress saved by a newer version of this site is kept for it; this page starts afresh.";
      }
    }
    const raw = this.store.getItem(this.key);
    if (raw === null) return { data: null, notice };
    try {
      if (raw.length > MAX_CHARS) throw new Error("too large");
      const saved = JSON.parse(raw);
      if (!saved || saved.version !== VERSION || !isValid(saved.data)) throw new Error("not in the expected form");
      return { data: saved.data, notice };
    } catch (error) {
      console.warn(`[exercises] Saved progress under ${this.key} could not be used (${error.message}); set aside.`);
      this.setAside(this.key, error.message);
      return { data: null, notice: "Your saved progress could not be read, so it was set aside and you start afresh." };
    }
  }

  save(data) {
    if (!this.store) {
      tellOnce();
      return false;
    }
    try {
      this.store.setItem(this.key, JSON.stringify({ version: VERSION, savedAt: new Date().toISOString(), data }));
      return true;
    } catch (error) {
      tellOnce();
      return false;
    }
  }

  setAside(key = this.key, reason = "") {
    if (!this.store) return;
    const raw = this.store.getItem(key);
    this.store.removeItem(key);
    const kept = raw === null ? null : raw.slice(0, MAX_CHARS);
    try {
      this.dropOldSetAside(MAX_SET_ASIDE - 1);
      this.store.setItem(`${SET_ASIDE}${Date.now()}:${key}`, JSON.stringify({ reason, raw: kept }));
    } catch (error) {
      console.warn("[exercises] Could not keep the set-aside progress:", error);
    }
  }

  // Keep at most `room` set-aside copies, dropping the oldest first.
  dropOldSetAside(room) {
    const found = [];
    for (let i = 0; i < this.store.length; i++) {
      const key = this.store.key(i);
      if (key && key.startsWith(SET_ASIDE)) found.push({ key, when: Number(key.slice(SET_ASIDE.length).split(":")[0]) || 0 });
    }
    found.sort((a, b) => a.when - b.when);
    for (const old of found.slice(0, Math.max(0, found.length - room))) {
      this.store.removeItem(old.key);
      console.info(`[exercises] An old set-aside copy of progress was dropped to make room: ${old.key}`);
    }
  }

  clear() {
    if (this.store) this.store.removeItem(this.key);
  }
}

// Where a page sits in the site, as the site's own paths say it ("house/roof/"; "" for the home page), so
// that progress is the same whichever folder or host serves the site. Material gives the site's root.
function siteRoot() {
  try {
    if (window.__md_scope instanceof URL) return window.__md_scope;
  } catch (error) {
    // fall through
  }
  return new URL("/", location.href);
}

export function sitePath(url) {
  const root = siteRoot();
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
  return decodeURIComponent(url.pathname.slice(root.pathname.length)).replace(/index\.html$/, "");
}

export function siteUrl(path) {
  return new URL(path, siteRoot()).href;
}

// Each exercise's latest result, for the self-study path and the CPD record:
//   house-of-care:v1:results  ->  {"<exercise id>": {type, title, summary, details, when}}
const RESULTS = "results";
const MAX_RESULT_TEXT = 2000;

function cleanResult(value) {
  return value && typeof value === "object" && typeof value.summary === "string" && typeof value.when === "string";
}

export function readResults() {
  const saved = new Progress(RESULTS).load((data) => data && typeof data === "object" && !Array.isArray(data) &&
    Object.values(data).every(cleanResult));
  return saved.data || {};
}

// A view calls this when the learner finishes an exercise: a one-line summary and, optionally, a few lines
// of detail (plain text, shown in the CPD record).
export function recordResult(id, { type, title, summary, details = [] }) {
  const results = readResults();
  results[String(id).slice(0, 80)] = {
    type: String(type || "").slice(0, 40), title: String(title || "").slice(0, 200),
    summary: String(summary || "").slice(0, MAX_RESULT_TEXT),
    details: (Array.isArray(details) ? details : []).slice(0, 20).map((d) => String(d).slice(0, 300)),
    when: new Date().toISOString(), page: sitePath(new URL(location.href)),
  };
  new Progress(RESULTS).save(results);
}
