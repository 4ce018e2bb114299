// Moved to ../learner/progress.js, which pages without an exercise also use (the self-study path).
export * from "../learner/progress.js";
