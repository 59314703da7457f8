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

"""Register an address of record and stay registered until Ctrl-C.

    SIP_PASSWORD=secret ./register.py --registrar sip:pbx.example.com \\
        sip:alice@example.com

The account answers the registrar's digest challenge, refreshes the binding
before it expires and removes it again (Expires: 0) on Ctrl-C or after
--duration seconds.  Every change of the registration state is printed.
"""

import argparse
import os
import signal
import sys

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gst', '1.0')
gi.require_version('GstSip', '1.0')
from gi.repository import GLib, Gst, GstSip  # noqa: E402


class Registration:

    def __init__(self, args):
        self.loop = GLib.MainLoop()
        self.stopping = False
        self.exit_status = 0

        self.ua = GstSip.UserAgent.new()
        protocol = GstSip.TransportProtocol.TCP if args.transport == 'tcp' \
            else GstSip.TransportProtocol.UDP
        self.transport = self.ua.add_transport(protocol, args.address,
                                               args.port)

        self.account = GstSip.Account.new(self.ua, args.aor)
        self.account.props.transport = protocol
        if args.registrar:
            self.account.props.registrar = args.registrar
        if args.proxy:
            self.account.props.proxy = args.proxy
        if args.username:
            self.account.props.username = args.username
        if args.expires:
            self.account.props.requested_expires = args.expires
        password = args.password or os.environ.get('SIP_PASSWORD')
        if password:
            self.account.set_password(password)
        self.account.connect('notify::state', self.on_state)
        self.duration = args.duration

    def on_state(self, account, pspec):
        state = account.props.state
        name = state.value_nick
        if state == GstSip.AccountState.REGISTERED:
            print('state: %s as %s for %u s' % (name, account.props.contact,
                                                 account.props.expires),
                  flush=True)
        elif state == GstSip.AccountState.FAILED:
            print('state: %s (%u %s)' % (name, account.props.status_code,
                                         account.props.reason or ''),
                  flush=True)
        else:
            print('state: %s' % name, flush=True)

    def run(self):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT,
                             self.on_signal)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM,
                             self.on_signal)
        print('Registering %s from %s %s:%u' % (
            self.account.get_aor(),
            GstSip.transport_protocol_to_string(
                self.transport.get_protocol()),
            self.transport.get_host(), self.transport.get_port()),
            flush=True)
        self.account.register_async(None, self.on_registered, None)
        self.loop.run()
        return self.exit_status

    def on_registered(self, account, result, user_data):
        try:
            code = account.register_finish(result)
        except GLib.Error as error:
            print('Could not register: %s' % error.message, file=sys.stderr)
            self.exit_status = 1
            self.loop.quit()
            return
        if code // 100 != 2:
            print('Could not register: %u %s' % (code, account.props.reason),
                  file=sys.stderr)
            self.exit_status = 1
            self.loop.quit()
            return
        if self.duration > 0 and not self.stopping:
            GLib.timeout_add(int(self.duration * 1000), self.on_duration)

    def on_signal(self):
        self.stop()
        return GLib.SOURCE_CONTINUE

    def on_duration(self):
        self.stop()
        return GLib.SOURCE_REMOVE

    def stop(self):
        if self.stopping:
            # a second Ctrl-C: do not wait for the registrar
            self.loop.quit()
            return
        self.stopping = True
        print('unregistering', flush=True)
        self.account.unregister_async(None, self.on_unregistered, None)

    def on_unregistered(self, account, result, user_data):
        try:
            code = account.unregister_finish(result)
            if code // 100 != 2:
                print('Could not unregister: %u %s' %
                      (code, account.props.reason), file=sys.stderr)
                self.exit_status = 1
        except GLib.Error as error:
            print('Could not unregister: %s' % error.message,
                  file=sys.stderr)
            self.exit_status = 1
        self.loop.quit()


def main():
    parser = argparse.ArgumentParser(
        description='Register an address of record until Ctrl-C.')
    parser.add_argument('aor', help='address of record, such as '
                        'sip:alice@example.com')
    parser.add_argument('-a', '--address', default='127.0.0.1',
                        help='local address (default %(default)s)')
    parser.add_argument('-p', '--port', type=int, default=0,
                        help='local port (default: any free port)')
    parser.add_argument('-t', '--transport', choices=('udp', 'tcp'),
                        default='udp')
    parser.add_argument('-r', '--registrar',
                        help='registrar URI (default: the domain of the AOR)')
    parser.add_argument('-x', '--proxy', help='outbound proxy URI')
    parser.add_argument('-u', '--username',
                        help='authentication user name (default: the user '
                        'of the AOR)')
    parser.add_argument('-P', '--password',
                        help='password (default: $SIP_PASSWORD)')
    parser.add_argument('-e', '--expires', type=int, default=0,
                        help='registration interval to ask for, in seconds')
    parser.add_argument('-d', '--duration', type=float, default=0,
                        help='unregister and exit after this many seconds '
                        '(default: on Ctrl-C)')
    args = parser.parse_args()

    Gst.init(None)
    try:
        registration = Registration(args)
    except GLib.Error as error:
        print(error.message, file=sys.stderr)
        return 2
    return registration.run()


if __name__ == '__main__':
    sys.exit(main())
