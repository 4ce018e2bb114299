// The exercise runtime: starts the Python engine (Pyodide in a module worker, shared between the site's
// pages where the browser allows it) as soon as a page that holds an exercise opens, and mounts each
// exercise's view. Content pages never load this file.
//
// Every exercise element carries data-exercise="<id>"; this sets its data-engine-state to
// "loading", then "ready" or "failed". Nothing fails silently: failures show a plain message and a
// printable version, and go to the console with detail.

import { onStorageTrouble } from "./progress.js";

const DEFAULT_TIMEOUT_MS = 45000;
const ENGINE_SETTLED = "house-of-care:engine-settled";

function readConfig() {
  const element = document.getElementById("exercise-runtime");
  const config = JSON.parse(element.textContent);
  return {
    pyodide: new URL(config.pyodide, document.baseURI).href,
    engine: new URL(config.engine, document.baseURI).href,
    snapshot: config.snapshot ? new URL(config.snapshot, document.baseURI).href : null,
    worker: config.worker || "",
    types: config.types || [],
    timeoutMs: globalThis.houseOfCareEngineTimeoutMs || DEFAULT_TIMEOUT_MS,
  };
}

function whyItCannotStart() {
  if (location.protocol === "file:") {
    return "This page was opened as a file. The exercises only work when the site is served by a web server " +
      "(for example with scripts/serve).";
  }
  if (typeof WebAssembly !== "object") {
    return "This browser does not run WebAssembly, or it has been turned off. The exercises need it.";
  }
  if (typeof Worker !== "function") {
    return "This browser does not support web workers, which the exercises need.";
  }
  return null;
}

export class Engine {
  constructor(config) {
    this.config = config;
    this.state = "loading";
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {}); // failures are reported through onState, not as unhandled rejections
  }

  onState(listener) {
    this.listeners.add(listener);
    listener(this.state, this.reason);
  }

  setState(state, reason) {
    if (this.state === state) return;
    this.state = state;
    this.reason = reason;
    for (const listener of this.listeners) listener(state, reason);
    // The theme's own script waits for this on exercise pages (overrides/main.html).
    if (state !== "loading") document.dispatchEvent(new CustomEvent(ENGINE_SETTLED, { detail: { state } }));
  }

  fail(reason, detail) {
    if (this.state === "failed") return;
    console.error("[exercises] The exercise engine could not start:", reason, detail ?? "");
    clearTimeout(this.timer);
    this.close();
    this.setState("failed", reason);
    this.rejectReady(new Error(reason));
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
  }

  // Take over the worker the page's head started (see overrides/main.html), or start one now.
  start() {
    const blocked = whyItCannotStart();
    if (blocked) return this.fail(blocked);
    const boot = globalThis.houseOfCareEngineBoot || {};
    this.started = boot.started ?? performance.now();
    const early = boot.worker ? boot.early : [];
    try {
      this.attach(boot.worker ? { worker: boot.worker, port: boot.port, shared: boot.port !== boot.worker }
        : this.openEither());
    } catch (error) {
      return this.fail("This browser could not start the exercise engine.", error);
    }
    if (boot.worker) {
      boot.port.onmessage = null;
      boot.worker.onerror = null;
      boot.worker = null;
      for (const event of early) {
        if (event.kind === "message") this.receive(event.data);
        else this.workerFailed(event.message);
      }
    }
    if (this.state === "loading") {
      this.port.postMessage(JSON.stringify({ type: "give-up-after", ms: this.config.timeoutMs }));
      this.timer = setTimeout(() => this.fail(
        `The exercise engine did not start within ${Math.round(this.config.timeoutMs / 1000)} seconds. ` +
        "A file may be missing or served with the wrong type, or the connection may be slow."),
        this.config.timeoutMs);
    }
  }

  // A new engine worker: shared (kept by the browser for the site's next page) or this page's own.
  // The same settings as the page's head uses, so that its shared worker is found again.
  open(shared) {
    const url = new URL("engine-worker.js", import.meta.url);
    const name = JSON.stringify({ pyodide: this.config.pyodide, engine: this.config.engine,
      snapshot: this.config.snapshot, worker: this.config.worker });
    const worker = shared ? new SharedWorker(url, { type: "module", name, extendedLifetime: true })
      : new Worker(url, { type: "module", name });
    const port = shared ? worker.port : worker;
    port.postMessage(JSON.stringify({ type: "warm-up", types: this.config.types }));
    return { worker, port, shared };
  }

  // Shared where the browser has shared workers and allows one here; else the page's own.
  openEither() {
    try {
      return this.open(true);
    } catch (error) {
      return this.open(false);
    }
  }

  attach({ worker, port, shared }) {
    Object.assign(this, { worker, port, shared, heard: false });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.workerFailed(event.message || event);
    });
    port.addEventListener("messageerror", (event) => this.fail("The exercise engine sent a broken message.", event));
    port.addEventListener("message", (event) => this.receive(event.data));
    if (shared) port.start();
  }

  // The worker's script could not run. A shared one that has not said a word may be a browser that cannot
  // run this script as a shared worker: the page then starts its own.
  workerFailed(detail) {
    if (this.shared && !this.heard && this.state === "loading") {
      console.info("[exercises] The shared exercise engine could not start here, so this page starts its own.", detail ?? "");
      this.close();
      try {
        return this.attach(this.open(false));
      } catch (error) {
        return this.fail("This browser could not start the exercise engine.", error);
      }
    }
    this.fail("A file the exercise engine needs could not be loaded.", detail);
  }

  close() {
    if (!this.worker) return;
    if (this.shared) this.port.close(); // the engine goes on for the site's other pages
    else this.worker.terminate();
  }

  receive(text) {
    this.heard = true;
    let message;
    try {
      message = JSON.parse(text);
    } catch (error) {
      return this.fail("The exercise engine sent a broken message.", error);
    }
    if (message.type === "note") {
      const level = ["info", "warn", "error"].includes(message.level) ? message.level : "info";
      console[level](String(message.text));
    } else if (message.type === "ready") {
      clearTimeout(this.timer);
      const t = message.timings || {};
      // For the benchmark and tests: how this page's engine started.
      globalThis.houseOfCareEngineStart = { how: t.kept ? "kept" : t.how, fromCopy: Boolean(t.fromCopy) };
      const how = t.how !== "snapshot" ? "started normally" : t.fromCopy ? "restored from this browser's unpacked snapshot"
        : "restored from the snapshot";
      console.info(`[exercises] Engine ready in ${Math.round(performance.now() - this.started)} ms ` + (t.kept
        ? `(already running: an earlier page started it, ${how}).`
        : `(${how}: Pyodide ${t.pyodideMs} ms, then the exercises package ${t.engineMs} ms).`));
      this.setState("ready");
      this.resolveReady();
    } else if (message.type === "failed") {
      this.fail("The exercise engine could not start: " + message.error, message.detail);
    } else if (message.type === "reply") {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      if (message.reply && message.reply.ok) waiting.resolve(message.reply.result);
      else {
        console.error("[exercises] The engine refused a request:", message.reply);
        waiting.reject(new Error((message.reply && message.reply.error) || "The engine could not answer."));
      }
    }
  }

  // Ask the engine to act on an exercise; waits for the engine if it is still starting.
  async call(action, definition, data) {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage(JSON.stringify({ type: "call", id, request: { action, definition, data } }));
    });
  }
}

// What every view shares: the status line, the fallback, and waiting politely for the engine.
export class ExerciseFrame {
  constructor(element, engine) {
    this.element = element;
    this.engine = engine;
    try {
      this.definition = JSON.parse(element.querySelector("script[data-definition]").textContent);
    } catch (error) {
      this.definition = null; // shown as failed by main(), with the printable version
    }
    this.status = element.querySelector("[data-status]");
    this.fallback = element.querySelector("[data-fallback]");
    this.readyNote = ""; // a view's own words to add when the engine is ready
    for (const print of element.querySelectorAll("[data-print]")) print.addEventListener("click", () => window.print());
    engine.onState((state, reason) => this.show(state, reason));
  }

  say(text) {
    this.status.textContent = text;
  }

  // This exercise cannot run whatever the engine does (its content or its view could not be loaded).
  fail(reason) {
    this.stuck = true;
    this.show("failed", reason);
  }

  show(state, reason) {
    if (this.stuck && state !== "failed") return;
    this.element.dataset.engineState = state;
    if (state === "loading") this.say("The exercise engine is starting. You can already read the exercise and make your choices.");
    if (state === "ready") this.say(`The exercise is ready. ${this.readyNote}`.trim());
    if (state === "failed") {
      this.say("The interactive exercise could not start. A printable version is below.");
      this.fallback.hidden = false;
      this.fallback.querySelector("[data-fallback-reason]").textContent = reason || "";
      const answers = this.element.querySelector("[data-answers]");
      if (answers) answers.hidden = false;
    }
  }

  // Run one piece of work at a time (a second click while busy is ignored). A failure has already been
  // told in the status line by ask(); onError may move focus to what needs fixing.
  async once(work, onError) {
    if (this.busy) return;
    this.busy = true;
    try {
      await work();
    } catch (error) {
      if (onError) onError(error);
    } finally {
      this.busy = false;
    }
  }

  // Run an engine action; while the engine starts, say that the action is waiting.
  async ask(action, data) {
    if (this.engine.state === "failed") {
      this.say("The interactive exercise is not available. Use the printable version below.");
      throw new Error("engine failed");
    }
    if (this.engine.state === "loading") {
      this.say("Please wait: the exercise engine is still starting. Your answers will be checked as soon as it is ready.");
    }
    try {
      return await this.engine.call(action, this.definition, data);
    } catch (error) {
      if (this.engine.state !== "failed") this.say("Sorry, something went wrong: " + error.message);
      throw error;
    }
  }
}

async function main() {
  const elements = [...document.querySelectorAll("[data-exercise]")];
  if (elements.length === 0) return;
  const engine = new Engine(readConfig());
  const frames = [];
  onStorageTrouble((message) => {
    for (const frame of frames) {
      frame.readyNote = message;
      frame.say(message);
    }
  });
  for (const element of elements) element.dataset.engineState = "loading";
  engine.start();
  for (const element of elements) {
    const type = element.dataset.exerciseType;
    try {
      const frame = new ExerciseFrame(element, engine);
      frames.push(frame);
      if (frame.definition === null) {
        console.error(`[exercises] The definition of exercise "${element.dataset.exercise}" could not be read.`);
        frame.fail("This exercise's content could not be read.");
        continue;
      }
      const view = await import(`./views/${type}.js`);
      view.mount(frame);
      if (engine.state === "ready") frame.show("ready");
    } catch (error) {
      console.error(`[exercises] No view could be loaded for exercise type "${type}":`, error);
      new ExerciseFrame(element, engine).fail("This page could not load the part that draws the exercise.");
    }
  }
}

main().catch((error) => console.error("[exercises] The exercise runtime failed:", error));
