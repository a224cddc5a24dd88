"""What the signs of a patient page mean, and why the experts say each piece of advice.

The legend and the "why" lines are read together: a why beside a sign must hold for every
item with that sign, so both live here, apart from the page's layout in
:mod:`domain.generation`."""

from __future__ import annotations

import re

from domain.model import Direction, PvgRecommendation, Recommendation, Strength

_TERMS = re.compile(r"^Your care team may offer [^.]+?(?: when | only in cases of |\. This "
                    r"applies (?:only )?(?:when|if) )")
# "Devices are rarely needed": how often a thing is needed, not advice never to have it.
_SELDOM = re.compile(r"^[^.;:]{3,120}?\b(?:is|are) (?:rarely|seldom) (?:necessary|needed"
                     r"|required)\b(?![^.]*\bbut\b)", re.IGNORECASE)

WHY = {
    "A": "The experts are very sure that this helps a lot.",
    "B": "The experts found good evidence that this helps.",
    "C": "It helps only a little, so it depends on you and your health.",
    "D": "The experts found that it does not help, or that the harm is greater than the good.",
    "I": "There are not enough good studies to weigh the good against the harm.",
    "strong evidence": "The experts found strong evidence that it works.",
    "enough evidence": "The experts found enough evidence that it works.",
    "consensus": "The experts agreed on this from their experience. No studies were graded for it.",
    "strong against": ("The experts are sure that the harm, or the burden, is greater than the "
                       "good."),
    "against": "The experts found that it does not help enough, or that it may do harm.",
    "conditional": "The good and the harm are close, so your wishes matter.",
    "ungraded": "This is based on the experts' judgment and the studies they read.",
    "for": "The experts weighed the good against the harm. The good is likely to be greater.",
}

WHY_ZH = {
    "A": "专家很确定这样做有很大好处。",
    "B": "专家找到了较好的证据，说明这样做有好处。",
    "C": "这样做好处不大，做不做要看您的情况。",
    "D": "专家认为这样做没有好处，或者害处大于好处。",
    "I": "关于这件事，好的研究还不够，无法比较好处和害处。",
    "strong evidence": "专家找到了充分的证据，说明这样做有效。",
    "enough evidence": "专家找到了足够的证据，说明这样做有效。",
    "consensus": "相关研究不多，这是专家讨论后的共同意见。",
    "strong against": "专家很确定这样做的害处或负担大于好处。",
    "against": "专家认为这样做好处不够，或者可能带来害处。",
    "conditional": "好处和害处比较接近，所以您自己的意愿很重要。",
    "ungraded": "这是专家根据研究和经验给出的建议。",
    "for": "专家认为这样做的好处大于害处。",
}
"""One reason per kind of advice and language: the kind is decided once
(:func:`why_kind`), so the English and Chinese pages cannot drift apart."""


def why_kind(rec: Recommendation) -> str:
    """Which reason a piece of advice is given for: by the USPSTF letter where there is one,
    else by what the label grades (evidence, consensus) and its direction and strength."""
    grade = (rec.grade or "").strip().upper()[:1] if rec.scheme == "USPSTF" else ""
    if grade in ("A", "B", "C", "D", "I"):
        return grade
    if rec.direction is Direction.INSUFFICIENT:
        return "I"
    if rec.scheme == "worded" and rec.direction is Direction.FOR:
        # "recommends … on the basis of strong evidence of effectiveness" (CPSTF, LMBP): the
        # category says how sure the experts are that it works, not how good against harm.
        return "strong evidence" if rec.strength is Strength.STRONG else "enough evidence"
    if rec.strength is Strength.CONSENSUS:
        return "consensus"  # "EO", "Consensus–Panel Expertise": nothing graded on studies
    if rec.direction is Direction.AGAINST:
        return "strong against" if rec.strength is Strength.STRONG else "against"
    if rec.strength in (Strength.CONDITIONAL, Strength.UNGRADED):
        return rec.strength.value
    return "for"


def why(rec: Recommendation) -> str:
    """Why the experts say it, in the reader's words."""
    return WHY[why_kind(rec)]


def why_zh(rec: Recommendation) -> str:
    """Why the experts say it, in plain Chinese."""
    return WHY_ZH[why_kind(rec)]


def label(out: PvgRecommendation) -> str:
    """The strength wording up to its first full stop: "✔✔ Strong advice for"."""
    return out.strength.split(".")[0]


def legend(recs: list[PvgRecommendation], src: list[Recommendation],
           every: list[tuple[PvgRecommendation, Recommendation]],
           ) -> tuple[str, dict[str, str]]:
    """What the signs on the page (``every`` item with its source) mean, and each "why" that
    holds for every item of one strength (``recs``, the items shown first, with ``src``), said
    once instead of under each item: beside its sign when it holds for every item on the
    page with that sign. Returns the legend and the whys it said, by strength label."""
    whys: dict[str, set[str]] = {}
    for out, rec in zip(recs, src, strict=True):
        if not _option(out):
            whys.setdefault(label(out), set()).add(why(rec))
    lifted = {kind: next(iter(w)) for kind, w in whys.items() if len(w) == 1}
    labels_of: dict[str, set[str]] = {}
    whys_of: dict[str, set[str]] = {}
    options: dict[str, str] = {}
    for out, rec in every:
        mark = sign(out.strength)
        labels_of.setdefault(mark, set())
        if _option(out):
            options.setdefault(mark, _option_meaning(out.strength))
            continue  # its why is said in full under its sign; what the label means is here
        labels_of[mark].add(label(out))
        whys_of.setdefault(mark, set()).add(why(rec))
    lines = ["What the signs mean:", ""]
    beside: set[str] = set()
    for mark, meaning in SIGNS:
        if mark not in labels_of:
            continue
        only = next(iter(labels_of[mark])) if len(labels_of[mark]) == 1 else None
        said = f"- {mark} {meaning[:1].upper()}{meaning[1:]}."
        if not labels_of[mark]:
            pass  # only options carry this sign: "Advice for" is nowhere on the page
        elif only in lifted and whys_of.get(mark) == {lifted[only]}:
            # One kind of advice under this sign, with one why on the whole page (an item in
            # "More advice" may have another): the why goes on the sign's own line.
            lines.append(f"{said} {lifted[only]}")
            beside.add(only)
        else:
            lines.append(said)
        if mark in options:
            lines.append(f"- {options[mark]}")
    by_why: dict[str, list[str]] = {}
    for kind, reason in lifted.items():
        if kind not in beside:
            by_why.setdefault(reason, []).append(kind.replace("This is ", ""))
    if by_why:
        lines.append("\n**Why the experts say this:**\n")
        lines.extend(f"- **{' / '.join(kinds)}:** {reason}" for reason, kinds in by_why.items())
    return ("\n".join(lines) if labels_of else ""), lifted


# What each sign means, in the order the legend gives them.
SIGNS = (("✔✔", "strong advice for"), ("✔?", "weak advice for: talk it over"),
         ("✔", "advice for"), ("✖✖", "strong advice against"), ("✖", "advice against"),
         ("?", "there is not enough evidence"))


def _option(out: PvgRecommendation) -> bool:
    """A permission (``strength_words.strength_of``): "✔ An option. …"."""
    return label(out).endswith(" An option")


def _option_meaning(strength: str) -> str:
    """What an option label means, for the legend: the label and the two sentences after it
    ("✔ An option. Experts say it may be used. They do not advise it for everyone.")."""
    return ". ".join(strength.split(". ")[:3]).rstrip(".") + "."


def sign(strength: str) -> str:
    """The leading sign of a strength line: "✔✔", "✔?", "✔", "✖✖", "✖" or "?"."""
    return next((mark for mark, _ in SIGNS if strength.startswith(mark)), "")


def point_label(out: PvgRecommendation) -> str:
    """The label of a compact point: "✔ When it is advised" where the advice is the terms on
    which the care team may offer a treatment ("Your care team may offer surgery when …"), so
    a condition is not read as "Advice for" doing it; "✖ Not usually needed" where it says
    how seldom a thing is needed, so it is not read as advice never to use it."""
    shown = label(out)
    if (out.direction is Direction.FOR and out.text.startswith("Your care team may offer ")
            and _TERMS.search(out.text.split("\n")[0])):
        return f"{shown.split(' ', 1)[0]} When it is advised"
    if out.direction is Direction.AGAINST and _SELDOM.search(out.text.split("\n")[0]):
        return f"{shown.split(' ', 1)[0]} Not usually needed"
    return shown
