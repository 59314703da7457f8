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

"""Scaling out: kamailio's dispatcher in front of several media hosts that
run gst-sip, the topology of docs/scaling.md, on loopback.

Each media host is a GstSip.UserAgent with a limit on its calls
(max-calls); kamailio runs tests/common/kamailio-dispatcher.cfg.  A caller
dials the service through kamailio: the calls are spread round robin, a
full host (503) is skipped, a host that is gone is taken out of the
rotation, the health checks (OPTIONS) reach every host, and the requests
inside a call follow the call to its host.  Skipped when kamailio or its
dispatcher module is not installed."""

import os
import unittest

from gstsiptest import GLib, GstSip, MainContextTestCase, main
from kamailio_harness import Kamailio

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        os.pardir, 'common', 'kamailio-dispatcher.cfg')

State = GstSip.CallState

# the tests wait for kamailio's own timers (a 2 s transaction timeout, 1 s
# health checks)
WAIT = 15.0


class Dispatcher(Kamailio):
    """kamailio-dispatcher.cfg in front of the media hosts at ports."""

    def __init__(self, ports):
        self.hosts = ports
        super().__init__(users={})

    def _config(self, modules_dir, db_dir, *ignored):
        if not os.path.exists(os.path.join(modules_dir, 'dispatcher.so')):
            raise unittest.SkipTest('kamailio module dispatcher not found in '
                                    '%s' % modules_dir)
        listed = os.path.join(self.workdir, 'dispatcher.list')
        with open(listed, 'w', encoding='ascii') as hosts:
            for port in self.hosts:
                hosts.write('1 sip:%s:%d\n' % (self.address, port))
        with open(TEMPLATE, encoding='utf-8') as template:
            body = template.read()
        definitions = [
            ('KAM_LISTEN', '%s:%d' % (self.address, self.port)),
            ('KAM_MODULES', modules_dir),
            ('DS_LIST', listed),
        ]
        header = ['#!KAMAILIO',
                  '# Written by tests/python/test_scaling.py.']
        header += ['#!substdef "!%s!%s!"' % (name, value)
                   for name, value in definitions]
        return '\n'.join(header) + '\n\n' + body


class MediaHost:
    """A host that answers every call it may take, signalling only."""

    def __init__(self, test, name, max_calls):
        self.name = name
        self.ua, self.transport = test.new_user_agent()
        self.ua.set_property('from', '<sip:%s@127.0.0.1>' % name)
        self.ua.props.max_calls = max_calls
        self.port = self.transport.get_port()
        self.calls = []
        self.options = 0
        self.ua.connect('incoming-call', self.on_incoming_call)
        self.ua.connect('incoming-request::OPTIONS', self.on_options)

    def on_incoming_call(self, ua, call):
        negotiator = GstSip.SdpNegotiator.new('127.0.0.1')
        negotiator.add_media('audio', 40000 + 2 * len(self.calls), None)
        call.set_negotiator(negotiator)
        call.answer()
        self.calls.append(call)
        return True

    def on_options(self, ua, transaction):
        self.options += 1
        return False          # the user agent answers

    def live_calls(self):
        return [c for c in self.calls if c.get_state() != State.ENDED]


class ScalingTest(MainContextTestCase):

    def setUp(self):
        super().setUp()
        self.kamailio = None
        self.outgoing = []

    def start(self, n_hosts=2, max_calls=2):
        self.hosts = [MediaHost(self, 'host%d' % i, max_calls)
                      for i in range(n_hosts)]
        self.caller, _ = self.new_user_agent()
        self.caller.set_property('from', '<sip:caller@127.0.0.1>')
        self.kamailio = Dispatcher([h.port for h in self.hosts])
        self.addCleanup(self.kamailio.stop)
        self.service = 'sip:service@127.0.0.1:%d' % self.kamailio.port

    def tearDown(self):
        for call in self.outgoing:
            if call.get_state() != State.ENDED:
                call.hangup()
        user_agents = [self.caller] + [h.ua for h in self.hosts] \
            if self.kamailio else []
        # the hosts keep answering health checks: only the caller runs
        # out of transactions
        try:
            self.wait_until(lambda: all(ua.get_n_calls() == 0
                                        for ua in user_agents) and
                            self.caller.get_n_transactions() == 0,
                            timeout=WAIT, what='the calls to end')
        except AssertionError:
            raise AssertionError('calls %s, caller transactions %s, '
                                 'caller %s, hosts %s\n'
                                 '--- kamailio log ---\n%s' % (
                                     [ua.get_n_calls() for ua in user_agents],
                                     self.caller.get_n_transactions(),
                                     [c.get_state().value_nick
                                      for c in self.outgoing],
                                     [[c.get_state().value_nick
                                       for c in h.calls]
                                      for h in self.hosts],
                                     self.kamailio.log)) from None
        super().tearDown()

    def dial(self):
        """Places a call to the service; returns (call, dial status)."""
        call = GstSip.Call.new(self.caller, None)
        negotiator = GstSip.SdpNegotiator.new('127.0.0.1')
        negotiator.add_media('audio', 30000 + 2 * len(self.outgoing), None)
        call.set_negotiator(negotiator)
        self.outgoing.append(call)
        outcome = []

        def dialled(call, result, user_data):
            try:
                outcome.append(call.dial_finish(result))
            except GLib.Error as error:
                outcome.append(error)

        call.dial_async(self.service, None, dialled, None)
        self.wait_until(lambda: outcome, timeout=WAIT,
                        what='the call to be answered')
        if isinstance(outcome[0], GLib.Error):
            self.fail('the call failed: %s\n--- kamailio log ---\n%s' %
                      (outcome[0].message, self.kamailio.log))
        return call, outcome[0]

    def wait_health_checks(self):
        self.wait_until(lambda: all(h.options >= 2 for h in self.hosts),
                        timeout=WAIT, what='OPTIONS for every host')

    def test_round_robin(self):
        self.start()
        self.wait_health_checks()
        for _ in range(4):
            call, status = self.dial()
            self.assertEqual(status, 200)
            self.assertEqual(call.get_state(), State.ESTABLISHED)
        # two each, taken in turns
        self.assertEqual([len(h.calls) for h in self.hosts], [2, 2])

        # inside a call, requests go straight to its host through kamailio
        # (record-routed): a MESSAGE reaches that host's call, and a BYE
        # from the host reaches the caller
        received = []
        host_call = self.hosts[1].calls[0]
        host_call.connect('message-received',
                          lambda call, request: received.append(
                              request.get_body().get_data()))
        caller_call = [c for c in self.outgoing
                       if c.get_call_id() == host_call.get_call_id()][0]
        done = []
        caller_call.send_request_async(
            'MESSAGE', 'text/plain', GLib.Bytes.new(b'to my host'), None,
            lambda call, result, data:
            done.append(call.send_request_finish(result)), None)
        self.wait_until(lambda: done, what='the MESSAGE in the call')
        self.assertEqual(done[0].get_status_code(), 200)
        self.assertEqual(received, [b'to my host'])

        host_call.hangup()
        self.wait_until(lambda: caller_call.get_state() == State.ENDED,
                        what='the caller to see the BYE')
        self.assertEqual(caller_call.props.status_code, 200)

    def test_full_host_skipped(self):
        self.start(max_calls=1)
        self.wait_health_checks()
        first, status = self.dial()
        self.assertEqual(status, 200)
        second, status = self.dial()
        self.assertEqual(status, 200)
        self.assertEqual([len(h.live_calls()) for h in self.hosts], [1, 1])

        # both hosts are full: each refuses with 503, and so does kamailio
        third, status = self.dial()
        self.assertEqual(status, 503)
        self.assertEqual(third.get_state(), State.ENDED)

        # one call ends: the next call finds the free host, whichever
        # host kamailio tries first
        for _ in range(2):
            first.hangup()
            self.wait_until(lambda: first.get_state() == State.ENDED,
                            what='the first call to end')
            call, status = self.dial()
            self.assertEqual(status, 200)
            self.assertEqual([len(h.live_calls()) for h in self.hosts],
                             [1, 1])
            first = call
        self.assertIn('to the next media host', self.kamailio.log)

    def test_host_gone(self):
        self.start(max_calls=4)
        self.wait_health_checks()
        # host 0 goes away without a word
        gone = self.hosts.pop(0)
        gone.ua.remove_transport(gone.transport)
        gone_uri = 'sip:127.0.0.1:%d' % gone.port
        live_uri = 'sip:127.0.0.1:%d' % self.hosts[0].port
        for _ in range(3):
            call, status = self.dial()
            self.assertEqual(status, 200, self.kamailio.log)
        self.assertEqual(len(self.hosts[0].calls), 3)
        self.assertEqual(gone.calls, [])
        # a call that went to the lost host (before the health checks
        # noticed) waited for kamailio's transaction timeout and went on;
        # the host was then out of the rotation: it was not tried twice
        self.assertLessEqual(self.kamailio.log.count(
            'media host %s does not answer' % gone_uri), 1)
        self.assertLessEqual(self.kamailio.log.count(
            'to media host %s\n' % gone_uri), 1)

        # once the health checks have taken it out, calls go straight to
        # the host that is left
        self.run_for(2.5)
        before = self.kamailio.log.count('to media host %s\n' % live_uri)
        call, status = self.dial()
        self.assertEqual(status, 200)
        self.assertEqual(self.kamailio.log.count(
            'to media host %s\n' % live_uri), before + 1)
        self.assertEqual(len(self.hosts[0].calls), 4)

if __name__ == '__main__':
    main()
