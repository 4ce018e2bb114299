// Moved to ../learner/files.js, which pages without an exercise also use (the self-study path).
export * from "../learner/files.js";
