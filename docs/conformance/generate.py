#!/usr/bin/env python3
"""Builds docs/conformance.md from the statement lists in docs/conformance/*.tsv and the
normative ids cited in the test sources.

Citation convention in tests: "MQTT-3.3.1-4" cites MQTT 5.0; "3.1.1 MQTT-3.3.1-4" (the version
right before the id) cites MQTT 3.1.1. A citation inside a test method counts for that method,
one in a class comment for the class. Run from the repository root:

    python3 docs/conformance/generate.py          # writes docs/conformance.md
    python3 docs/conformance/generate.py --check  # exit 1 if a statement has neither test nor reason
"""
import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TEST_DIRS = ["protocol/src/test/java", "node/src/test/java"]
CITE = re.compile(r"(3\.1\.1 |\[3\.1\.1\] )?(MQTT-\d+\.\d+(?:\.\d+)?-\d+)")
# Test method names cite as "..._MQTT_3_3_1_4"; a name saying "311" before the id means 3.1.1.
NAME_CITE = re.compile(r"(\w*?)_MQTT_(\d+)_(\d+)_(\d+)_(\d+)")
METHOD = re.compile(r"^\s*(?:@\w+\s+)*(?:public |private |protected |static |final )*void (\w+)\(")
CLASS = re.compile(r"^(?:public )?(?:final )?(?:abstract )?class (\w+)")


def citations():
    """{version: {id: [(relative path, Class#method)]}} from every test source."""
    found = {"5.0": collections.defaultdict(list), "3.1.1": collections.defaultdict(list)}
    for d in TEST_DIRS:
        for path in sorted((ROOT / d).rglob("*.java")):
            cls, method = path.stem, None
            for line in path.read_text(encoding="utf-8").splitlines():
                m = METHOD.match(line)
                if m:
                    method = m.group(1)
                    for prefix, a, b, c, n in NAME_CITE.findall(method):
                        version = "3.1.1" if "311" in prefix else "5.0"
                        where = (str(path.relative_to(ROOT)), cls + "#" + method)
                        sid = f"MQTT-{a}.{b}.{c}-{n}"
                        if where not in found[version][sid]:
                            found[version][sid].append(where)
                elif CLASS.match(line):
                    cls, method = CLASS.match(line).group(1), None
                for tag, sid in CITE.findall(line):
                    version = "3.1.1" if tag else "5.0"
                    where = (str(path.relative_to(ROOT)), cls + ("#" + method if method else ""))
                    if where not in found[version][sid]:
                        found[version][sid].append(where)
    return found


def statements(name):
    rows = []
    for line in (ROOT / "docs/conformance" / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sid, what, how = line.split("\t")
        rows.append((sid, what, how))
    return rows


def table(title, version, rows, cited, missing):
    out = [f"## MQTT {title}", "", "| statement | what the server does | checked by |", "|---|---|---|"]
    counts = collections.Counter()
    for sid, what, how in rows:
        tests = list(cited[version].get(sid, []))
        if how.startswith("="):
            # same statement and same code path as a 5.0 one: its tests check this too
            for same in how[1:].split(","):
                tests += [t for t in cited["5.0"].get(same.strip(), []) if t not in tests]
            how = "test"
        if how.startswith("- "):
            cell = how[2:]
            counts["reason"] += 1
            if tests:
                cell += "; also " + ", ".join(f"[{name}](../{path})" for path, name in tests)
        elif tests:
            cell = ", ".join(f"[{name}](../{path})" for path, name in tests)
            counts["test"] += 1
        else:
            cell = "**missing**"
            missing.append(f"{version} {sid}")
        out.append(f"| {sid} | {what} | {cell} |")
    listed = {sid for sid, _, _ in rows}
    strays = sorted(set(cited[version]) - listed)
    out.append("")
    out.append(f"{len(rows)} statements: {counts['test']} checked by tests, {counts['reason']} not applicable "
               f"with the reason given, {len(rows) - counts['test'] - counts['reason']} missing.")
    if strays:
        out.append("")
        out.append("Cited in tests but not in this list (ids of the other version, or typos): "
                   + ", ".join(strays) + ".")
    out.append("")
    return out


def main():
    cited = citations()
    missing = []
    head = (ROOT / "docs/conformance/HEADER.md").read_text(encoding="utf-8").rstrip().splitlines()
    body = head + [""]
    body += table("5.0", "5.0", statements("mqtt-5.0.tsv"), cited, missing)
    body += table("3.1.1", "3.1.1", statements("mqtt-3.1.1.tsv"), cited, missing)
    text = "\n".join(body).replace("](../node", "](../node").rstrip() + "\n"
    if "--check" in sys.argv:
        if missing:
            print("statements without test or reason:", " ".join(missing))
            sys.exit(1)
        return
    (ROOT / "docs/conformance.md").write_text(text, encoding="utf-8")
    print(f"wrote docs/conformance.md; missing: {len(missing)}")
    for m in missing:
        print("  " + m)


if __name__ == "__main__":
    main()
