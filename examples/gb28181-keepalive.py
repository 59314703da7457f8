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

"""A GB28181 device: register to the platform and send keepalives.

    SIP_PASSWORD=admin123 ./gb28181-keepalive.py \\
        --server 192.0.2.10:5060 --server-id 34020000002000000001 \\
        --domain 3402000000 --device-id 34020000001320000001

The device registers its ID at the platform (REGISTER to
sip:SERVER-ID@DOMAIN with digest authentication, realm DOMAIN), then sends
a MANSCDP keepalive every --interval seconds, as a video surveillance
camera does:

    MESSAGE sip:SERVER-ID@DOMAIN SIP/2.0
    Content-Type: Application/MANSCDP+xml

    <?xml version="1.0" encoding="GB2312"?>
    <Notify>
    <CmdType>Keepalive</CmdType>
    <SN>1</SN>
    <DeviceID>DEVICE-ID</DeviceID>
    <Status>OK</Status>
    </Notify>

When --max-missed keepalives in a row get no 2xx, the device takes the
platform for lost and registers again.  On Ctrl-C, or after --count
keepalives, it unregisters and exits.
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

MANSCDP = 'Application/MANSCDP+xml'

KEEPALIVE = ('<?xml version="1.0" encoding="GB2312"?>\r\n'
             '<Notify>\r\n'
             '<CmdType>Keepalive</CmdType>\r\n'
             '<SN>{sn}</SN>\r\n'
             '<DeviceID>{device_id}</DeviceID>\r\n'
             '<Status>OK</Status>\r\n'
             '</Notify>\r\n')


def split_host_port(text):
    """'host', 'host:port' or '[v6]:port' -> (host, port or 0)."""
    if text.startswith('['):
        host, _, rest = text[1:].partition(']')
        return host, int(rest[1:]) if rest.startswith(':') else 0
    if text.count(':') == 1:
        host, port = text.split(':')
        return host, int(port)
    return text, 0


class Device:

    def __init__(self, args):
        self.args = args
        self.loop = GLib.MainLoop()
        self.exit_status = 0
        self.stopping = False
        self.registered = False
        self.sn = 0
        self.sent = 0
        self.missed = 0
        self.keepalive_source = 0
        self.domain = args.domain or args.server_id[:10]

        self.protocol = GstSip.TransportProtocol.TCP \
            if args.transport == 'tcp' else GstSip.TransportProtocol.UDP
        self.ua = GstSip.UserAgent.new()
        self.ua.props.user_agent = 'gst-sip GB28181 example'
        self.transport = self.ua.add_transport(self.protocol, args.address,
                                               args.port)

        host, port = split_host_port(args.server)
        if ':' in host:
            host = '[%s]' % host
        # the platform's address: the next hop of every request, while the
        # Request-URIs name the platform by its ID, as GB28181 wants
        self.route = 'sip:%s%s;lr' % (host, ':%d' % port if port else '')
        if self.protocol == GstSip.TransportProtocol.TCP:
            self.route += ';transport=tcp'
        self.device_uri = 'sip:%s@%s' % (args.device_id, self.domain)
        self.server_uri = 'sip:%s@%s' % (args.server_id, self.domain)

        self.account = GstSip.Account.new(self.ua, self.device_uri)
        self.account.props.transport = self.protocol
        self.account.props.registrar = self.server_uri
        self.account.props.proxy = self.route
        self.account.props.requested_expires = args.expires
        password = args.password or os.environ.get('SIP_PASSWORD')
        if password:
            self.account.set_password(password)
        self.account.connect('notify::state', self.on_state)

    def on_state(self, account, pspec):
        state = account.props.state
        if state == GstSip.AccountState.REGISTERED:
            print('registered as %s for %u s' % (account.props.contact,
                                                  account.props.expires),
                  flush=True)
        elif state == GstSip.AccountState.FAILED:
            print('registration failed: %u %s' % (account.props.status_code,
                                                  account.props.reason or ''),
                  flush=True)
        else:
            print('registration: %s' % state.value_nick, flush=True)

    def run(self):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT,
                             self.on_signal)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM,
                             self.on_signal)
        print('device %s on %s %s:%u, platform %s at %s' % (
            self.args.device_id,
            GstSip.transport_protocol_to_string(self.protocol),
            self.transport.get_host(), self.transport.get_port(),
            self.args.server_id, self.args.server), flush=True)
        self.register()
        self.loop.run()
        return self.exit_status

    def register(self):
        self.account.register_async(None, self.on_registered, None)

    def on_registered(self, account, result, user_data):
        try:
            code = account.register_finish(result)
        except GLib.Error as error:
            print('could not register: %s' % error.message, file=sys.stderr)
            self.exit_status = 1
            self.loop.quit()
            return
        if code // 100 != 2:
            print('could not register: %u %s' % (code, account.props.reason),
                  file=sys.stderr)
            self.exit_status = 1
            self.loop.quit()
            return
        if self.stopping:
            return
        self.registered = True
        self.missed = 0
        # the first keepalive right away, then one per interval
        self.send_keepalive()
        if not self.keepalive_source:
            self.keepalive_source = GLib.timeout_add(
                int(self.args.interval * 1000), self.on_interval)

    def on_interval(self):
        if self.registered and not self.stopping:
            self.send_keepalive()
        return GLib.SOURCE_CONTINUE

    def send_keepalive(self):
        self.sn += 1
        body = KEEPALIVE.format(sn=self.sn, device_id=self.args.device_id)
        request = GstSip.Message.new_request('MESSAGE',
                                             GstSip.Uri.new(self.server_uri))
        request.set_header('From', '<%s>' % self.device_uri)
        request.set_header('To', '<%s>' % self.server_uri)
        request.set_header('Route', '<%s>' % self.route)
        request.set_body(MANSCDP, GLib.Bytes.new(body.encode('ascii')))
        self.ua.request_async(request, None, self.on_keepalive_done,
                              self.sn)

    def on_keepalive_done(self, ua, result, sn):
        try:
            response = ua.request_finish(result)
            code = response.get_status_code()
            outcome = '%u %s' % (code, response.get_reason_phrase())
        except GLib.Error as error:
            code = 0
            outcome = error.message
        print('keepalive %d: %s' % (sn, outcome), flush=True)
        if code // 100 == 2:
            self.missed = 0
            self.sent += 1
            if self.args.count and self.sent >= self.args.count:
                self.stop()
            return
        self.missed += 1
        if self.missed >= self.args.max_missed and self.registered \
                and not self.stopping:
            print('platform lost after %d missed keepalives: registering '
                  'again' % self.missed, flush=True)
            self.registered = False
            self.missed = 0
            self.register()

    def on_signal(self):
        self.stop()
        return GLib.SOURCE_CONTINUE

    def stop(self):
        if self.stopping:
            # a second Ctrl-C: do not wait for the platform
            self.loop.quit()
            return
        self.stopping = True
        if self.keepalive_source:
            GLib.source_remove(self.keepalive_source)
            self.keepalive_source = 0
        print('unregistering', flush=True)
        self.account.unregister_async(None, self.on_unregistered, None)

    def on_unregistered(self, account, result, user_data):
        try:
            code = account.unregister_finish(result)
            if code // 100 != 2:
                print('could not unregister: %u %s' %
                      (code, account.props.reason), file=sys.stderr)
                self.exit_status = 1
        except GLib.Error as error:
            print('could not unregister: %s' % error.message,
                  file=sys.stderr)
            self.exit_status = 1
        self.loop.quit()


def main():
    parser = argparse.ArgumentParser(
        description='Register a GB28181 device to its platform and send '
        'MANSCDP keepalives.')
    parser.add_argument('--server', required=True,
                        help="the platform's address, HOST[:PORT]")
    parser.add_argument('--server-id', required=True,
                        help="the platform's 20-digit SIP ID")
    parser.add_argument('--domain',
                        help='the SIP domain, also the digest realm '
                        '(default: the first 10 digits of the server ID)')
    parser.add_argument('--device-id', required=True,
                        help="the device's 20-digit SIP ID")
    parser.add_argument('-P', '--password',
                        help='the registration password (default: '
                        '$SIP_PASSWORD)')
    parser.add_argument('-i', '--interval', type=float, default=60,
                        help='seconds between keepalives (default '
                        '%(default)s)')
    parser.add_argument('--max-missed', type=int, default=3,
                        help='keepalives without answer before registering '
                        'again (default %(default)s)')
    parser.add_argument('-n', '--count', type=int, default=0,
                        help='unregister and exit after this many answered '
                        'keepalives (default: run until Ctrl-C)')
    parser.add_argument('-e', '--expires', type=int, default=3600,
                        help='registration interval to ask for, in seconds '
                        '(default %(default)s)')
    parser.add_argument('-a', '--address', default='0.0.0.0',
                        help='local address (default %(default)s)')
    parser.add_argument('-p', '--port', type=int, default=0,
                        help='local port (default: any free port)')
    parser.add_argument('-t', '--transport', choices=('udp', 'tcp'),
                        default='udp')
    args = parser.parse_args()
    if args.interval <= 0:
        parser.error('the interval must be positive')

    Gst.init(None)
    try:
        device = Device(args)
    except GLib.Error as error:
        print(error.message, file=sys.stderr)
        return 2
    return device.run()


if __name__ == '__main__':
    sys.exit(main())
