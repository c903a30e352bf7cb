"""Checks across the content data files: what one file's JSON Schema cannot see.

Stage numbers and keys, every stage having check-ins and prompts that match, placeholders that
fill in every context, exercises that the stages list, and each data area's own checks (safety,
comparison starters, cast, sources, glossary). :func:`loader.validate_all` runs them.
"""

from __future__ import annotations

from trust_workshop.content import loader as ld  # through the module, so a test can swap what it reads


def problems() -> list[str]:
    """What is wrong across the data files (each file alone is checked by its schema when read)."""
    keys = [s.key for s in ld.stages()]
    numbers = [s.number for s in ld.stages()]
    problems = []
    if numbers != list(range(len(numbers))):
        problems.append(f"stage numbers should count up from 0, found {numbers}")
    if len(set(keys)) != len(keys):
        problems.append("stage keys are not unique")
    for s in ld.stages():
        if not s.notebook.startswith(f"{s.number:02d}-"):
            problems.append(f"stage {s.key}: notebook {s.notebook} does not start with {s.number:02d}-")
    checkin_stages = ld.raw("checkins")["stages"]
    if set(checkin_stages) != set(keys):
        problems.append("check-in stages do not match the stage keys")
    for key, items in checkin_stages.items():
        scored = [it for it in items if "warning" not in it]
        if not any(it["reverse"] for it in scored):
            problems.append(f"check-in for {key} has no reverse-keyed item that is scored")
        if not any(not it["reverse"] for it in scored):
            problems.append(f"check-in for {key} has no forward-keyed item that is scored")
        ids = [it["id"] for it in items]
        if len(set(ids)) != len(ids):
            problems.append(f"check-in for {key} repeats an item id")
        earlier = [e for it in items for e in it.get("earlier", ())]
        if set(earlier) & set(ids) or len(set(earlier)) != len(earlier):
            problems.append(f"check-in for {key}: an earlier id is still in use, or is claimed twice")
        # The short baseline is scored on its own, so it needs a scored statement each way; and it is
        # the only check-in of the first stage, so every warning sign must be in it.
        short = [it for it in scored if it.get("baseline")]
        for reverse, way in ((False, "forward"), (True, "reverse")):
            if not any(it["reverse"] is reverse for it in short):
                problems.append(f"check-in for {key}: its baseline statements need a scored {way}-keyed one")
        for it in items:
            if "warning" in it and not it.get("baseline"):
                problems.append(f"check-in for {key}: the warning sign {it['id']} is not in the baseline")
    pulse = ld.raw("pulse")["items"]
    if {it["dimension"] for it in pulse} != {"predictability", "dependability", "faith"}:
        problems.append("the pulse must cover predictability, dependability and faith")
    if not any(it["reverse"] for it in pulse):
        problems.append("the pulse has no reverse-keyed item")
    if set(ld.raw("prompts")["stages"]) != set(keys):
        problems.append("prompt stages do not match the stage keys")
    ctx_keys = [c.key for c in ld.contexts()]
    if sorted(ctx_keys) != sorted(ld.CONTEXT_KEYS):
        problems.append(f"contexts should be {ld.CONTEXT_KEYS}, found {ctx_keys}")
    if sorted(r.key for r in ld.roles()) != sorted(ld.ROLE_KEYS):
        problems.append("roles should be broke, hurt and both")
    # Every placeholder used must be one _fill knows; formatting each text proves it.
    for c in ld.contexts():
        try:
            for key in keys:
                for role_key in ld.ROLE_KEYS:
                    ld.checkin_items(key, role_key, c.key)
                    ld.prompts(key, "reflection", role_key, c.key)
                    ld.prompts(key, "homework", role_key, c.key)
            ld.pulse_items(c.key)
            for ex in ld.raw("exercises"):
                ld.exercise(ex, c.key)
        except (KeyError, IndexError, ValueError) as err:
            problems.append(f"a text has a placeholder that cannot be filled: {err!r}")
            break
    for kind in ld.raw("labels")["panels"]:
        if any("{" in text for text in ld.panel(kind, keys[0]).values()):
            problems.append(f"labels.yaml: panel {kind} has a placeholder other than {{stage}}, {{stage_count}} "
                            "and {{statement_count}}")
    block_kinds = set(ld.schema("session_plans")["$defs"]["block"]["properties"]["kind"]["enum"])
    if block_kinds != set(ld.raw("session_plans")["block_kinds"]):
        problems.append("session_plans.yaml: block_kinds must name every kind of agenda block, and only those")
    for s in ld.stages():
        for entry in s.worksheet:
            kind, _, key = entry.partition(":")
            if key and key not in ld.raw("exercises"):
                problems.append(f"stage {s.key} lists {entry}, but exercises.yaml has no {key}")
    for cards in ld.raw("paperwork")["card_sets"]:
        part = {"steps": "fields", "options": "options"}.get(cards.get("style", ""))
        if part and part not in ld.raw("exercises").get(cards["from"], {}):
            problems.append(f"paperwork.yaml: card set {cards['key']} reads {part} of {cards['from']}, "
                            "which exercises.yaml does not have")
    from trust_workshop.content import safety  # the safety data's own cross-checks

    problems.extend(safety.problems())
    from trust_workshop.content import compare  # the comparison's starters: one per stage

    problems.extend(compare.problems())
    from trust_workshop.content import cast  # the cast: one pair per context

    problems.extend(cast.problems())
    from trust_workshop.content import sources  # ideas this draws on

    problems.extend(sources.problems())
    from trust_workshop.content import glossary  # words we use

    problems.extend(glossary.problems())
    return problems
