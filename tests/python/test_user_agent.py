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

"""Two user agents on loopback, driven through GObject-Introspection."""

from gstsiptest import GLib, GstSip, MainContextTestCase, main


class UserAgentTest(MainContextTestCase):

    def setUp(self):
        super().setUp()
        self.alice, self.alice_transport = self.new_user_agent()
        self.bob, self.bob_transport = self.new_user_agent()
        self.bob.set_property('from', '"Bob" <sip:bob@127.0.0.1>')
        self.alice.set_property('from', '"Alice" <sip:alice@127.0.0.1>')

    def bob_uri(self, user=None):
        port = self.bob_transport.get_port()
        if user:
            return 'sip:%s@127.0.0.1:%d' % (user, port)
        return 'sip:127.0.0.1:%d' % port

    def finish(self, finish_func):
        """An AsyncReadyCallback that keeps the result of finish_func (or
        its GLib.Error) in self.outcome."""
        self.outcome = None

        def callback(source, result, user_data):
            try:
                self.outcome = finish_func(source, result)
            except GLib.Error as error:
                self.outcome = error

        return callback

    def wait_outcome(self, what):
        self.wait_until(lambda: self.outcome is not None, what=what)
        if isinstance(self.outcome, GLib.Error):
            self.fail('%s failed: %s' % (what, self.outcome.message))
        return self.outcome

    def test_transports(self):
        transports = self.alice.get_transports()
        self.assertEqual(len(transports), 1)
        transport = transports[0]
        self.assertEqual(transport.get_protocol(),
                         GstSip.TransportProtocol.UDP)
        self.assertFalse(transport.is_reliable())
        self.assertEqual(transport.get_host(), '127.0.0.1')
        self.assertEqual(transport.get_port(),
                         self.alice_transport.get_port())

    def test_options(self):
        uri = GstSip.Uri.new(self.bob_uri())
        request = GstSip.Message.new_request('OPTIONS', uri)

        self.alice.request_async(
            request, None,
            self.finish(GstSip.UserAgent.request_finish), None)
        response = self.wait_outcome('the response to OPTIONS')

        self.assertEqual(response.get_status_code(), GstSip.StatusCode.OK)
        ok, seq, method = response.get_cseq()
        self.assertTrue(ok)
        self.assertEqual(method, GstSip.Method.OPTIONS)
        allow = [m.strip() for m in response.get_header('Allow').split(',')]
        for method in ('OPTIONS', 'MESSAGE', 'ACK', 'CANCEL'):
            self.assertIn(method, allow)
        self.assertEqual(sorted(allow),
                         sorted(self.bob.get_allowed_methods()))
        # the user agent completed the request it sent
        self.assertTrue(request.get_via(0).get_branch().startswith('z9hG4bK'))
        self.assertIsNotNone(request.get_call_id())

    def test_options_incoming_request(self):
        # a handler of incoming-request may answer itself
        seen = []

        def on_request(ua, transaction):
            request = transaction.get_request()
            seen.append(request.get_method())
            response = transaction.create_response(486, None)
            self.assertTrue(transaction.respond(response))
            return True

        self.bob.connect('incoming-request::OPTIONS', on_request)
        request = GstSip.Message.new_request('OPTIONS',
                                             GstSip.Uri.new(self.bob_uri()))
        self.alice.request_async(
            request, None,
            self.finish(GstSip.UserAgent.request_finish), None)
        response = self.wait_outcome('the response to OPTIONS')
        self.assertEqual(seen, [GstSip.Method.OPTIONS])
        self.assertEqual(response.get_status_code(),
                         GstSip.StatusCode.BUSY_HERE)
        self.assertEqual(response.get_reason_phrase(), 'Busy Here')

    def test_message(self):
        received = []

        def on_message(ua, request):
            received.append((request.get_content_type(),
                             request.get_body().get_data(),
                             request.get_from().get_uri().get_user()))

        self.bob.connect('incoming-message', on_message)
        body = 'Hello, Bob \N{WAVING HAND SIGN}'.encode('utf-8')
        self.alice.send_message_async(
            self.bob_uri('bob'), 'text/plain;charset=UTF-8',
            GLib.Bytes.new(body), None,
            self.finish(GstSip.UserAgent.send_message_finish), None)
        response = self.wait_outcome('the response to MESSAGE')

        self.assertEqual(response.get_status_code(), GstSip.StatusCode.OK)
        self.assertEqual(received,
                         [('text/plain;charset=UTF-8', body, 'alice')])

    def test_message_timeout(self):
        # nobody listens there: the transaction times out after 64*T1
        dead = GstSip.UserAgent.new()
        dead_transport = dead.add_transport(GstSip.TransportProtocol.UDP,
                                            '127.0.0.1', 0)
        port = dead_transport.get_port()
        dead.remove_transport(dead_transport)
        del dead

        self.alice.send_message_async(
            'sip:nobody@127.0.0.1:%d' % port, 'text/plain',
            GLib.Bytes.new(b'anyone?'), None,
            self.finish(GstSip.UserAgent.send_message_finish), None)
        self.wait_until(lambda: self.outcome is not None,
                        what='the MESSAGE to fail')
        self.assertIsInstance(self.outcome, GLib.Error)
        self.assertTrue(
            self.outcome.matches(GstSip.error_quark(), GstSip.Error.TIMEOUT)
            or self.outcome.matches(GstSip.error_quark(),
                                    GstSip.Error.TRANSPORT),
            self.outcome.message)

    def test_invalid_uri(self):
        self.alice.send_message_async(
            'not a uri', 'text/plain', GLib.Bytes.new(b'x'), None,
            self.finish(GstSip.UserAgent.send_message_finish), None)
        self.wait_until(lambda: self.outcome is not None,
                        what='the MESSAGE to fail')
        self.assertIsInstance(self.outcome, GLib.Error)
        self.assertTrue(self.outcome.matches(GstSip.error_quark(),
                                             GstSip.Error.PARSE))

    def test_registrar_lookup_func(self):
        # a registrar whose credentials come from a Python callback with
        # out parameters (GstSipDigestLookupFunc)
        looked_up = []

        def lookup(verifier, username, realm, algorithm, *user_data):
            looked_up.append((username, realm, algorithm))
            if username == 'alice':
                return True, 'py-lookup-secret', None
            return False, None, None

        verifier = GstSip.DigestVerifier.new('lookup.test')
        verifier.set_lookup_func(lookup)
        results = []

        def on_register(ua, transaction):
            result, user = verifier.verify(transaction.get_request())
            results.append((result, user))
            if result == GstSip.DigestResult.OK:
                self.assertTrue(transaction.reply(200, None))
            else:
                self.assertTrue(verifier.challenge(
                    transaction, result == GstSip.DigestResult.STALE))
            return True

        self.bob.add_allowed_method('REGISTER')
        self.bob.connect('incoming-request::REGISTER', on_register)
        account = GstSip.Account.new(self.alice, 'sip:alice@lookup.test')
        account.props.registrar = self.bob_uri()
        account.set_password('py-lookup-secret')
        account.register_async(
            None, self.finish(GstSip.Account.register_finish), None)
        self.assertEqual(self.wait_outcome('the registration'), 200)
        self.assertEqual([r[0] for r in results],
                         [GstSip.DigestResult.MISSING,
                          GstSip.DigestResult.OK])
        self.assertEqual(results[1][1], 'alice')
        self.assertEqual(len(looked_up), 1)
        self.assertEqual(looked_up[0][:2], ('alice', 'lookup.test'))
        self.assertIn(looked_up[0][2], ('MD5', 'SHA-256', 'SHA-512-256'))

        account.unregister_async(
            None, self.finish(GstSip.Account.unregister_finish), None)
        self.assertEqual(self.wait_outcome('the unregistration'), 200)

    def test_send_func(self):
        # the test seam: a Python function instead of the transports, and
        # handle_message() to inject the answer
        sent = []

        def send(ua, message, *user_data):
            sent.append(message.copy())
            return True

        ua = GstSip.UserAgent.new()
        ua.props.t1 = 20
        ua.set_send_func(send)
        request = GstSip.Message.new_request(
            'OPTIONS', GstSip.Uri.new('sip:nobody@192.0.2.1'))
        ua.request_async(request, None,
                         self.finish(GstSip.UserAgent.request_finish), None)
        self.wait_until(lambda: sent, what='the OPTIONS to be sent')
        self.assertEqual(sent[0].get_method(), GstSip.Method.OPTIONS)
        response = GstSip.Message.new_response_for_request(sent[0], 200,
                                                           None)
        response.set_to_tag('seam')
        ua.handle_message(response)
        answer = self.wait_outcome('the response')
        self.assertEqual(answer.get_status_code(), 200)
        self.assertEqual(answer.get_to_tag(), 'seam')
        self.wait_until(lambda: ua.get_n_transactions() == 0,
                        what='the transaction to end')

    def tearDown(self):
        # the transactions end within 64*T1 once answered
        self.wait_until(lambda: self.alice.get_n_transactions() == 0 and
                        self.bob.get_n_transactions() == 0,
                        what='the transactions to end')
        super().tearDown()


if __name__ == '__main__':
    main()
