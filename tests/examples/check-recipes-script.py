#!/usr/bin/env python3
# Checks that examples/gst-launch-recipes.sh gives, for each of its
# recipes, the command of docs/gst-launch-recipes.md (which
# gst-launch-recipes-test runs), so that the script and the page cannot
# drift apart.
#
# Usage: check-recipes-script.py SCRIPT RECIPES.md

import re
import subprocess
import sys

# the script's recipe and arguments for each ```gst-launch block of the
# page, in the page's order, with the values the page uses
INVOCATIONS = [
    ["call", "sip:bob@127.0.0.1:5070"],
    ["answer", "5080"],
    ["play", "sip:bob@127.0.0.1:5070"],
    ["register", "sip:pbx.example.com", "sip:alice@example.com", "secret"],
    ["h263", "sip:bob@127.0.0.1:5070"],
    ["make-clip", "clip.mkv"],
    ["send-clip", "clip.mkv", "sip:bob@127.0.0.1:5070"],
    ["record", "sip:bob@127.0.0.1:5070", "call.mkv"],
    ["dtmf", "5080"],
]


def page_commands(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"^```gst-launch\n(.*?)^```", text, re.S | re.M)
    return [block.replace("\\\n", " ").split() for block in blocks]


def script_command(script, invocation):
    out = subprocess.run(["sh", script, "-n"] + invocation, check=True,
                         capture_output=True, text=True, timeout=30).stdout
    return out.split()


def main():
    script, page = sys.argv[1], sys.argv[2]
    commands = page_commands(page)
    failures = 0

    if len(commands) != len(INVOCATIONS):
        print(f"{page} has {len(commands)} recipes, the script "
              f"{len(INVOCATIONS)}: update both")
        return 1
    for n, (invocation, expected) in enumerate(zip(INVOCATIONS, commands)):
        got = script_command(script, invocation)
        if got == expected:
            print(f"ok {n + 1} - {invocation[0]}")
        else:
            failures += 1
            print(f"not ok {n + 1} - {invocation[0]}")
            print("#  page:   " + " ".join(expected))
            print("#  script: " + " ".join(got))
    print(f"1..{len(INVOCATIONS)}")

    # the script refuses unknown recipes and wrong arguments
    for bad in (["no-such-recipe"], ["call"], ["record", "sip:x"]):
        r = subprocess.run(["sh", script, "-n"] + bad, capture_output=True,
                           text=True, timeout=30)
        if r.returncode != 2 or "Usage:" not in r.stderr:
            failures += 1
            print(f"# {bad} gave exit status {r.returncode}, not the usage")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
