#!/usr/bin/env python3
"""Checks README.md and docs/*.md: every relative link and anchor resolves, every file name in
backticks exists somewhere in the repository, every outreach.* property named is one the code reads,
and no page sends the reader to a document they do not have ("the reference", "the spec", ...).
Run from anywhere in the repository: python3 .ci/check-docs.py"""
import os, re, subprocess, sys

root = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True).stdout.strip() or "."
os.chdir(root)
docs = ["README.md"] + sorted("docs/" + f for f in os.listdir("docs") if f.endswith(".md"))
files = subprocess.run(["git", "ls-files"], capture_output=True, text=True).stdout.split()
basenames = {}
for f in files:
    basenames.setdefault(os.path.basename(f), []).append(f)
problems = []

def anchors(path):
    out, in_code = set(), False
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        m = re.match(r"#+\s+(.*)", line)
        if m:
            t = m.group(1).strip().lower()
            t = re.sub(r"[^\w\- ]", "", t).replace(" ", "-")
            out.add(t)
    return out

# properties the code reads: yaml keys, ${...} and "outreach..." strings, @ConfigurationProperties records
props = set()
def flatten_yaml(path):
    stack = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.lstrip().startswith("#") or line.lstrip().startswith("-"):
            continue
        m = re.match(r"( *)(\"?[\w\[\].-]+\"?):", line)
        if not m:
            continue
        depth = len(m.group(1)) // 2
        stack = stack[:depth] + [m.group(2)]
        props.add(".".join(stack))
for y in ["src/main/resources/application.yaml", "src/main/resources/application-postgres.yaml"]:
    flatten_yaml(y)
kebab = lambda s: re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), s)
for dirpath, _, names in os.walk("src/main/java"):
    for n in names:
        src = open(os.path.join(dirpath, n), encoding="utf-8").read()
        props.update(re.findall(r"\$\{(outreach\.[\w.-]+)", src))
        props.update(re.findall(r"\"(outreach\.[\w.-]+)", src))
        for prefix, body in re.findall(r"@ConfigurationProperties\(\"([\w.-]+)\"\)\s*(?:public\s+)?record\s+\w+\((.*?)\)\s*\{", src, re.S):
            body = re.sub(r"@DefaultValue(\([^)]*\))?", "", body)
            for comp in re.findall(r"(\w+)\s*(?:,|$)", body):
                props.add(prefix + "." + kebab(comp))
            # nested records: prefix.<component>.<nested component>
            for typ, comp in re.findall(r"(\w+)\s+(\w+)\s*(?:,|$)", body):
                nested = re.search(r"record\s+" + typ + r"\((.*?)\)\s*\{", src, re.S)
                if nested:
                    nb = re.sub(r"@DefaultValue(\([^)]*\))?", "", nested.group(1))
                    for c in re.findall(r"(\w+)\s*(?:,|$)", nb):
                        props.add(prefix + "." + kebab(comp) + "." + kebab(c))

for doc in docs:
    text = open(doc, encoding="utf-8").read()
    base = os.path.dirname(doc)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"https?:|mailto:", target):
            continue
        path, _, anchor = target.partition("#")
        full = os.path.normpath(os.path.join(base, path)) if path else doc
        if not os.path.exists(full):
            problems.append(f"{doc}: link to missing {target}")
        elif anchor and full.endswith(".md") and anchor not in anchors(full):
            problems.append(f"{doc}: no heading #{anchor} in {full}")
    for name in re.findall(r"`([\w./-]+\.(?:java|sql|yaml|yml|md|sh|txt|properties|csv|eml))`", text):
        if "*" in name or "{" in name or name.startswith("<") or name.startswith("target/"):
            continue
        found = (name in files or os.path.exists(name) or any(f.endswith("/" + name) for f in files)) if "/" in name \
            else name in basenames
        if not found:
            problems.append(f"{doc}: no file {name}")
    for p in set(re.findall(r"(?<![\w-])(outreach\.[a-z][\w.-]*[\w])", text)):
        if re.search(r"\.(css|example|com|js)$", p):
            continue
        if p not in props and not any(q.startswith(p + ".") for q in props):
            problems.append(f"{doc}: property {p} not read by the code")
    for n, line in enumerate(text.split("\n"), 1):
        m = re.search(r"\bthe reference\b|\bthe spec\b|\bproduct doc|\bthe stack\b|\bthe brief\b|\bissues? \d", line, re.I)
        if m:
            problems.append(f"{doc}:{n}: points to a document the reader does not have: {m.group(0)!r}")
    # "where" tables: a file named without its folder is in the folder of the one before it
    for row in re.findall(r"^\| .*? \| (.*) \|$", text, re.M):
        folder = None
        for name in re.findall(r"`([\w./-]+\.java)`", row):
            if "/" in name:
                folder = os.path.dirname(name)
                continue
            if folder is None:
                continue
            if not any(f.endswith("/dev/outreach/" + folder + "/" + name) for f in files):
                problems.append(f"{doc}: {name} is not in {folder}/")
    for d in re.findall(r"`([\w./-]+/)`", text):
        if d.startswith(("target/", "bench/results/")):
            continue
        if not any(os.path.isdir(os.path.join(b, d)) for b in ["", "src/main/java/dev/outreach", "src/test/java/dev/outreach", "src/test/resources", "src/main/resources"]):
            problems.append(f"{doc}: no folder {d}")
    for cls in set(re.findall(r"`(?:[\w/]+/)?([A-Z]\w+(?:Tests|Contract|Benchmark))(?:\.java)?`", text)):
        if cls + ".java" not in basenames:
            problems.append(f"{doc}: no test class {cls}")
print("\n".join(problems) if problems else f"ok: {len(docs)} files")
sys.exit(1 if problems else 0)
