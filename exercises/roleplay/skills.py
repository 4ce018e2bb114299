"""Skill tags in plain words: the one place where a choice's tags (`skills: [telling]`) become the phrases a
learner reads in the report ("telling the person what to do instead of asking").

Each tag is a skill (something to do more of) or a habit (something to watch). The report lists skills from
the choices that helped and habits from the choices that were not the best. A tag not listed here is shown as
its words with the hyphens taken out; tests/roleplay/test_report_words.py checks every tag the shipped
scenarios use is here.
"""

from __future__ import annotations

SKILL, HABIT = "skill", "habit"

# tag: (kind, phrase). A phrase follows "You were ..." or stands alone in a list; no full stop.
TAGS: dict[str, tuple[str, str]] = {
    # skills
    "acknowledging": (SKILL, "acknowledging what the person feels"),
    "action-planning": (SKILL, "planning small, clear actions together"),
    "adapting-communication": (SKILL, "changing how you explain things to suit the person"),
    "affirming": (SKILL, "noticing and saying what the person is doing well"),
    "agenda-setting": (SKILL, "asking what the person wants to talk about first"),
    "apologising": (SKILL, "saying sorry when something went wrong"),
    "arranging-review": (SKILL, "agreeing when you will talk again"),
    "asking-about-falls": (SKILL, "asking about falls"),
    "asking-about-safety": (SKILL, "asking whether the person is safe"),
    "asking-permission": (SKILL, "asking before giving information or advice"),
    "carers-assessment": (SKILL, "offering the carer an assessment of their own needs"),
    "checking-agreement": (SKILL, "checking the person agrees with the plan"),
    "checking-identity": (SKILL, "checking you are speaking to the right person"),
    "checking-setting": (SKILL, "checking it is a good time and place to talk"),
    "checking-understanding": (SKILL, "checking the person has understood"),
    "chunk-and-check": (SKILL, "giving information a little at a time and checking as you go"),
    "confidence-scale": (SKILL, "asking how confident the person feels, on a scale"),
    "examination": (SKILL, "offering the check or examination the person needs"),
    "exploring-barriers": (SKILL, "exploring what might get in the way"),
    "exploring-concerns": (SKILL, "exploring the person's worries"),
    "future-focus": (SKILL, "looking ahead to what the person wants"),
    "goal-setting": (SKILL, "helping the person set a goal of their own"),
    "involving-carer": (SKILL, "involving the carer"),
    "linking": (SKILL, "linking results to what matters to the person"),
    "linking-to-goal": (SKILL, "linking the plan to the person's own goal"),
    "normalising": (SKILL, "saying that what the person feels is common"),
    "noticing-cues": (SKILL, "noticing what the person hints at"),
    "offering-options": (SKILL, "offering choices"),
    "one-plan": (SKILL, "bringing everything into one plan"),
    "open-question": (SKILL, "asking open questions"),
    "plain-words": (SKILL, "using plain words"),
    "reassuring-purpose": (SKILL, "explaining what the conversation is for"),
    "recording-the-plan": (SKILL, "writing the plan down in the person's own words"),
    "referral": (SKILL, "agreeing a referral with the person"),
    "reflecting": (SKILL, "saying back what you heard"),
    "repair": (SKILL, "noticing a misstep and putting it right"),
    "respecting-choice": (SKILL, "respecting the person's choice"),
    "safety-netting": (SKILL, "saying what to look out for and whom to call"),
    "safety-question": (SKILL, "asking plainly about the person's safety"),
    "shared-decision": (SKILL, "deciding together"),
    "shared-decision-making": (SKILL, "weighing up the options together"),
    "sharing-options": (SKILL, "explaining the options and what each means"),
    "sharing-results": (SKILL, "sharing results clearly"),
    "signposting": (SKILL, "pointing to other help at the right time"),
    "speaking-to-the-person": (SKILL, "speaking to the person, not about them"),
    "summarising": (SKILL, "summing up what you heard"),
    "teach-back": (SKILL, "asking the person to explain it back in their own words"),
    "using-pictures": (SKILL, "using pictures to explain"),
    "whole-person": (SKILL, "caring for the whole person, mind and body"),
    # habits
    "adding-targets": (HABIT, "adding targets the person did not choose"),
    "advice-giving": (HABIT, "giving advice before asking"),
    "advice-only": (HABIT, "giving advice and nothing more"),
    "alarming": (HABIT, "frightening the person into agreeing"),
    "assuming-cause": (HABIT, "assuming the cause without asking"),
    "blaming": (HABIT, "blaming the person"),
    "closed-question": (HABIT, "asking questions that only need a yes or a no"),
    "closing-early": (HABIT, "ending the conversation too soon"),
    "confronting": (HABIT, "confronting the person"),
    "correcting-bluntly": (HABIT, "correcting the person bluntly"),
    "deciding-for": (HABIT, "deciding for the person"),
    "disease-by-disease": (HABIT, "going through one condition at a time instead of the whole person"),
    "dismissing-carer": (HABIT, "brushing the carer aside"),
    "fixing": (HABIT, "jumping in to fix things before understanding them"),
    "information-giving": (HABIT, "giving information without asking what the person wants to know"),
    "information-overload": (HABIT, "giving too much information at once"),
    "jargon": (HABIT, "using medical words without explaining them"),
    "jumping-ahead": (HABIT, "moving on before the person is ready"),
    "jumping-to-targets": (HABIT, "going straight to targets and numbers"),
    "leaflet-instead-of-talking": (HABIT, "handing over a leaflet instead of talking"),
    "minimising": (HABIT, "making light of what the person feels"),
    "missing-red-flags": (HABIT, "missing warning signs"),
    "numbers": (HABIT, "leading with numbers"),
    "overriding-choice": (HABIT, "overriding the person's choice"),
    "parking-concerns": (HABIT, "putting the person's worries off until later"),
    "paternalism": (HABIT, "deciding what is best for the person"),
    "persuading": (HABIT, "trying to persuade instead of exploring"),
    "premature-reassurance": (HABIT, "reassuring too soon"),
    "prescribing-only": (HABIT, "offering medicine as the only answer"),
    "recording-for-the-system": (HABIT, "writing the record for the system rather than the person"),
    "referring": (HABIT, "referring on without agreeing it with the person"),
    "risk-first": (HABIT, "leading with risks"),
    "signposting-too-early": (HABIT, "pointing the person elsewhere before listening"),
    "splitting-mind-and-body": (HABIT, "treating mind and body as separate"),
    "taking-sides": (HABIT, "taking sides"),
    "talking-about-not-to": (HABIT, "talking about the person instead of to them"),
    "telling": (HABIT, "telling the person what to do instead of asking"),
    "template-led": (HABIT, "following the template instead of the person"),
    "warning": (HABIT, "warning instead of exploring"),
    "written-only": (HABIT, "giving it in writing only, without talking it through"),
}


def phrase(tag: str) -> str:
    """The plain words for a tag."""
    known = TAGS.get(tag)
    return known[1] if known else tag.replace("-", " ")


def is_habit(tag: str) -> bool:
    known = TAGS.get(tag)
    return bool(known) and known[0] == HABIT


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
