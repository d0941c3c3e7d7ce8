#!/usr/bin/env python3
"""Fails when a file of PodiumWeb uses a name declared in a layer above its own.

PodiumWeb is one Swift module, so the compiler lets any file use any other; this check keeps its folders pointing
one way (docs/ARCHITECTURE.md):

    Support, Auth  <-  Models (Models/, Pages/**/ except +View)  <-  Views (Views/, Pages/**/*+View.swift)
                   <-  Controllers | API  <-  App (configuration, server, middleware)

Controllers and API sit beside each other: neither may use the other's names. A name is a type, function or
constant declared at the top level of a file, or a member declared in an `extension` that no other file declares
(so `.member` on a lower type is caught too). Comments and string literals are ignored; string interpolations are not.

Usage: scripts/check-web-layers.py [Sources/PodiumWeb]   (exit 1 and one line per use against the grain)
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Sources", "PodiumWeb")
ROOT = os.path.normpath(ROOT)

# Layer rank; files of equal rank in different groups must not use each other (Controllers and API).
SUPPORT, MODELS, VIEWS, ROUTING, APP = range(5)


def layer(path):
    """(rank, group) of a file, from its folder and name."""
    rel = os.path.relpath(path, ROOT)
    top = rel.split(os.sep)[0]
    if top in ("Support", "Auth"):
        return SUPPORT, "support"
    if top == "Models":
        return MODELS, "models"
    if top == "Pages":
        return (VIEWS, "views") if rel.endswith("+View.swift") else (MODELS, "models")
    if top == "Views":
        return VIEWS, "views"
    if top == "Controllers":
        return ROUTING, "controllers"
    if top == "API":
        return ROUTING, "api"
    if top == "App":
        return APP, "app"
    raise SystemExit(f"{rel}: not in a known folder (Support, Auth, Models, Pages, Views, Controllers, API, App)")


def code_only(text):
    """The text with comments and string literals blanked, keeping string interpolations' code."""
    out = []
    i, n = 0, len(text)

    def string_end(i, hashes, triple):
        """Scans a string body from i; returns the index after its closing delimiter, copying interpolations."""
        close = ('"""' if triple else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        while i < n:
            if text.startswith(close, i):
                return i + len(close)
            if text.startswith(escape + "(", i):
                i += len(escape) + 1
                depth, start = 1, i
                while i < n and depth:
                    if text[i] == "(":
                        depth += 1
                    elif text[i] == ")":
                        depth -= 1
                    elif text[i] == '"':
                        # A string inside the interpolation: skip it.
                        out.append(" " + code_only(text[start:i]) + " ")
                        triple_inner = text.startswith('"""', i)
                        i = string_end(i + (3 if triple_inner else 1), 0, triple_inner)
                        start = i
                        continue
                    i += 1
                out.append(" " + code_only(text[start:i - 1]) + " ")
                continue
            if text.startswith(escape, i):
                i += len(escape) + 1
                continue
            if text[i] == "\n":
                out.append("\n")
            i += 1
        return i

    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            out.append("\n" * text.count("\n", i, n if j < 0 else j))
            i = n if j < 0 else j + 2
        elif text[i] == "#" and re.match(r'#+"', text[i:]):
            hashes = len(re.match(r"#+", text[i:]).group(0))
            triple = text.startswith('"""', i + hashes)
            out.append(" ")
            i = string_end(i + hashes + (3 if triple else 1), hashes, triple)
        elif text[i] == '"':
            triple = text.startswith('"""', i)
            out.append(" ")
            i = string_end(i + (3 if triple else 1), 0, triple)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


DECLARATION = re.compile(r"\b(?:struct|enum|class|actor|protocol|typealias|func|let|var)\s+([A-Za-z_]\w*)")
EXTENSION = re.compile(r"\bextension\s+([A-Z][\w.]*)")


def declarations(code):
    """(top-level names, names declared inside extensions) of one file's code."""
    top, members = set(), set()
    depth, extension_depth = 0, None
    for line in code.split("\n"):
        stripped = line.strip()
        if depth == 0:
            for match in DECLARATION.finditer(stripped):
                top.add(match.group(1))
                break
            if EXTENSION.search(stripped):
                extension_depth = 0
        elif extension_depth is not None and depth == 1:
            for match in DECLARATION.finditer(stripped):
                members.add(match.group(1))
                break
        depth += line.count("{") - line.count("}")
        if depth == 0:
            extension_depth = None
    return top, members


def main():
    files = []
    for folder, _, names in os.walk(ROOT):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    files.append((path, layer(path), code_only(handle.read())))
    declared_top = {}      # name -> set of (rank, group)
    declared_member = {}   # name -> list of (rank, group)
    every_declaration = {}
    for path, where, code in files:
        top, members = declarations(code)
        for name in top:
            declared_top.setdefault(name, set()).add(where)
        for name in members:
            declared_member.setdefault(name, []).append(where)
        for match in DECLARATION.finditer(code):
            every_declaration[match.group(1)] = every_declaration.get(match.group(1), 0) + 1
        # Enum cases share the `.name` spelling with members: a name that is also a case is not unique.
        for match in re.finditer(r"\bcase\s+(?:let\s+|var\s+)?([a-z_]\w*)", code):
            every_declaration[match.group(1)] = every_declaration.get(match.group(1), 0) + 2

    def against_grain(user, owner):
        rank, group = user
        owner_rank, owner_group = owner
        if owner_rank > rank:
            return True
        return owner_rank == rank == ROUTING and owner_group != group

    problems = []
    for path, where, code in files:
        rel = os.path.relpath(path, ROOT)
        own_top, _ = declarations(code)
        for number, line in enumerate(code.split("\n"), start=1):
            for token in set(re.findall(r"\b[A-Za-z_]\w*\b", line)):
                if token in own_top:
                    continue
                owners = declared_top.get(token)
                # A name declared in several layers is the lowest one's to use.
                if owners and all(against_grain(where, owner) for owner in owners):
                    problems.append(f"{rel}:{number}: uses {token}, declared in {sorted(g for _, g in owners)}")
            for token in set(re.findall(r"\.([a-z_]\w*)\b", line)):
                owners = declared_member.get(token)
                if owners and len(owners) == 1 and every_declaration.get(token, 0) == 1 and against_grain(where, owners[0]):
                    problems.append(f"{rel}:{number}: uses .{token}, declared in an extension in {owners[0][1]}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} use(s) against the grain of PodiumWeb's layers", file=sys.stderr)
        return 1
    print(f"PodiumWeb's layers point one way ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
