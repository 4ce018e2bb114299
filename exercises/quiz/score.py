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


def score(quiz: Quiz, answers: Any) -> dict:
    given = read_answers(quiz, answers)
    results = []
    for q in quiz.questions:
        chosen = given.get(q.id)
        right = quiz.choice(q.answer)
        correct = chosen == q.answer
        if correct:
            verdict, words = "correct", f"Correct. {q.explanation}"
        elif chosen is None:
            verdict = "unanswered"
            words = f"You did not choose an answer. The answer is “{right.text}”. {q.explanation}"
        else:
            verdict = "incorrect"
            extra = q.feedback.get(chosen, "")
            words = " ".join(
                part for part in (
                    f"Not quite. You chose “{quiz.choice(chosen).text}”.",
                    extra,
                    f"The answer is “{right.text}”.",
                    q.explanation,
                ) if part
            )
        results.append({
            "id": q.id,
            "prompt": q.prompt,
            "given": chosen,
            "verdict": verdict,
            "correct": correct,
            "answer": q.answer,
            "feedback": words,
            "learn_more": q.learn_more,
        })
    right_count = sum(r["correct"] for r in results)
    total = len(results)
    if right_count == total:
        summary = f"You got all {total} right."
    else:
        summary = f"You got {right_count} out of {total} right. Read the feedback on each answer below."
    unanswered = sum(r["verdict"] == "unanswered" for r in results)
    if unanswered:
        summary += f" You left {unanswered} without an answer."
    return {
        "exercise": quiz.header.id,
        "score": right_count,
        "total": total,
        "summary": summary,
        "questions": results,
    }


def act(quiz: Quiz, action: str, data: Any) -> dict:
    if action == "score":
        return score(quiz, data.get("answers") if isinstance(data, dict) else None)
    raise AnswerError(f"a quiz cannot do '{str(action)[:40]}'; it can only 'score'")
