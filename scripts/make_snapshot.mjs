// Makes the engine's Pyodide memory snapshot at build time (called by exercises/site/snapshot.py).
//
//   node scripts/make_snapshot.mjs <pyodide dir> <engine zip> <families, comma-separated> <output file>
//
// Starts the npm Pyodide, unpacks the engine zip where the browser's worker unpacks it, imports
// exercises.browser and every family, and writes the raw memory snapshot. The worker restores it with
// loadPyodide({_loadSnapshot}) and skips CPython's start-up and these imports (a private Pyodide API,
// tied to the exact Pyodide build: the build names the file after the Pyodide version and a hash).

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, enginePath, families, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node scripts/make_snapshot.mjs <pyodide dir> <engine zip> <families> <output file>");
  process.exit(2);
}

const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
// Must match engine-worker.js: the same folder, the same sys.path.
pyodide.unpackArchive(new Uint8Array(readFileSync(enginePath)), "zip", { extractDir: "/home/pyodide/engine" });
pyodide.globals.set("families_to_import", families);
pyodide.runPython(`
import sys
sys.path.insert(0, '/home/pyodide/engine')
import exercises.browser
exercises.browser.warm_up([t for t in families_to_import.split(",") if t])
del families_to_import
`);
writeFileSync(output, pyodide.makeMemorySnapshot());
