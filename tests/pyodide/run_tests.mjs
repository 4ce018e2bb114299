// Runs engine test modules inside Pyodide (the same npm package the site ships) under Node.
// Usage: node tests/pyodide/run_tests.mjs MANIFEST.json
// The manifest: {"engine_zip": path, "definitions": {...}, "files": {"tests/engine/x.py": "source"},
//                "modules": ["tests.engine.test_x"]}
// Prints one JSON line: {"python": version, "results": [{"test", "ok", "error"}]}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pyodideDir = dirname(require.resolve("pyodide/package.json"));
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));

// Keep failures short: Pyodide's own stack traces quote megabytes of its source.
process.on("uncaughtException", (error) => {
  console.error(String(error && error.message ? error.message : error).slice(0, 4000));
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  console.error(String(error && error.message ? error.message : error).slice(0, 4000));
  process.exit(1);
});

const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
pyodide.unpackArchive(new Uint8Array(readFileSync(manifest.engine_zip)), "zip", { extractDir: "/home/pyodide/engine" });
for (const [path, source] of Object.entries(manifest.files)) {
  const full = "/home/pyodide/work/" + path;
  pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf("/")));
  pyodide.FS.writeFile(full, source);
}
pyodide.FS.writeFile("/home/pyodide/definitions.json", JSON.stringify(manifest.definitions));
pyodide.globals.set("MODULES", pyodide.toPy(manifest.modules));
const output = pyodide.runPython(`
import importlib, json, os, sys, traceback
sys.path[:0] = ["/home/pyodide/engine", "/home/pyodide/work"]
os.environ["HOC_DEFINITIONS"] = "/home/pyodide/definitions.json"
results = []
for name in MODULES:
    module = importlib.import_module(name)
    for attr in sorted(dir(module)):
        if attr.startswith("test_") and callable(getattr(module, attr)):
            try:
                getattr(module, attr)()
                results.append({"test": f"{name}.{attr}", "ok": True})
            except BaseException:
                results.append({"test": f"{name}.{attr}", "ok": False, "error": traceback.format_exc()})
json.dumps({"python": sys.version, "platform": sys.platform, "results": results})
`);
console.log(output);
