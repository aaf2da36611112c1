"""The scripted approver of scripts/benchmark-approval: for each open step of the approval queue
(`billrun approvals --format json`), the person who gives it. The task's assignee when it has one;
otherwise the first person of the directory (people.csv, approval_limits.csv) who holds the task's
role, acts for the draft's entity, has a limit in its currency at least its gross, and has not approved
the draft yet (nobody gives two approvals of one version). Writes an approve-batch file and prints how
many lines it wrote.

    python3 pick_approvers.py FIRM_DIR QUEUE_JSON USED_JSON BATCH_CSV
"""
import csv
import json
import os
import sys
from decimal import Decimal

firm, queue_file, used_file, batch_file = sys.argv[1:5]
people = []
with open(os.path.join(firm, "people.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        people.append({
            "id": row["user_id"],
            "roles": {r.strip().lower().replace("-", "_") for r in row["roles"].split(";") if r.strip()},
            "entities": {e.strip() for e in row["entities"].split(";") if e.strip()},
        })
limits = {}
with open(os.path.join(firm, "approval_limits.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        limits[(row["user_id"], row["currency"])] = Decimal(row["limit_amount"])

used = json.load(open(used_file)) if os.path.exists(used_file) else {}
queue = json.load(open(queue_file))
lines = []
for entry in queue:
    row = entry["row"]
    task = row["task"]
    draft, role, entity, currency = row["draftId"], task["role"].lower(), row["entityId"], row["currency"]
    gross = Decimal(str(row["gross"]))
    taken = set(used.get(draft, []))
    if task.get("assignee"):
        who = task["assignee"]
    else:
        who = next((p["id"] for p in people
                    if role in p["roles"] and (entity in p["entities"] or "*" in p["entities"])
                    and limits.get((p["id"], currency), Decimal(-1)) >= gross and p["id"] not in taken), None)
    if who is None:
        sys.exit(f"pick_approvers: nobody in the directory may give the {role} approval of {draft} ({currency} {gross})")
    used.setdefault(draft, []).append(who)
    lines.append((draft, who))

with open(batch_file, "w", encoding="utf-8") as f:
    f.write("draft_id,user_id\n")
    for draft, who in lines:
        f.write(f"{draft},{who}\n")
json.dump(used, open(used_file, "w"))
print(len(lines))
