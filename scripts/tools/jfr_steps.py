#!/usr/bin/env python3
"""Summarise a JFR recording of a billrun run per Spring Batch step: for each step named on the command line
(default: validateTimeEntriesByConsultant, validateExpensesByConsultant, the validation partitions), its duration (Spring Batch's StepExecutionEvent), the CPU
samples taken on its thread while it ran (jdk.ExecutionSample), the hottest top frames (self) and the hottest
org.billrun and pgjdbc methods anywhere on the stack (total). Used by scripts/benchmark-scale.

    scripts/tools/jfr_steps.py RECORDING.jfr [STEP ...]
"""
import collections, re, subprocess, sys

def events(path, name, depth):
    text = subprocess.run(["jfr", "print", "--events", name, "--stack-depth", str(depth), path],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n}\n"):
        if "startTime" in block:
            yield block

def seconds_of_day(s):
    h, m, rest = s.split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest)

def duration(s):
    total = 0.0
    for value, unit in re.findall(r"([\d.]+)\s*(h|min|m|s|ms|us|ns)\b", s):
        total += float(value) * {"h": 3600, "min": 60, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}[unit]
    return total

def field(block, key):
    m = re.search(r"^\s*" + key + r" = (.*)$", block, re.M)
    return m.group(1).strip() if m else None

def frames(block):
    m = re.search(r"stackTrace = \[\n(.*?)\n\s*\]", block, re.S)
    if not m:
        return []
    out = []
    for line in m.group(1).splitlines():
        line = line.strip()
        if line and line != "...":
            out.append(re.sub(r"\s+line:.*$", "", line))
    return out

def main():
    path, wanted = sys.argv[1], sys.argv[2:] or ["validateTimeEntriesByConsultant", "validateExpensesByConsultant"]
    steps = []
    for b in events(path, "org.springframework.batch.core.observability.jfr.events.step.StepExecutionEvent", 1):
        start = seconds_of_day(field(b, "startTime"))
        steps.append((field(b, "stepName").strip('"'), start, start + duration(field(b, "duration")), field(b, "eventThread")))
    samples = []
    for b in events(path, "jdk.ExecutionSample", 64):
        samples.append((seconds_of_day(field(b, "startTime")), field(b, "sampledThread"), frames(b)))
    print(f"{path}: {len(samples)} CPU samples in all")
    for name in wanted:
        runs = [s for s in steps if s[0] == name or s[0].startswith(name + ":")]
        if not runs:
            print(f"\n{name}: not in the recording")
            continue
        mine = [f for t, thread, f in samples if f and any(a <= t <= b and thread == th for _, a, b, th in runs)]
        secs = sum(b - a for _, a, b, _ in runs)
        print(f"\n{name}: {secs:.1f} s in {len(runs)} execution(s), {len(mine)} CPU samples on its thread(s)")
        if not mine:
            continue
        top = collections.Counter(f[0] for f in mine)
        print("  top frames (self):")
        for frame, n in top.most_common(12):
            print(f"    {100 * n / len(mine):5.1f} %  {frame}")
        total = collections.Counter()
        for f in mine:
            for frame in set(f):
                if frame.startswith(("org.billrun.", "org.postgresql.")):
                    total[frame] += 1
        print("  methods on the stack (total):")
        for frame, n in total.most_common(15):
            print(f"    {100 * n / len(mine):5.1f} %  {frame}")

if __name__ == "__main__":
    main()
