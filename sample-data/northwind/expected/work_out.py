#!/usr/bin/env python3
"""Independent work-out of the expected draft invoices for the Northwind sample firm, period 2026-10.

Written from docs/drafting.md, docs/input-formats.md and sample-data/northwind/README.md only (never from
the engine's source), so it can serve as an oracle for the draft stage. Standard library only; every money
amount is a decimal.Decimal, rounded half up.

Run:  python3 sample-data/northwind/expected/work_out.py
Writes invoices.csv, lines.csv and sources.csv next to this script and prints control totals.
"""
import csv
import io
import os
import sys
from collections import defaultdict, OrderedDict
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR, getcontext

getcontext().prec = 50

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
PERIOD = "2026-10"
PERIOD_START = date(2026, 10, 1)
PERIOD_END = date(2026, 10, 31)
INVOICE_DATE = PERIOD_END
CUTOFF = datetime(2026, 11, 3, 18, 0, tzinfo=timezone.utc)  # README: assumed cutoff for this period
MINOR = {"EUR": 2, "GBP": 2, "USD": 2, "CHF": 2, "JPY": 0, "KWD": 3, "BHD": 3}
EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
      "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
Q4 = Decimal("0.0001")


def D(s):
    return Decimal(s.strip())


def rnd(x, ccy):
    return x.quantize(Decimal(1).scaleb(-MINOR[ccy]), rounding=ROUND_HALF_UP)


def fmt(x, ccy):
    return str(rnd(x, ccy))


def plain(x):
    """Exact decimal as plain text (no exponent, no trailing zeros beyond 4 decimals)."""
    s = format(x, "f")
    if "." in s:
        intpart, frac = s.split(".")
        frac = frac.rstrip("0")
        if len(frac) < 4:
            frac = frac + "0" * (4 - len(frac))
        s = intpart + "." + frac
    else:
        s = s + ".0000"
    return s


def pday(s):
    return datetime.strptime(s.strip(), "%Y-%m-%d").date()


def read(name, bom=False):
    """Records with their first physical line (header = line 1)."""
    with open(os.path.join(DATA, name), encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        raw = f.read()
    rd = csv.reader(io.StringIO(raw, newline=""))
    header = None
    out = []
    prev_end = 0
    for rec in rd:
        start, prev_end = prev_end + 1, rd.line_num
        if header is None:
            header = [h.strip().lower() for h in rec]
            continue
        if not rec or all(not c.strip() for c in rec):
            continue
        out.append((start, rec, header))
    return header, out


def read_dicts(name):
    header, rows = read(name)
    return [dict(zip(header, rec)) for _, rec, _ in rows]


# ---------------------------------------------------------------- master data
entities = {r["entity_id"]: r for r in read_dicts("entities.csv")}
clients = {r["client_id"]: r for r in read_dicts("clients.csv")}
contracts = {r["contract_id"]: r for r in read_dicts("contracts.csv")}
projects = {r["project_id"]: r for r in read_dicts("projects.csv")}
tasks = {r["task_id"]: r for r in read_dicts("tasks.csv")}
consultants = {r["consultant_id"]: r for r in read_dicts("consultants.csv")}
rates = read_dicts("rate_cards.csv")
milestones = read_dicts("milestones.csv")
tax_rules = read_dicts("tax_rules.csv")
policies = {r["category"]: r for r in read_dicts("expense_policies.csv")}
history = read_dicts("billing_history.csv")
fx = {}
for r in read_dicts("fx_rates.csv"):
    fx[(r["from_currency"], r["to_currency"], pday(r["rate_date"]))] = D(r["rate"])

policy = {}
with open(os.path.join(DATA, "policy.properties"), encoding="utf-8") as f:
    for ln in f:
        ln = ln.strip()
        if ln and not ln.startswith("#") and "=" in ln:
            k, v = ln.split("=", 1)
            policy[k.strip()] = v.strip()
FX_LOOKBACK = int(policy.get("fx.lookback-days", "7"))  # README, Policy: default 7
FINANCE = policy["owner.finance"]
WRITE_DOWN_PCT = D(policy.get("approval.write-down-threshold-pct", "0"))


def truthy(s):
    return s.strip().lower() in ("true", "yes", "y", "1")


# ---------------------------------------------------------------- period data, ingest
# Rejected at ingest (README "Rejected at ingest"): (file, record id, physical line).
REJECT_TIME = {("T-000286", 396), ("T-000487", 489), ("T-000659", 661), ("T-000899", 902),
               ("T-001215", 1218), ("T-001268", 1271)}
REJECT_EXP = {("EX-00029", 30), ("EX-00135", 137)}


def ingest(name, rejects, bom):
    header, rows = read(name, bom)
    kept, dropped = [], []
    for line, rec, hdr in rows:
        rid = rec[0].strip()
        if (rid, line) in rejects:
            dropped.append((rid, line))
            continue
        assert len(rec) == len(hdr), (name, line, "unexpected malformed row")
        d = dict(zip(hdr, rec))
        d["_line"] = line
        kept.append(d)
    assert set(dropped) == rejects, (name, set(dropped) ^ rejects)
    return rows, kept


t_rows, times = ingest("time_entries.csv", REJECT_TIME, True)
e_rows, expenses = ingest("expenses.csv", REJECT_EXP, False)

# Independent sanity check of the ingest rejections: each listed row really is malformed as described.
_chk = {line: rec for line, rec, _ in t_rows}
assert _chk[396] == _chk[287]
assert _chk[489][5] == "7,5" and _chk[661][4] == "2026-13-40" and _chk[902][5] == "-3.5"
assert _chk[1218][7] == "pending" and len(_chk[1271]) == 12
_chk = {line: rec for line, rec, _ in e_rows}
assert _chk[30][6] == "EUX" and _chk[137][5] == "1.234,50"
assert len({r["entry_id"] for r in times}) == len(times)
assert len({r["expense_id"] for r in expenses}) == len(expenses)

# ---------------------------------------------------------------- rates


def in_force(r, d):
    return pday(r["valid_from"]) <= d and (not r["valid_to"].strip() or d <= pday(r["valid_to"]))


def pick(rows):
    if not rows:
        return None
    return max(rows, key=lambda r: (pday(r["valid_from"]), r["rate_id"]))


def find_rate(consultant_id, contract_id, d):
    k = contracts[contract_id]
    ccy = k["currency"]
    role = consultants[consultant_id]["role"]
    cand = [r for r in rates if r["currency"] == ccy and in_force(r, d)]
    levels = [
        [r for r in cand if r["level"] == "consultant" and r["level_ref"] == consultant_id],
        [r for r in cand if r["level"] == "contract" and r["level_ref"] == contract_id and r["role"] == role],
        [r for r in cand if k["rate_card_id"] and r["rate_card_id"] == k["rate_card_id"] and r["role"] == role],
        [r for r in cand if r["level"] == "client" and r["level_ref"] == k["client_id"] and r["role"] == role],
        [r for r in cand if r["level"] == "firm" and r["role"] == role],
    ]
    for lv in levels:
        p = pick(lv)
        if p:
            return p
    return None


# ---------------------------------------------------------------- FX


def fx_rate(frm, to, d):
    if frm == to:
        return Decimal(1)
    for back in range(0, FX_LOOKBACK + 1):
        day = d - timedelta(days=back)
        if (frm, to, day) in fx:
            return fx[(frm, to, day)]
    for back in range(0, FX_LOOKBACK + 1):
        day = d - timedelta(days=back)
        if (to, frm, day) in fx:
            with_ctx = getcontext().copy()
            with_ctx.prec = 20
            return with_ctx.divide(Decimal(1), fx[(to, frm, day)])
    return None


# ---------------------------------------------------------------- validation
# Held records (README V1-V18) and warnings (V19-V21). The sets are taken from the README and then
# re-derived from the data by independent checks below; the script stops if the two disagree.
HELD_TIME = {
    "T-000411": "TIME_UNKNOWN_PROJECT",
    "T-000253": "TIME_PROJECT_CLOSED", "T-000649": "TIME_PROJECT_CLOSED",
    "T-000380": "TIME_TASK_CLOSED", "T-000533": "TIME_TASK_CLOSED",
    "T-000738": "TIME_UNKNOWN_CONSULTANT",
    "T-000001": "TIME_OUTSIDE_PERIOD",
    "T-001665": "TIME_AFTER_CUTOFF",
    "T-001580": "TIME_UNAPPROVED", "T-001666": "TIME_UNAPPROVED", "T-001685": "TIME_UNAPPROVED",
    "T-001098": "TIME_DAILY_HOURS_EXCEEDED", "T-001099": "TIME_DAILY_HOURS_EXCEEDED",
    "T-001100": "TIME_DAILY_HOURS_EXCEEDED",
    "T-000107": "CONTRACT_NOT_IN_FORCE", "T-000948": "CONTRACT_NOT_IN_FORCE", "T-001021": "CONTRACT_NOT_IN_FORCE",
    "T-000623": "RATE_MISSING", "T-001002": "RATE_MISSING", "T-001373": "RATE_MISSING",
    "T-000209": "PROJECT_CLIENT_MISMATCH", "T-000368": "PROJECT_CLIENT_MISMATCH",
    "T-000592": "PROJECT_CLIENT_MISMATCH", "T-000756": "PROJECT_CLIENT_MISMATCH",
}
HELD_EXP = {
    "EX-00175": "EXPENSE_UNAPPROVED", "EX-00182": "EXPENSE_UNAPPROVED",
    "EX-00061": "EXPENSE_OVER_LIMIT", "EX-00101": "EXPENSE_OVER_LIMIT",
    "EX-00047": "EXPENSE_MISSING_RECEIPT", "EX-00179": "EXPENSE_MISSING_RECEIPT",
    "EX-00012": "EXPENSE_DUPLICATE",
    "EX-00147": "FX_RATE_MISSING",
}
HELD_MILESTONES = {"M-CASCADE-08": "MILESTONE_NO_EVIDENCE"}
# Open exceptions that can touch a draft: (code, severity, subject kind, subject id, owner role)
EXCEPTIONS = [
    ("EXPENSE_NEAR_DUPLICATE", "warn", "expense", "EX-00069", "project_manager"),
    ("BILLING_SPIKE", "warn", "contract", "K-HUDSON-1", "finance"),
    ("HOURS_ABOVE_NORM", "warn", "consultant", "E-109", "project_manager"),
    ("CAP_EXCEEDED", "block", "contract", "K-KESTREL-1", "project_manager"),
    ("MILESTONE_NO_EVIDENCE", "block", "milestone", "M-CASCADE-08", "finance"),
]
for tid, code in HELD_TIME.items():
    EXCEPTIONS.append((code, "block", "time", tid, "project_manager"))
for xid, code in HELD_EXP.items():
    EXCEPTIONS.append((code, "block", "expense", xid, "project_manager"))


def contract_of_project(pid):
    return projects[pid]["contract_id"] if pid in projects else None


def time_billable(r):
    p = projects.get(r["project_id"])
    t = tasks.get(r["task_id"]) if r["task_id"].strip() else None
    return truthy(r["billable"]) and (p is None or truthy(p["billable"])) and (t is None or truthy(t["billable"]))


def derive_time_holds():
    held = {}
    day_hours = defaultdict(Decimal)
    for r in times:
        if time_billable(r):
            day_hours[(r["consultant_id"], r["work_date"])] += D(r["hours"])
    for r in times:
        if not time_billable(r):
            continue
        tid, p, c = r["entry_id"], projects.get(r["project_id"]), consultants.get(r["consultant_id"])
        d = pday(r["work_date"])
        t = tasks.get(r["task_id"]) if r["task_id"].strip() else None
        code = None
        if p is None:
            code = "TIME_UNKNOWN_PROJECT"
        elif p["status"] == "closed":
            code = "TIME_PROJECT_CLOSED"
        elif t is not None and t["status"] == "closed":
            code = "TIME_TASK_CLOSED"
        elif c is None:
            code = "TIME_UNKNOWN_CONSULTANT"
        elif not (PERIOD_START <= d <= PERIOD_END):
            code = "TIME_OUTSIDE_PERIOD"
        elif r["approval_status"] != "approved" or not r["approved_by"].strip():
            code = "TIME_UNAPPROVED"
        elif datetime.fromisoformat(r["submitted_at"].replace("Z", "+00:00")) > CUTOFF:
            code = "TIME_AFTER_CUTOFF"
        elif day_hours[(r["consultant_id"], r["work_date"])] > D(policy.get("time.max-hours-per-day", "12")):
            code = "TIME_DAILY_HOURS_EXCEEDED"
        else:
            k = contracts[p["contract_id"]]
            if pday(k["start_date"]) > d or (k["end_date"].strip() and d > pday(k["end_date"])):
                code = "CONTRACT_NOT_IN_FORCE"
            elif p["client_id"] != k["client_id"]:
                code = "PROJECT_CLIENT_MISMATCH"
            elif find_rate(r["consultant_id"], p["contract_id"], d) is None:
                code = "RATE_MISSING"
        if code:
            held[tid] = code
    return held


def exp_contract_ccy(r):
    k = contract_of_project(r["project_id"])
    return contracts[k]["currency"] if k else None


def exp_reimbursable(r):
    pol = policies.get(r["category"])
    return truthy(r["reimbursable"]) and pol is not None and truthy(pol["reimbursable"])


def derive_exp_holds():
    held = {}
    seen = {}
    for r in sorted(expenses, key=lambda r: r["_line"]):
        if not exp_reimbursable(r):
            continue
        xid = r["expense_id"]
        pol = policies[r["category"]]
        d = pday(r["expense_date"])
        code = None
        dup_key = (r["consultant_id"], r["expense_date"], D(r["amount"]), r["currency"], r["merchant"].strip().lower())
        to_pol = fx_rate(r["currency"], pol["currency"], d)
        to_k = fx_rate(r["currency"], exp_contract_ccy(r), d)
        if r["approval_status"] != "approved":
            code = "EXPENSE_UNAPPROVED"
        elif to_pol is None or to_k is None:
            code = "FX_RATE_MISSING"
        elif pol["limit_amount"].strip() and D(r["amount"]) * to_pol > D(pol["limit_amount"]):
            code = "EXPENSE_OVER_LIMIT"
        elif (not truthy(r["has_receipt"]) and pol["receipt_required_above"].strip()
              and D(r["amount"]) * to_pol > D(pol["receipt_required_above"])):
            code = "EXPENSE_MISSING_RECEIPT"
        elif dup_key in seen:
            code = "EXPENSE_DUPLICATE"
        seen.setdefault(dup_key, xid)
        if code:
            held[xid] = code
    return held


_dt, _de = derive_time_holds(), derive_exp_holds()
assert _dt == HELD_TIME, ("time holds differ from README", set(_dt.items()) ^ set(HELD_TIME.items()))
assert _de == HELD_EXP, ("expense holds differ from README", set(_de.items()) ^ set(HELD_EXP.items()))

# Near-duplicate check (policy: same consultant and category, amounts within 2 %, dates within 3 days,
# merchant names sharing at least half of all their words). The later record of a pair carries the warning.
near = []
ok_exp = [r for r in expenses if exp_reimbursable(r) and r["expense_id"] not in HELD_EXP]
for i, a in enumerate(ok_exp):
    for b in ok_exp[i + 1:]:
        if a["consultant_id"] != b["consultant_id"] or a["category"] != b["category"]:
            continue
        da, db = pday(a["expense_date"]), pday(b["expense_date"])
        if abs((da - db).days) > int(policy["expense.near-duplicate.window-days"]):
            continue
        eur_a = D(a["amount"]) * fx_rate(a["currency"], "EUR", da)
        eur_b = D(b["amount"]) * fx_rate(b["currency"], "EUR", db)
        if abs(eur_a - eur_b) > max(eur_a, eur_b) * D(policy["expense.near-duplicate.amount-tolerance-pct"]) / 100:
            continue
        wa, wb = set(a["merchant"].lower().split()), set(b["merchant"].lower().split())
        if not wa or not wb:
            continue
        if len(wa & wb) / Decimal(len(wa | wb)) < D(policy["expense.near-duplicate.merchant-similarity"]):
            continue
        near.append((a["expense_id"], b["expense_id"]))
assert near == [("EX-00056", "EX-00069")], near

# ---------------------------------------------------------------- selection
valid_time = [r for r in times if time_billable(r) and r["entry_id"] not in HELD_TIME]
nonbill_time = [r for r in times if not time_billable(r)]
valid_exp = [r for r in expenses if exp_reimbursable(r) and r["expense_id"] not in HELD_EXP]
nonreimb_exp = [r for r in expenses if not exp_reimbursable(r)]
bill_ms = [m for m in milestones if truthy(m["billable"])]
valid_ms = [m for m in bill_ms if m["status"] == "accepted" and m["acceptance_ref"].strip()
            and m["milestone_id"] not in HELD_MILESTONES]
held_ms = [m for m in bill_ms if m not in valid_ms]
counts = {
    "time": (len(t_rows), len(valid_time), len(HELD_TIME), len(nonbill_time), len(REJECT_TIME)),
    "expense": (len(e_rows), len(valid_exp), len(HELD_EXP), len(nonreimb_exp), len(REJECT_EXP)),
    "milestone": (len(bill_ms), len(valid_ms), len(held_ms)),
}
assert counts["time"] == (1696, 1202, 24, 464, 6), counts
assert counts["expense"] == (183, 167, 8, 6, 2), counts
assert [m["milestone_id"] for m in valid_ms] == ["M-VANDAM-07", "M-CASCADE-07"]
assert [m["milestone_id"] for m in held_ms] == ["M-CASCADE-08"]

# ---------------------------------------------------------------- tax


def tax_rule(entity, client, service_class):
    seller = entity["country"]
    buyer = client["country"]
    has_id = bool(client["tax_id"].strip())
    found = []
    for r in tax_rules:
        if r["seller_country"] != seller:
            continue
        br = r["buyer_region"]
        if br == "*":
            reg = 0
        elif br == buyer:
            reg = 2
        elif br == "EU" and buyer in EU and buyer != seller:
            reg = 1
        elif br == "NON_EU" and buyer not in EU:
            reg = 1
        else:
            continue
        if r["customer_type"] not in ("*", client["customer_type"]):
            continue
        if r["buyer_tax_id"] not in ("*", "present" if has_id else "absent"):
            continue
        if r["service_class"] not in ("*", service_class):
            continue
        if not in_force(r, INVOICE_DATE):
            continue
        spec = (reg, r["customer_type"] != "*", r["buyer_tax_id"] != "*", r["service_class"] != "*")
        found.append((spec, r))
    if not found:
        return None
    found.sort(key=lambda x: x[0], reverse=True)
    if len(found) > 1 and found[0][0] == found[1][0]:
        return None  # ambiguous
    return found[0][1]


# ---------------------------------------------------------------- drafting
time_by_k = defaultdict(list)
for r in valid_time:
    time_by_k[contract_of_project(r["project_id"])].append(r)
exp_by_k = defaultdict(list)
for r in valid_exp:
    exp_by_k[contract_of_project(r["project_id"])].append(r)
ms_by_k = defaultdict(list)
for m in valid_ms:
    ms_by_k[m["contract_id"]].append(m)

invoices, all_lines, all_sources = [], [], []
totals = defaultdict(lambda: defaultdict(Decimal))


class Line:
    def __init__(self, line_type, key, qty, price, net, project=None, value=None):
        self.line_type, self.key, self.qty, self.price, self.net = line_type, key, qty, price, net
        self.project, self.value = project, value
        self.sources = []  # (kind, key, value, markup)
        self.service_class = "expenses" if line_type == "expense" else "services"
        self.tax = Decimal(0)
        self.rule = None


for kid in sorted(contracts):
    k = contracts[kid]
    model = k["billing_model"]
    ccy = k["currency"]
    client = clients[k["client_id"]]
    entity = entities[k["entity_id"]]
    pres = client["presentation"]
    T, X, M = time_by_k.get(kid, []), exp_by_k.get(kid, []), ms_by_k.get(kid, [])
    if not (T or X or M or model == "retainer"):
        continue
    draft_id = f"{PERIOD}-{entity['invoice_prefix']}-{kid}"
    tot = totals[ccy]
    lines = []

    # milestones
    for m in sorted(M, key=lambda m: m["milestone_id"]):
        assert m["currency"] == ccy
        amt = D(m["amount"])
        ln = Line("milestone", m["milestone_id"], Decimal(1), amt, rnd(amt, ccy))
        ln.sources.append(("milestone", m["milestone_id"], amt, None))
        lines.append(ln)
        tot["valid_milestones"] += amt
        tot["billed_milestones"] += rnd(amt, ccy)

    # retainer fee
    if model == "retainer":
        fee = rnd(D(k["retainer_amount"]), ccy)
        lines.append(Line("retainer_fee", "retainer_fee", Decimal(1), fee, fee))
        tot["retainer_fees"] += fee

    # time
    time_lines = []
    if model == "fixed_fee":
        by_p = defaultdict(list)
        for r in T:
            by_p[r["project_id"]].append(r)
        for pid in sorted(by_p):
            rs = sorted(by_p[pid], key=lambda r: (r["work_date"], r["entry_id"]))
            hrs = sum(D(r["hours"]) for r in rs)
            ln = Line("fixed_fee_time", pid, hrs, None, rnd(Decimal(0), ccy), project=pid)
            for r in rs:
                rate = find_rate(r["consultant_id"], kid, pday(r["work_date"]))
                v = (D(r["hours"]) * D(rate["hourly_rate"])).quantize(Q4, ROUND_HALF_UP)
                ln.sources.append(("time", r["entry_id"], v, None))
                tot["valid_time"] += v
                tot["fixed_fee_covered_time"] += v
            time_lines.append(ln)
    else:
        groups = defaultdict(list)
        for r in T:
            rate = find_rate(r["consultant_id"], kid, pday(r["work_date"]))
            assert rate is not None, r["entry_id"]
            who = consultants[r["consultant_id"]]["role"] if pres == "summary_by_role" else r["consultant_id"]
            groups[(r["project_id"], who, rate["rate_id"])].append((r, rate))
        rate_by_id = {r["rate_id"]: r for r in rates}
        for (pid, who, rid) in sorted(groups, key=lambda g: (g[0], g[1], pday(rate_by_id[g[2]]["valid_from"]), g[2])):
            rs = sorted(groups[(pid, who, rid)], key=lambda x: (x[0]["work_date"], x[0]["entry_id"]))
            price = D(rate_by_id[rid]["hourly_rate"])
            hrs = sum(D(r["hours"]) for r, _ in rs)
            value = rnd(hrs * price, ccy)
            net = rnd(Decimal(0), ccy) if model == "retainer" else value
            ln = Line("time", f"{pid}|{who}|{rid}", hrs, price, net, project=pid, value=value)
            for r, _ in rs:
                v = (D(r["hours"]) * price).quantize(Q4, ROUND_HALF_UP)
                ln.sources.append(("time", r["entry_id"], v, None))
                tot["valid_time"] += v
            time_lines.append(ln)
    lines += time_lines
    time_value = sum((ln.value for ln in time_lines if ln.value is not None), Decimal(0))

    overage = Decimal(0)
    write_down = Decimal(0)
    cap_info = None
    if model == "retainer":
        carried = Decimal(0)  # first period billrun drafts for this contract
        available = carried + D(k["retainer_amount"])
        tot["retainer_drawn_time"] += time_value
        if time_value > available:
            overage = rnd(time_value - available, ccy)
            lines.append(Line("retainer_overage", "retainer_overage", None, None, overage))
            tot["retainer_overage"] += overage
        cap_info = ("retainer", available, time_value, max(available - time_value, Decimal(0)))
    elif model == "not_to_exceed":
        consumed = sum((D(h["amount"]) for h in history if h["contract_id"] == kid
                        and not h["consultant_id"].strip() and h["period"] < PERIOD), Decimal(0))
        remaining = D(k["cap_amount"]) - consumed
        tot["billed_time"] += time_value
        if time_value > remaining:
            write_down = rnd(time_value - remaining, ccy)
            lines.append(Line("cap_write_down", "cap_write_down", None, None, -write_down))
            tot["written_down"] += write_down
        cap_info = ("cap", D(k["cap_amount"]), consumed, remaining, time_value)
    elif model != "fixed_fee":
        tot["billed_time"] += time_value

    # expenses
    markup_pct = D(k["expense_markup_pct"]) if k["expense_markup_pct"].strip() else Decimal(0)
    eg = defaultdict(list)
    for r in X:
        key = r["category"] if pres == "summary_by_role" else f"{r['consultant_id']}|{r['category']}"
        eg[key].append(r)
    for key in sorted(eg):
        rs = sorted(eg[key], key=lambda r: (r["expense_date"], r["expense_id"]))
        s = Decimal(0)
        ln = Line("expense", key, None, None, None)
        for r in rs:
            rate = fx_rate(r["currency"], ccy, pday(r["expense_date"]))
            v = (D(r["amount"]) * rate).quantize(Q4, ROUND_HALF_UP) if r["currency"] != ccy else D(r["amount"])
            mk = v * markup_pct / 100
            s += v + mk
            ln.sources.append(("expense", r["expense_id"], v, mk))
            tot["valid_expenses"] += v
            tot["markup"] += mk
        ln.net = rnd(s, ccy)
        ln.project = rs[0]["project_id"] if len({r["project_id"] for r in rs}) == 1 else None
        tot["billed_expenses_with_markup"] += ln.net
        lines.append(ln)

    # tax
    tax_flag = False
    groups = OrderedDict()
    for ln in lines:
        rule = tax_rule(entity, client, ln.service_class)
        ln.rule = rule
        if rule is None:
            tax_flag = True
            continue
        if rule["category"] == "AE" and not (entity["vat_id"].strip() and client["tax_id"].strip()):
            tax_flag = True
        groups.setdefault(rule["tax_rule_id"], []).append(ln)
    inv_tax = Decimal(0)
    for rid, gl in groups.items():
        rule = gl[0].rule
        pct = D(rule["rate_pct"])
        if rule["rounding"] == "line":
            for ln in gl:
                ln.tax = rnd(ln.net * pct / 100, ccy)
            inv_tax += sum(ln.tax for ln in gl)
        else:
            gtax = rnd(sum(ln.net for ln in gl) * pct / 100, ccy)
            unit = Decimal(1).scaleb(-MINOR[ccy])
            exact = [ln.net * pct / 100 for ln in gl]
            floors = [(x / unit).to_integral_value(rounding=ROUND_FLOOR) * unit for x in exact]
            left = int(((gtax - sum(floors)) / unit).to_integral_value())
            order = sorted(range(len(gl)), key=lambda i: (-(exact[i] - floors[i]), i))
            for i, ln in enumerate(gl):
                ln.tax = floors[i]
            for i in order[:left]:
                gl[i].tax += unit
            assert sum(ln.tax for ln in gl) == gtax
            inv_tax += gtax
    net = sum(ln.net for ln in lines)
    gross = net + inv_tax

    # routing
    def pm():
        pn = defaultdict(Decimal)
        for ln in lines:
            if ln.project:
                pn[ln.project] += ln.value if (ln.value is not None and ln.line_type == "time") else ln.net
        for r in T + X:
            pn.setdefault(r["project_id"], Decimal(0))
        assert pn, kid
        pid = sorted(pn.items(), key=lambda x: (-x[1], x[0]))[0][0]
        return projects[pid]["project_manager_id"]

    reasons = {}
    billed_ids = {s[1] for ln in lines for s in ln.sources}
    consultants_billed = {r["consultant_id"] for r in T}
    for code, sev, kind, sid, owner in EXCEPTIONS:
        touches = ((kind in ("time", "expense") and sid in billed_ids and sev == "warn")
                   or (kind == "contract" and sid == kid)
                   or (kind == "milestone" and any(m["milestone_id"] == sid and m["contract_id"] == kid
                                                   for m in milestones))
                   or (kind == "consultant" and sid in consultants_billed))
        if touches:
            reasons.setdefault("OPEN_EXCEPTION", set()).add(pm() if owner == "project_manager" else FINANCE)
    if write_down > 0 and write_down * 100 > WRITE_DOWN_PCT * time_value:
        reasons.setdefault("WRITE_DOWN", set()).add(pm())
    if overage > 0:
        reasons.setdefault("RETAINER_OVERAGE", set()).add(pm())
    lim = policy.get(f"approval.auto-approve-limit.{ccy}")
    if lim is None or gross > D(lim):
        reasons.setdefault("AMOUNT_ABOVE_LIMIT", set()).add(FINANCE)
    if tax_flag:
        reasons.setdefault("TAX_RULE", set()).add(FINANCE)
    if net == 0:
        reasons.setdefault("NOTHING_TO_INVOICE", set()).add(FINANCE)
    reviewers = sorted({x for v in reasons.values() for x in v})
    route = "review" if reasons else "straight_through"

    tot["net"] += net
    tot["tax"] += inv_tax
    tot["gross"] += gross
    invoices.append(dict(draft_id=draft_id, client_id=k["client_id"], contract_id=kid, entity_id=k["entity_id"],
                         currency=ccy, billing_model=model, lines=len(lines), net=fmt(net, ccy),
                         tax=fmt(inv_tax, ccy), gross=fmt(gross, ccy), route=route,
                         reviewers=";".join(reviewers), reasons=";".join(sorted(reasons)),
                         _cap=cap_info, _tax_rules=",".join(groups)))
    for no, ln in enumerate(lines, 1):
        all_lines.append(dict(draft_id=draft_id, line_no=no, line_type=ln.line_type, description_key=ln.key,
                              quantity="" if ln.qty is None else (str(ln.qty) if ln.line_type in ("milestone", "retainer_fee")
                                                                   else str(ln.qty.quantize(Decimal("0.01")))),
                              unit_price="" if ln.price is None else fmt(ln.price, ccy),
                              net=fmt(ln.net, ccy),
                              tax_category=ln.rule["category"] if ln.rule else "",
                              tax_rate=ln.rule["rate_pct"] if ln.rule else "",
                              tax=fmt(ln.tax, ccy)))
        for kind, key, v, mk in ln.sources:
            all_sources.append(dict(draft_id=draft_id, line_no=no, record_kind=kind, record_key=key,
                                    value=str(v.quantize(Q4)), markup="" if mk is None else plain(mk)))

# conservation: every valid record on exactly one line
src_keys = [(s["record_kind"], s["record_key"]) for s in all_sources]
assert len(src_keys) == len(set(src_keys))
assert sorted(k for kk, k in src_keys if kk == "time") == sorted(r["entry_id"] for r in valid_time)
assert sorted(k for kk, k in src_keys if kk == "expense") == sorted(r["expense_id"] for r in valid_exp)
assert sorted(k for kk, k in src_keys if kk == "milestone") == sorted(m["milestone_id"] for m in valid_ms)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


write("invoices.csv", "draft_id,client_id,contract_id,entity_id,currency,billing_model,lines,net,tax,gross,route,"
      "reviewers,reasons".split(","), invoices)
write("lines.csv", "draft_id,line_no,line_type,description_key,quantity,unit_price,net,tax_category,tax_rate,"
      "tax".split(","), all_lines)
write("sources.csv", "draft_id,line_no,record_kind,record_key,value,markup".split(","), all_sources)

if __name__ == "__main__":
    print("counts (read, valid, held, non-billable, rejected):", counts)
    for inv in invoices:
        print(f"{inv['draft_id']:28} {inv['currency']} {inv['billing_model']:18} lines={inv['lines']:3} "
              f"net={inv['net']:>12} tax={inv['tax']:>10} gross={inv['gross']:>12} {inv['route']:16} "
              f"{inv['reasons']:40} {inv['reviewers']} {inv['_tax_rules']} {inv['_cap'] or ''}")
    print()
    for ccy in sorted(totals):
        print(ccy, {k: str(v) for k, v in totals[ccy].items()})
