#!/usr/bin/env python3
# GStreamer SIP library
# Copyright (C) 2026 The gst-sip authors
#
# This library is free software; you can redistribute it and/or
# modify it under the terms of the GNU Library General Public
# License as published by the Free Software Foundation; either
# version 2 of the License, or (at your option) any later version.
#
# This library is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
# Library General Public License for more details.
#
# You should have received a copy of the GNU Library General Public
# License along with this library; if not, write to the
# Free Software Foundation, Inc., 51 Franklin St, Fifth Floor,
# Boston, MA 02110-1301, USA.

"""Compares docs/sipcallbin.md with what `gst-inspect-1.0 sipcallbin`
prints for the element of the build.

Every pad template (direction, availability, media types), property
(type, range, default, flags) and signal (return and argument types) that
gst-inspect-1.0 shows must be described in the page, with the same
values, and the page must describe nothing the element does not have; the
factory details must match too.  Fails with the differences.

    check-element-doc.py GST_INSPECT PAGE
"""

import re
import subprocess
import sys

ELEMENT = 'sipcallbin'


def strip_types(signature):
    """'gboolean (GstElement *bin, gchararray uri)' or the gst-inspect
    form -> ('gboolean', ('GstElement', 'gchararray'))"""
    match = re.match(r'\s*(.+?)\s*(?:user_function\s*)?\((.*)\)\s*;?\s*$',
                     signature, re.S)
    if not match:
        raise ValueError('cannot read the signature %r' % signature)
    ret = match.group(1).replace('*', '').strip()
    args = []
    for arg in match.group(2).split(','):
        arg = arg.strip()
        if not arg:
            continue
        # the type is all but the argument's name
        words = arg.replace('*', ' ').split()
        if len(words) < 2:
            raise ValueError('an argument without a name in %r' % signature)
        if words[-1] == 'user_data':
            continue
        args.append(' '.join(words[:-1]))
    return ret, tuple(args)


def parse_inspect(text):
    info = {'factory': {}, 'pads': {}, 'properties': {}, 'signals': {},
            'actions': {}, 'protocols': [], 'interfaces': []}
    section = None
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and not line.startswith(' '):
            section = line.rstrip(':')
            i += 1
            continue
        if section == 'Factory Details':
            match = re.match(r'\s+(Rank|Long-name|Klass|Description)\s+(.*)',
                             line)
            if match:
                info['factory'][match.group(1)] = match.group(2).strip()
        elif section == 'Implemented Interfaces' and line.strip():
            info['interfaces'].append(line.strip())
        elif section == 'URI handling capabilities':
            if re.match(r'^\s{4}\S', line) and ':' not in line:
                info['protocols'].append(line.strip())
        elif section == 'Pad Templates':
            match = re.match(r"\s+(SINK|SRC) template: '(.+)'", line)
            if match:
                pad = {'Direction': match.group(1).lower(), 'Caps': []}
                info['pads'][match.group(2)] = pad
                i += 1
                while i < len(lines) and lines[i].strip():
                    sub = lines[i]
                    if sub.strip().startswith('Availability:'):
                        pad['Availability'] = sub.split(':', 1)[1].strip()
                    elif re.match(r'^\s{6}[a-z]+/[^:]*$', sub):
                        pad['Caps'].append(sub.strip())
                    i += 1
                continue
        elif section == 'Element Properties':
            match = re.match(r'^  (\S+)\s+: ', line)
            if match:
                name = match.group(1)
                prop = {}
                flags = lines[i + 1].strip()
                assert flags.startswith('flags: '), flags
                prop['Flags'] = flags[len('flags: '):]
                spec = lines[i + 2].strip()
                prop.update(parse_type(spec))
                info['properties'][name] = prop
                i += 3
                continue
        elif section in ('Element Signals', 'Element Actions'):
            match = re.match(r'^\s+"([^"]+)" :\s+(.*)', line)
            if match:
                name = match.group(1)
                signature = match.group(2)
                while not signature.rstrip().endswith(';'):
                    i += 1
                    signature += ' ' + lines[i].strip()
                key = 'signals' if section == 'Element Signals' else 'actions'
                info[key][name] = strip_types(signature)
        i += 1
    return info


def parse_type(spec):
    """the type line of a property in gst-inspect-1.0"""
    spec = re.sub(r'\s*Write only$', '', spec.strip())
    match = re.match(r'^(String|Boolean|Unsigned Integer64|Unsigned Integer|'
                     r'Integer64|Integer|Float|Double|'
                     r'Enum "[^"]+"|Flags "[^"]+"|Object of type "[^"]+"|'
                     r'Boxed pointer of type "[^"]+")\.?'
                     r'(?:\s*Range: (\S+ - \S+))?'
                     r'(?:\s*Default: (.*?))?\s*$', spec)
    if not match:
        raise ValueError('cannot read the property type %r' % spec)
    result = {'Type': match.group(1)}
    if match.group(2):
        result['Range'] = match.group(2)
    if match.group(3) is not None:
        result['Default'] = match.group(3).strip()
    return result


def parse_page(text):
    info = {'factory': {}, 'pads': {}, 'properties': {}, 'signals': {},
            'actions': {}}
    sections = {'Pad templates': 'pads', 'Properties': 'properties',
                'Signals': 'signals', 'Action signals': 'actions',
                'Factory details': 'factory'}
    section = None
    item = None
    for line in text.splitlines():
        if line.startswith('## '):
            section = sections.get(line[3:].strip())
            item = None
            continue
        if section is None:
            continue
        match = re.match(r'^### `([^`]+)`\s*$', line)
        if match:
            if match.group(1) in info[section]:
                raise ValueError('%s is described twice' % match.group(1))
            item = info[section][match.group(1)] = {}
            continue
        match = re.match(r'^- ([A-Za-z -]+): (.*)$', line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if section == 'factory':
            info['factory'][key] = value
        elif item is None:
            raise ValueError('%r outside an item' % line)
        elif key == 'Default':
            item[key] = value.strip('`')
        elif key == 'Caps':
            item[key] = [c.strip().strip('`') for c in value.split(',')]
        else:
            item[key] = value
    for key in ('signals', 'actions'):
        for name, item in info[key].items():
            if 'Signature' not in item:
                raise ValueError('signal %s has no signature' % name)
            info[key][name] = strip_types(item['Signature'].strip('`'))
    return info


def compare(inspect, page):
    errors = []

    def same_names(what, live, doc):
        for name in sorted(set(live) - set(doc)):
            errors.append('%s %s is not in the page' % (what, name))
        for name in sorted(set(doc) - set(live)):
            errors.append('%s %s is in the page, not in the element' %
                          (what, name))
        return sorted(set(live) & set(doc))

    for key in ('Long-name', 'Klass', 'Description', 'Rank'):
        if inspect['factory'].get(key) != page['factory'].get(key):
            errors.append('factory %s: the element says %r, the page %r' % (
                key, inspect['factory'].get(key), page['factory'].get(key)))
    for key, live in (('Implemented interfaces', inspect['interfaces']),
                      ('URI protocols', inspect['protocols'])):
        doc = page['factory'].get(key, '')
        doc = [w.strip() for w in re.sub(r'\(.*', '', doc).split(',')
               if w.strip()]
        if sorted(doc) != sorted(live):
            errors.append('%s: the element has %s, the page %s' %
                          (key, live, doc))

    for name in same_names('pad template', inspect['pads'], page['pads']):
        live, doc = inspect['pads'][name], page['pads'][name]
        for key in ('Direction', 'Availability', 'Caps'):
            if live.get(key) != doc.get(key):
                errors.append('pad template %s %s: the element says %r, '
                              'the page %r' % (name, key, live.get(key),
                                               doc.get(key)))

    for name in same_names('property', inspect['properties'],
                           page['properties']):
        live, doc = inspect['properties'][name], page['properties'][name]
        for key in ('Type', 'Range', 'Default', 'Flags'):
            if live.get(key) != doc.get(key):
                errors.append('property %s %s: the element says %r, the '
                              'page %r' % (name, key, live.get(key),
                                           doc.get(key)))

    for key, what in (('signals', 'signal'), ('actions', 'action signal')):
        for name in same_names(what, inspect[key], page[key]):
            if inspect[key][name] != page[key][name]:
                errors.append('%s %s: the element has %s, the page %s' % (
                    what, name, inspect[key][name], page[key][name]))
    return errors


def main():
    gst_inspect, page_path = sys.argv[1:3]
    result = subprocess.run([gst_inspect, ELEMENT], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True,
                            timeout=60)
    if result.returncode != 0:
        print('%s %s failed:\n%s' % (gst_inspect, ELEMENT, result.stderr))
        return 1
    inspect = parse_inspect(result.stdout)
    with open(page_path, encoding='utf-8') as page_file:
        page = parse_page(page_file.read())
    # a reader of gst-inspect's output that reads nothing would pass
    for key, least in (('pads', 4), ('properties', 20), ('signals', 5),
                       ('actions', 5)):
        if len(inspect[key]) < least:
            print('read only %d %s from gst-inspect-1.0:\n%s' % (
                len(inspect[key]), key, result.stdout))
            return 1
    errors = compare(inspect, page)
    for error in errors:
        print(error)
    if errors:
        print('%s does not match gst-inspect-1.0 %s' % (page_path, ELEMENT))
        return 1
    print('%s describes the %d pad templates, %d properties, %d signals and '
          '%d action signals of %s' % (
              page_path, len(inspect['pads']), len(inspect['properties']),
              len(inspect['signals']), len(inspect['actions']), ELEMENT))
    return 0


if __name__ == '__main__':
    sys.exit(main())
