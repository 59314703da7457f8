#!/usr/bin/env python3
# Fails when a source file marks strings for translation but is not listed
# in po/POTFILES, or when POTFILES lists a file that is gone.  The markers
# are the keywords po/meson.build gives xgettext (the glib preset): _(),
# N_(), C_(), NC_(), g_dcgettext(), g_dngettext() and g_dpgettext2().
import os
import re
import sys

top = sys.argv[1]
# a marker followed by its string literal, across a line break too
marked = re.compile(r'(?<![A-Za-z0-9_])'
                    r'(?:_|N_|C_|NC_|g_dcgettext|g_dngettext|g_dpgettext2)'
                    r'\s*\(\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*,\s*)?"')
# comments go, string and character literals stay
comment = re.compile(r'("(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\')'
                     r'|/\*.*?\*/|//[^\n]*', re.S)


def strip_comments(text):
    return comment.sub(lambda m: m.group(1) or ' ', text)


listed = set()
with open(os.path.join(top, 'po', 'POTFILES'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)

found = set()
for sub in ('sip', 'gst', 'examples'):
    for root, _dirs, files in os.walk(os.path.join(top, sub)):
        for name in files:
            if not name.endswith('.c'):
                continue
            path = os.path.join(root, name)
            with open(path, encoding='utf-8') as f:
                if marked.search(strip_comments(f.read())):
                    found.add(os.path.relpath(path, top))

status = 0
for path in sorted(found - listed):
    print('%s marks strings for translation but is missing from po/POTFILES'
          % path)
    status = 1
for path in sorted(listed - found):
    if not os.path.exists(os.path.join(top, path)):
        print('po/POTFILES lists %s, which does not exist' % path)
        status = 1
print('%d files with translatable strings, all listed' % len(found)
      if status == 0 else 'po/POTFILES is out of date')
sys.exit(status)
