"""Reaching the exercise engine from a test.

Pages start the engine as a shared worker (overrides/main.html), which Playwright neither lists nor waits
for: `page.workers` does not hold it, and a page that started one never reaches "networkidle". So:
- `engine_eval` runs a function in the engine worker through the DevTools protocol (a page's own
  dedicated worker, where the page has no shared one, through Playwright);
- `stop_engine` ends it, so that the next page has to start the engine again;
- `wait_until_quiet` stands in for "networkidle";
- `OWN_ENGINE` makes a page start its own worker, for tests that break Pyodide's files with `page.route`.
"""

from __future__ import annotations

import json
import time

WORKER = "/engine-worker.js"


def how_started(page) -> str:
    """How the page's engine started, as the page was told: "snapshot", "normal start" or "kept"."""
    page.wait_for_selector('[data-exercise][data-engine-state="ready"]', timeout=60_000)
    return page.evaluate("() => globalThis.houseOfCareEngineStart.how")


def _shared_target(page):
    cdp = page.context.browser.new_browser_cdp_session()
    own = page.context.new_cdp_session(page)
    context_id = own.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    own.detach()
    found = [t for t in cdp.send("Target.getTargets")["targetInfos"]
             if t["type"] == "shared_worker" and t["url"].endswith(WORKER) and t.get("browserContextId") == context_id]
    return cdp, found


def engine_eval(page, function: str, arg=None, timeout_s: float = 30):
    """The value of `function` (JavaScript text of a function of one argument), awaited, in the engine."""
    cdp, found = _shared_target(page)
    if not found:
        cdp.detach()
        dedicated = [w for w in page.workers if w.url.endswith(WORKER)]
        assert len(dedicated) == 1, "the page has no engine worker"
        return dedicated[0].evaluate(function, arg)
    assert len(found) == 1, found
    answers = {}

    def received(event):
        message = json.loads(event["message"])
        if message.get("id") == 1:  # not the worker's own notices
            answers["reply"] = message

    cdp.on("Target.receivedMessageFromTarget", received)
    session = cdp.send("Target.attachToTarget", {"targetId": found[0]["targetId"], "flatten": False})["sessionId"]
    expression = f"({function})({json.dumps(arg)})"
    cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
        {"id": 1, "method": "Runtime.evaluate",
         "params": {"expression": expression, "awaitPromise": True, "returnByValue": True,
                    "allowUnsafeEvalBlockedByCSP": False}})})  # under the worker's policy, as its own code is
    deadline = time.monotonic() + timeout_s
    while "reply" not in answers and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the protocol's events
    cdp.detach()
    reply = answers.get("reply", {}).get("result")
    assert reply is not None, f"the engine worker did not answer: {answers}"
    assert "exceptionDetails" not in reply, reply["exceptionDetails"]
    return reply["result"].get("value")


def in_engine(page, request: dict) -> dict:
    """The engine's reply to a request, asked directly (as exercises.browser.handle is)."""
    return json.loads(engine_eval(page, "(request) => self.houseOfCareEngine.handle(request)", json.dumps(request)))


def stop_engine(page) -> None:
    """Ends the engine the page uses, as the browser does a while after the last page using it has gone."""
    engine_eval(page, "() => { setTimeout(() => self.close(), 0); return true; }")
    cdp, found = _shared_target(page)
    for _ in range(100):
        if not found:
            break
        page.wait_for_timeout(50)
        cdp.detach()
        cdp, found = _shared_target(page)
    cdp.detach()
    assert not found, "the engine worker did not stop"


QUIET = """async (quietMs) => {
  const count = () => performance.getEntriesByType("resource").length;
  let seen = -1;
  let since = performance.now();
  const start = since;
  while (performance.now() - start < 30000) {
    const now = count();
    if (now !== seen || document.readyState !== "complete") { seen = now; since = performance.now(); }
    else if (performance.now() - since >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the page kept fetching files for 30 s");
}"""


def wait_until_quiet(page, quiet_ms: int = 500) -> None:
    """The page has loaded and fetched nothing new for quiet_ms (in place of "networkidle")."""
    page.evaluate(QUIET, quiet_ms)


# Playwright's routes reach a page's own (dedicated) worker, not a shared one. A test that holds back or
# breaks the engine's files with page.route first adds this script, so that the page starts its own engine,
# as it does in a browser without shared workers; what the learner sees is the same either way.
OWN_ENGINE = "delete globalThis.SharedWorker;"
