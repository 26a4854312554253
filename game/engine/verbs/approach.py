"""Approach a party: offer good offices, seek consent one rung at a time, or keep it informed.

Consent comes in stages. A party accepts contact more readily than good offices, and a crisis
makes either easier to accept. A party in bad faith accepts quickly: a process is good cover.
"""

from __future__ import annotations

from game.engine.outcome import Move
from game.engine.turn import Turn
from game.engine.verbs.common import bad_faith, others
from game.engine.verbs.judgement import Judgement, Situation, number
from game.scenario.names import CONSENT_LEVELS

VERB = "approach"
GROUP = "Consent"

CONTACT_TRUST = 25
GOOD_OFFICES_TRUST = 40
SIDELINED_GAP = 3
CONSULT_GAINS = (3, 2, 1, 0)


def moves(turn: Turn) -> list[Move]:
    found = []
    for pid, party in turn.state.parties.items():
        name = turn.party_name(pid)
        level = party.consent.state
        if level == "none":
            label, text = f"Offer good offices to {name}", f"Ask {name} to accept you as a channel to the other side."
        elif level == "contact":
            label, text = (
                f"Seek {name}'s consent to good offices",
                f"Ask {name} to let you arrange contact and carry messages on its behalf.",
            )
        else:
            label, text = f"Consult {name} on the process", f"Meet {name}'s leadership to keep them informed and hear their concerns."
        found.append(Move(f"{VERB}:{pid}", VERB, label, text, GROUP, pid))
    return found


def apply(turn: Turn, move: Move) -> None:
    pid = move.party or ""
    party = turn.state.parties[pid]
    name = turn.party_name(pid)
    party.contacts += 1
    crisis_bonus = 10 if turn.state.escalation >= 60 else 0
    faith_bonus = 10 if bad_faith(turn, pid) else 0
    level = party.consent.state
    if level == "none":
        if party.trust + crisis_bonus + faith_bonus >= CONTACT_TRUST:
            turn.set_consent(pid, "contact", f"{name} accepted contact with the envoy")
            turn.adjust(f"trust.{pid}", 3, "the envoy asked before acting")
            turn.reply(name, "We will receive your envoy. This is not a negotiation.")
        else:
            turn.adjust(f"trust.{pid}", 4, "a respectful offer, even when declined, builds some trust")
            turn.reply(name, "We see no need for intermediaries at this time.")
    elif level == "contact":
        blocked = party.pressure >= 80 and not bad_faith(turn, pid)
        if party.trust + crisis_bonus + faith_bonus >= GOOD_OFFICES_TRUST and not blocked:
            turn.set_consent(pid, "good_offices", f"{name} accepted the envoy's good offices")
            turn.adjust(f"trust.{pid}", 2, "consent widened step by step")
            turn.reply(name, "You may carry our messages and arrange contact. The substance remains ours.")
        else:
            turn.adjust(f"trust.{pid}", 2, "steady contact builds trust")
            reason = "Our hardliners would not accept it now." if blocked else "It is too early. Show us the other side is serious."
            turn.reply(name, reason)
    else:
        # Keeping a party informed matters, but repeating it has diminishing returns.
        gain = CONSULT_GAINS[min(party.consultations, len(CONSULT_GAINS) - 1)]
        party.consultations += 1
        if gain:
            turn.adjust(f"trust.{pid}", gain, "the party was kept informed")
        if party.consultations <= 2:
            turn.adjust(f"pressure.{pid}", -2, "a visible process calms hardliners a little")
        turn.reply(name, "We appreciate being consulted." if gain else "You have told us this already.")
    for other in others(turn, pid):
        gap = party.contacts - turn.state.parties[other].contacts
        if gap >= SIDELINED_GAP:
            turn.adjust(f"trust.{other}", -6, f"{turn.party_name(other)} sees the envoy spending far more time with {name}")


# -- debrief judgement ---------------------------------------------------------------------------
def judge(s: Situation) -> list[Judgement]:
    pid = s.move.party or ""
    name, level, after = s.name(pid), s.consent(pid), s.consent(pid, "after")
    trust = number(s.trust(pid))
    found: list[Judgement] = []
    if _pulled_back(s, pid):
        found.append(
            Judgement(
                "consent",
                "honoured",
                2,
                f"{name} had just pulled back its consent; you went straight back to it instead of acting as if nothing had changed.",
                "guidance-2012-consent",
            )
        )
    elif level == "none":
        result = "it accepted contact" if after != "none" else f"it declined for now, but its trust rose to {number(s.trust(pid, 'after'))}"
        found.append(
            Judgement(
                "consent",
                "honoured",
                2,
                f"You asked {name} to accept you before acting on its behalf (trust {trust}); {result}.",
                "seed-000-practice",
            )
        )
        if s.before.escalation < 50 and all(p.contacts == 0 for p in s.before.parties.values()):
            found.append(
                Judgement(
                    "timing",
                    "honoured",
                    1,
                    f"You made your first contact while escalation was still {number(s.before.escalation)}/100, before positions hardened.",
                    "seed-001-prevention",
                )
            )
    elif level == "contact":
        result = "it accepted your good offices" if after == "good_offices" else "it was not ready yet (" + _last_reply(s, name) + ")"
        found.append(
            Judgement(
                "consent",
                "honoured",
                2,
                f"You widened {name}'s consent one rung at a time, from contact towards good offices; {result}.",
                "guidance-2012-consent",
            )
        )
    else:
        found.append(
            Judgement(
                "channel",
                "honoured",
                1,
                f"You kept {name} informed ({s.consent_words(pid)} consent, trust {trust}), which keeps the line warm between rounds.",
                "seed-000-practice",
            )
        )
    found.extend(_balance(s, pid))
    return found


def _balance(s: Situation, pid: str) -> list[Judgement]:
    others_ = s.others(pid)
    if not others_:
        return []
    mine = s.party(pid).contacts + 1
    least = min(s.party(o).contacts for o in others_)
    name = s.name(pid)
    if mine - least >= SIDELINED_GAP:
        neglected = [o for o in others_ if s.party(o).contacts == least]
        return [
            Judgement(
                "impartiality",
                "breached",
                2,
                f"This was your {s.ordinal(mine)} approach to {name}, while "
                f"{s.names(neglected)} had seen you {s.count(least, 'time')}; the imbalance "
                f"reads as favouring {name}.",
                "guidance-2012-impartiality",
            )
        ]
    before_gap = max(s.party(o).contacts for o in others_) - s.party(pid).contacts
    if before_gap >= 2:
        return [
            Judgement(
                "impartiality",
                "honoured",
                1,
                f"You turned to {name}, which had seen less of you than the other side, evening out your contacts.",
                "guidance-2012-impartiality",
            )
        ]
    return []


def _pulled_back(s: Situation, pid: str) -> bool:
    if s.previous is None:
        return False
    change = s.previous.change_of(f"consent.{pid}")
    return change is not None and CONSENT_LEVELS.index(str(change.after)) < CONSENT_LEVELS.index(str(change.before))


def _last_reply(s: Situation, name: str) -> str:
    said = [r.text for r in s.outcome.replies if r.speaker == name]
    return f"\u201c{said[-1]}\u201d" if said else "no answer"

