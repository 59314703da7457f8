#!/usr/bin/env python3
# Fails when a translation in po/LINGUAS is not complete: every message of
# the template that xgettext extracts from the files in po/POTFILES, with
# the keywords of po/meson.build (the glib preset of meson's i18n module),
# must have a translation that is neither fuzzy nor empty.  The .po files
# must also pass `msgfmt --check` (headers, plural forms, c-format
# directives), carry no fuzzy entry at all, and xgettext must extract every
# message without a warning (a format macro such as G_GSIZE_FORMAT in a
# translatable string breaks it).
import argparse
import os
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset : 'glib')
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def read_list(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith('#')]


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def count_messages(pot):
    # every msgid but the header's
    with open(pot, encoding='utf-8') as f:
        return sum(1 for line in f if line.startswith('msgid ')) - 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('top')
    parser.add_argument('--xgettext', default='xgettext')
    parser.add_argument('--msgfmt', default='msgfmt')
    parser.add_argument('--msgcmp', default='msgcmp')
    args = parser.parse_args()

    po_dir = os.path.join(args.top, 'po')
    languages = read_list(os.path.join(po_dir, 'LINGUAS'))
    errors = []

    if not languages:
        errors.append('po/LINGUAS lists no language')
    present = sorted(name[:-3] for name in os.listdir(po_dir)
                     if name.endswith('.po'))
    for lang in present:
        if lang not in languages:
            errors.append('po/%s.po is not listed in po/LINGUAS' % lang)

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'gst-sip.pot')
        res = run([args.xgettext, '--package-name=gst-sip',
                   '--directory=' + args.top,
                   '--files-from=' + os.path.join(po_dir, 'POTFILES'),
                   '--output=' + pot] + XGETTEXT_ARGS)
        if res.returncode != 0 or res.stderr.strip():
            errors.append('xgettext failed or warned:\n' + res.stderr)
        if not os.path.exists(pot):
            print('\n'.join(errors))
            return 1
        n = count_messages(pot)
        print('the template has %d messages' % n)

        for lang in languages:
            po = os.path.join(po_dir, lang + '.po')
            if not os.path.exists(po):
                errors.append('po/LINGUAS lists %s, but po/%s.po is missing'
                              % (lang, lang))
                continue
            with open(po, encoding='utf-8') as f:
                text = f.read()
            if not re.search(r'^"Language: %s\\n"$' % re.escape(lang), text,
                             re.M):
                errors.append('po/%s.po: no "Language: %s" header'
                              % (lang, lang))
            if not re.search(r'^"Plural-Forms: nplurals=\d+; plural=.*;\\n"$',
                             text, re.M):
                errors.append('po/%s.po: no Plural-Forms header' % lang)
            fuzzy = len(re.findall(r'^#,.*\bfuzzy\b', text, re.M))
            if fuzzy:
                errors.append('po/%s.po: %d fuzzy entries' % (lang, fuzzy))

            res = run([args.msgfmt, '--check', '--output-file=' + os.devnull,
                       po])
            if res.returncode != 0:
                errors.append('msgfmt --check po/%s.po:\n%s'
                              % (lang, res.stderr))
            # every message of the template translated: msgcmp counts
            # fuzzy and empty translations as missing
            res = run([args.msgcmp, '--no-fuzzy-matching', po, pot])
            if res.returncode != 0:
                errors.append('po/%s.po is incomplete:\n%s'
                              % (lang, res.stderr))
            else:
                print('%s: %d of %d messages translated' % (lang, n, n))

    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
