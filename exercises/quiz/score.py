"""Score a learner's answers to a quiz, with feedback on each answer."""

from __future__ import annotations

from typing import Any

from .model import Quiz


class AnswerError(ValueError):
    """The answers sent do not fit the quiz (untrusted input)."""


def read_answers(quiz: Quiz, answers: Any) -> dict[str, str]:
    if not isinstance(answers, dict):
        raise AnswerError("answers must be a mapping of question id to choice id")
    question_ids = {q.id for q in quiz.questions}
    clean: dict[str, str] = {}
    for qid, cid in answers.items():
        if qid not in question_ids:
            raise AnswerError(f"there is no question '{str(qid)[:80]}' in this quiz")
        if cid in (None, ""):
            continue
        if not isinstance(cid, str) or quiz.choice(cid) is None:
            raise AnswerError(f"'{str(cid)[:80]}' is not one of the choices for question '{qid}'")
        clean[qid] = cid
    return clean


def score(quiz: Quiz, answers: Any, attempt: Any = 1, reveal: Any = False) -> dict:
    """Every question must be answered first. A wrong answer gets a hint, not the answer, on the first try;
    the right answers are shown on request (`reveal`) or from the second try."""
    given = read_answers(quiz, answers)
    missing = [{"id": q.id, "prompt": q.prompt} for q in quiz.questions if q.id not in given]
    if missing:
        names = ", ".join(m["prompt"] for m in missing)
        return {"exercise": quiz.header.id, "complete": False, "missing": missing, "score": None,
                "total": len(quiz.questions), "questions": [],
                "summary": f"Answer every question first. Not answered yet: {names}."}
    attempt = attempt if isinstance(attempt, int) and not isinstance(attempt, bool) and attempt > 0 else 1
    results = []
    for q in quiz.questions:
        chosen = given[q.id]
        correct = chosen == q.answer
        results.append({"id": q.id, "prompt": q.prompt, "given": chosen, "correct": correct,
                        "verdict": "correct" if correct else "incorrect", "answer": q.answer,
                        "learn_more": q.learn_more})
    right_count = sum(r["correct"] for r in results)
    total = len(results)
    shown = reveal is True or attempt >= 2 or right_count == total
    for q, r in zip(quiz.questions, results):
        right = quiz.choice(q.answer)
        if r["correct"]:
            r["feedback"] = f"Correct. {q.explanation}"
            continue
        parts = [f"Not quite. You chose “{quiz.choice(r['given']).text}”.", q.feedback.get(r["given"], "")]
        if shown:
            parts += [f"The answer is “{right.text}”.", q.explanation]
        else:
            parts.append("Have another go, or read more about it.")
        r["feedback"] = " ".join(part for part in parts if part)
    if right_count == total:
        summary = f"You got all {total} right."
    elif shown:
        summary = f"You got {right_count} out of {total} right. The right answers are shown with each question above."
    else:
        summary = (f"You got {right_count} out of {total} right. The feedback is with each question above: change "
                   f"the answers marked “Not quite” and check again, or show the answers.")
    return {"exercise": quiz.header.id, "complete": True, "missing": [], "score": right_count, "total": total,
            "attempt": attempt, "answers_shown": shown, "summary": summary, "questions": results}


def act(quiz: Quiz, action: str, data: Any) -> dict:
    if action == "score":
        data = data if isinstance(data, dict) else {}
        return score(quiz, data.get("answers"), data.get("attempt", 1), data.get("reveal", False))
    raise AnswerError(f"a quiz cannot do '{str(action)[:40]}'; it can only 'score'")
