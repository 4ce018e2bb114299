// Moved to ../learner/dom.js, which pages without an exercise also use (the self-study path).
export * from "../learner/dom.js";
