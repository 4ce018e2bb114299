// Progress kept in this browser only (localStorage), under a versioned key:
//   house-of-care:v1:<name>
// Old, corrupt or unusable data is set aside under another key with a notice; it never crashes a page.

const PREFIX = "house-of-care";
export const VERSION = 1;
const MAX_CHARS = 64 * 1024;

function storage() {
  try {
    return window.localStorage;
  } catch (error) {
    return null; // storage blocked: progress simply is not kept
  }
}

export class Progress {
  constructor(name) {
    this.name = name;
    this.key = `${PREFIX}:v${VERSION}:${name}`;
    this.store = storage();
  }

  // Returns {data, notice}: data is what was saved (or null); notice says what was set aside, if anything.
  load(isValid) {
    if (!this.store) return { data: null, notice: null };
    let notice = null;
    for (let i = this.store.length - 1; i >= 0; i--) {
      const key = this.store.key(i);
      if (key && key.startsWith(`${PREFIX}:v`) && key.endsWith(`:${this.name}`) && key !== this.key) {
        this.setAside(key, "saved by an older version of this site");
        notice = "Progress saved by an older version of this site was set aside, so you start afresh.";
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
    if (!this.store) return false;
    try {
      this.store.setItem(this.key, JSON.stringify({ version: VERSION, savedAt: new Date().toISOString(), data }));
      return true;
    } catch (error) {
      console.warn("[exercises] Progress could not be saved:", error);
      return false;
    }
  }

  setAside(key = this.key, reason = "") {
    if (!this.store) return;
    const raw = this.store.getItem(key);
    this.store.removeItem(key);
    try {
      this.store.setItem(`${PREFIX}:set-aside:${Date.now()}:${key}`, JSON.stringify({ reason, raw }));
    } catch (error) {
      console.warn("[exercises] Could not keep the set-aside progress:", error);
    }
  }

  clear() {
    if (this.store) this.store.removeItem(this.key);
  }
}
