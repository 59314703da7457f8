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

"""Calls between two user agents on loopback, through
GObject-Introspection: GstSip.Call, GstSip.SdpNegotiator, the
incoming-call signal, asynchronous methods with callbacks, DTMF, hold and
MESSAGE inside and outside the dialog."""

import threading

import gi

gi.require_version('GstSdp', '1.0')

from gi.repository import GstSdp  # noqa: E402

from gstsiptest import (GLib, Gio, GstSip, MainContextTestCase,  # noqa: E402
                        main)

State = GstSip.CallState
Direction = GstSip.MediaDirection

ALICE_RTP_PORT = 40000
BOB_RTP_PORT = 42000


def new_negotiator(port, codecs=None):
    negotiator = GstSip.SdpNegotiator.new('127.0.0.1')
    index = negotiator.add_media('audio', port, codecs)
    assert index == 0
    return negotiator


class CallTest(MainContextTestCase):

    def setUp(self):
        super().setUp()
        self.alice, _ = self.new_user_agent()
        self.bob, self.bob_transport = self.new_user_agent()
        self.alice.set_property('from', '"Alice" <sip:alice@127.0.0.1>')
        self.bob.set_property('from', '<sip:bob@127.0.0.1>')
        self.bob_uri = 'sip:bob@127.0.0.1:%d' % self.bob_transport.get_port()

        # what bob's incoming-call handler does: 'answer', 'ring',
        # 'reject' or 'ignore'
        self.bob_mode = 'answer'
        self.bob_codecs = None
        self.bob_call = None
        self.alice_call = None
        self.alice_states = []
        self.bob_states = []
        self.bob_dtmf = []
        self.alice_dtmf = []
        self.bob_messages = []
        self.alice_messages = []
        self.bob_out_of_dialog = []
        self.dial_result = None
        self.bob.connect('incoming-call', self.on_incoming_call)
        self.bob.connect('incoming-message', self.on_bob_incoming_message)

    def tearDown(self):
        # every test ends its calls (a failed one may leave them up); their
        # transactions end within 64*T1
        for call in (self.alice_call, self.bob_call):
            if call is not None and call.get_state() != State.ENDED:
                call.hangup()

        def quiet():
            return all(ua.get_n_calls() == 0 and ua.get_n_transactions() == 0
                       for ua in (self.alice, self.bob))

        self.wait_until(quiet, what='the calls and transactions to end')
        self.alice_call = self.bob_call = None
        super().tearDown()

    # bob's side

    def on_incoming_call(self, ua, call):
        self.assertIs(ua, self.bob)
        self.assertIsInstance(call, GstSip.Call)
        self.assertEqual(call.props.direction, GstSip.CallDirection.INCOMING)
        self.assertEqual(call.get_state(), State.PROCEEDING)
        self.assertIsNone(self.bob_call)
        self.bob_call = call
        call.connect('notify::state', self.on_state, self.bob_states)
        call.connect('dtmf-received', self.on_dtmf, self.bob_dtmf)
        call.connect('message-received', self.on_message, self.bob_messages)
        if self.bob_mode == 'ignore':
            return False

        call.set_negotiator(new_negotiator(BOB_RTP_PORT, self.bob_codecs))
        if self.bob_mode == 'answer':
            self.assertTrue(call.answer())
        elif self.bob_mode == 'ring':
            self.assertTrue(call.ring(False))
        elif self.bob_mode == 'reject':
            self.assertTrue(call.reject(486, None))
        return True

    def on_bob_incoming_message(self, ua, request):
        self.bob_out_of_dialog.append(request.get_body().get_data())

    # both sides

    def on_state(self, call, pspec, states):
        self.assertEqual(pspec.name, 'state')
        states.append(call.props.state)

    def on_dtmf(self, call, digit, duration, received):
        received.append((digit, duration))

    def on_message(self, call, request, received):
        received.append((request.get_content_type(),
                         request.get_body().get_data(),
                         request.get_call_id()))

    # alice's side

    def dial(self, late_offer=False, cancellable=None):
        call = GstSip.Call.new(self.alice, None)
        call.props.late_offer = late_offer
        call.set_negotiator(new_negotiator(ALICE_RTP_PORT))
        call.connect('notify::state', self.on_state, self.alice_states)
        call.connect('dtmf-received', self.on_dtmf, self.alice_dtmf)
        call.connect('message-received', self.on_message,
                     self.alice_messages)
        self.alice_call = call

        def dialled(source, result, user_data):
            self.assertIs(source, call)
            self.assertEqual(user_data, 'dial data')
            try:
                self.dial_result = source.dial_finish(result)
            except GLib.Error as error:
                self.dial_result = error

        call.dial_async(self.bob_uri, cancellable, dialled, 'dial data')
        return call

    def wait_dialled(self):
        self.wait_until(lambda: self.dial_result is not None,
                        what='dial_async to complete')
        if isinstance(self.dial_result, GLib.Error):
            self.fail('dial failed: %s' % self.dial_result.message)
        return self.dial_result

    def wait_state(self, call_name, state):
        self.wait_until(lambda: getattr(self, call_name) is not None and
                        getattr(self, call_name).get_state() == state,
                        what='%s to be %s' % (call_name, state.value_nick))

    def establish(self, late_offer=False):
        self.dial(late_offer)
        self.assertEqual(self.alice_call.get_state(), State.CALLING)
        self.assertEqual(self.wait_dialled(), 200)
        self.wait_state('alice_call', State.ESTABLISHED)
        self.wait_state('bob_call', State.ESTABLISHED)

    def run_call_async(self, start, finish, *args):
        """start(*args, None, callback, None) on a call; waits for the
        callback and returns what finish() returned, or its GLib.Error."""
        outcome = []

        def callback(call, result, user_data):
            try:
                outcome.append(finish(call, result))
            except GLib.Error as error:
                outcome.append(error)

        start(*args, None, callback, None)
        self.wait_until(lambda: outcome, what=start.__name__)
        return outcome[0]

    def check(self, outcome, what):
        if isinstance(outcome, GLib.Error):
            self.fail('%s failed: %s' % (what, outcome.message))
        return outcome

    def hold(self, call, on):
        return self.check(self.run_call_async(
            call.hold_async, GstSip.Call.hold_finish, on), 'hold')

    def send_request(self, call, method, content_type=None, body=None):
        return self.check(self.send_request_outcome(
            call, method, content_type, body), method)

    def send_request_outcome(self, call, method, content_type=None,
                             body=None):
        return self.run_call_async(
            call.send_request_async, GstSip.Call.send_request_finish,
            method, content_type,
            GLib.Bytes.new(body) if body is not None else None)

    def first_stream(self, call):
        streams = call.get_negotiator().get_streams()
        self.assertEqual(len(streams), 1)
        self.assertIsInstance(streams[0], GstSip.SdpStream)
        return streams[0]

    def hang_up(self, by, other):
        getattr(self, by).hangup()
        self.wait_state(by, State.ENDED)
        self.wait_state(other, State.ENDED)

    # tests

    def test_call(self):
        self.establish()

        # the states, as notify::state reported them
        self.assertEqual(self.alice_states[0], State.CALLING)
        self.assertEqual(self.alice_states[-1], State.ESTABLISHED)
        self.assertEqual(self.bob_states, [State.ANSWERING,
                                           State.ESTABLISHED])
        self.assertEqual(self.alice_call.props.call_id,
                         self.bob_call.get_call_id())
        self.assertEqual(self.alice_call.props.remote_uri, self.bob_uri)
        self.assertEqual(self.bob_call.props.direction,
                         GstSip.CallDirection.INCOMING)
        self.assertEqual(self.alice_call.props.direction,
                         GstSip.CallDirection.OUTGOING)
        self.assertEqual(self.alice.get_n_calls(), 1)
        self.assertEqual(self.bob.get_n_calls(), 1)

        # the session descriptions are GstSdp.SDPMessage, as properties too
        offer = self.alice_call.get_local_description()
        answer = self.alice_call.props.remote_description
        self.assertIsInstance(offer, GstSdp.SDPMessage)
        self.assertIsInstance(answer, GstSdp.SDPMessage)
        self.assertEqual(offer.get_media(0).get_port(), ALICE_RTP_PORT)
        self.assertEqual(answer.get_media(0).get_port(), BOB_RTP_PORT)
        self.assertIn('m=audio %d RTP/AVP' % BOB_RTP_PORT, answer.as_text())
        self.assertEqual(self.bob_call.get_remote_description().as_text(),
                         offer.as_text())

        # the negotiated media: PCMU both ways, to the other side's port
        stream = self.first_stream(self.alice_call)
        self.assertTrue(stream.is_enabled())
        self.assertEqual(stream.get_media(), 'audio')
        self.assertEqual(stream.get_direction(), Direction.SENDRECV)
        self.assertEqual(stream.get_local_port(), ALICE_RTP_PORT)
        remote = stream.get_remote_rtp_address()
        self.assertEqual(remote.get_address().to_string(), '127.0.0.1')
        self.assertEqual(remote.get_port(), BOB_RTP_PORT)
        codec = stream.get_send_codec()
        self.assertEqual(codec.get_encoding_name(), 'PCMU')
        self.assertEqual(codec.get_payload_type(), 0)
        self.assertEqual(codec.get_clock_rate(), 8000)
        self.assertIn('PCMU', [c.get_encoding_name()
                               for c in stream.get_receive_codecs()])
        self.assertGreater(stream.get_telephone_event_pt(), 95)
        caps = codec.to_caps()
        self.assertEqual(caps.get_structure(0).get_string('encoding-name'),
                         'PCMU')

        # hold and resume by re-INVITE
        self.assertEqual(self.hold(self.alice_call, True), 200)
        self.assertEqual(self.first_stream(self.alice_call).get_direction(),
                         Direction.SENDONLY)
        self.assertEqual(self.first_stream(self.bob_call).get_direction(),
                         Direction.RECVONLY)
        self.assertEqual(self.alice_call.get_state(), State.ESTABLISHED)
        self.assertEqual(self.hold(self.alice_call, False), 200)
        self.assertEqual(self.first_stream(self.bob_call).get_direction(),
                         Direction.SENDRECV)

        # DTMF by INFO, both ways
        for digit in '159*#D':
            self.assertTrue(self.alice_call.send_dtmf(digit, 160))
        self.assertTrue(self.bob_call.send_dtmf('0', 100))
        self.wait_until(lambda: len(self.bob_dtmf) == 6 and self.alice_dtmf,
                        what='the digits')
        self.assertEqual(self.bob_dtmf, [(d, 160) for d in '159*#D'])
        self.assertEqual(self.alice_dtmf, [('0', 100)])
        with self.assertRaises(GLib.Error) as caught:
            self.alice_call.send_dtmf('x', 160)
        self.assertTrue(caught.exception.matches(
            GstSip.error_quark(), GstSip.Error.INVALID_ARGUMENT))

        # the callee hangs up
        self.hang_up('bob_call', 'alice_call')
        self.assertEqual(self.bob_states[-2:], [State.ENDING, State.ENDED])
        self.assertEqual(self.alice_states[-1], State.ENDED)
        self.assertEqual(self.alice_call.props.status_code, 200)
        self.assertEqual(self.bob_call.get_status_code(), 200)
        self.assertTrue(self.alice_call.props.reason)

    def test_message_in_dialog(self):
        self.establish()

        # MESSAGE inside the dialog, both ways: message-received on the
        # call, not incoming-message on the user agent
        response = self.send_request(self.alice_call, 'MESSAGE',
                                     'text/plain', b'hello, bob')
        self.assertIsInstance(response, GstSip.Message)
        self.assertEqual(response.get_status_code(), 200)
        ok, seq, method = response.get_cseq()
        self.assertEqual(method, GstSip.Method.MESSAGE)
        self.assertEqual(self.bob_messages, [
            ('text/plain', b'hello, bob', self.alice_call.get_call_id())])
        self.assertEqual(self.bob_out_of_dialog, [])

        response = self.send_request(self.bob_call, 'MESSAGE',
                                     'text/plain;charset=UTF-8',
                                     'h\N{LATIN SMALL LETTER E WITH ACUTE}'
                                     'llo'.encode('utf-8'))
        self.assertEqual(response.get_status_code(), 200)
        self.assertEqual(self.alice_messages, [
            ('text/plain;charset=UTF-8', 'héllo'.encode('utf-8'),
             self.bob_call.get_call_id())])

        # and OPTIONS inside the dialog, without a body
        response = self.send_request(self.bob_call, 'OPTIONS')
        self.assertEqual(response.get_status_code(), 200)

        # a MESSAGE outside the dialog during the call reaches the user
        # agent, not the call
        outcome = []
        self.alice.send_message_async(
            self.bob_uri, 'text/plain', GLib.Bytes.new(b'out of dialog'),
            None, lambda ua, result, data:
            outcome.append(ua.send_message_finish(result)), None)
        self.wait_until(lambda: outcome, what='the MESSAGE outside the call')
        self.assertEqual(outcome[0].get_status_code(), 200)
        self.assertNotEqual(outcome[0].get_call_id(),
                            self.alice_call.get_call_id())
        self.assertEqual(self.bob_out_of_dialog, [b'out of dialog'])
        self.assertEqual(len(self.bob_messages), 1)

        self.hang_up('alice_call', 'bob_call')
        self.assertEqual(self.alice_states[-2:], [State.ENDING, State.ENDED])

        # no requests in a dialog that has ended
        error = self.send_request_outcome(self.alice_call, 'MESSAGE',
                                          'text/plain', b'x')
        self.assertIsInstance(error, GLib.Error)
        self.assertTrue(error.matches(GstSip.error_quark(),
                                      GstSip.Error.INVALID_STATE), error.message)

    def test_late_offer(self):
        self.bob_codecs = [GstSip.Codec.new('audio', 'PCMA', 8000, 1)]
        self.establish(late_offer=True)
        # bob offered in the 200, alice answered in the ACK
        self.assertIsNotNone(self.alice_call.get_remote_description())
        self.assertIsNotNone(self.bob_call.get_remote_description())
        for call in (self.alice_call, self.bob_call):
            codec = self.first_stream(call).get_send_codec()
            self.assertEqual(codec.get_encoding_name(), 'PCMA')
            self.assertEqual(codec.get_payload_type(), 8)
        self.hang_up('alice_call', 'bob_call')

    def test_reject(self):
        self.bob_mode = 'reject'
        self.dial()
        # a final response is a result, not an error
        self.assertEqual(self.wait_dialled(), 486)
        self.wait_state('alice_call', State.ENDED)
        self.assertEqual(self.alice_call.props.status_code, 486)
        self.assertEqual(self.alice_call.props.reason, 'Busy Here')
        self.wait_state('bob_call', State.ENDED)

    def test_unhandled(self):
        self.bob_mode = 'ignore'
        self.dial()
        self.assertEqual(self.wait_dialled(), 480)
        self.wait_state('alice_call', State.ENDED)

    def test_cancel(self):
        self.bob_mode = 'ring'
        self.dial()
        self.wait_state('alice_call', State.RINGING)
        self.wait_state('bob_call', State.RINGING)
        self.assertIn(State.RINGING, self.alice_states)

        # hanging up a call that rings cancels it
        self.alice_call.hangup()
        self.assertEqual(self.wait_dialled(), 487)
        self.wait_state('alice_call', State.ENDED)
        self.wait_state('bob_call', State.ENDED)
        self.assertEqual(self.bob_call.props.status_code, 487)

    def test_cancellable(self):
        # cancelling the dial of a ringing call cancels the INVITE
        self.bob_mode = 'ring'
        cancellable = Gio.Cancellable.new()
        self.dial(cancellable=cancellable)
        self.wait_state('bob_call', State.RINGING)
        cancellable.cancel()
        self.assertEqual(self.wait_dialled(), 487)
        self.wait_state('alice_call', State.ENDED)
        self.wait_state('bob_call', State.ENDED)

    def test_cancellable_other_thread(self):
        # GCancellable may be cancelled from any thread; the call is hung up
        # on the user agent's context all the same
        self.bob_mode = 'ring'
        cancellable = Gio.Cancellable.new()
        self.dial(cancellable=cancellable)
        self.wait_state('bob_call', State.RINGING)
        canceller = threading.Thread(target=cancellable.cancel)
        canceller.start()
        canceller.join(5)
        self.assertFalse(canceller.is_alive())
        self.assertEqual(self.wait_dialled(), 487)
        self.wait_state('alice_call', State.ENDED)
        self.wait_state('bob_call', State.ENDED)

    def test_cancelled_before_dial(self):
        cancellable = Gio.Cancellable.new()
        cancellable.cancel()
        self.dial(cancellable=cancellable)
        self.wait_until(lambda: self.dial_result is not None,
                        what='dial_async to complete')
        self.assertIsInstance(self.dial_result, GLib.Error)
        self.assertTrue(self.dial_result.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.CANCELLED))
        # nothing was sent
        self.run_for(0.2)
        self.assertIsNone(self.bob_call)
        self.assertEqual(self.alice_call.get_state(), State.IDLE)
        self.assertEqual(self.alice.get_n_calls(), 0)

    def test_answer_later(self):
        self.bob_mode = 'ring'
        self.dial()
        self.wait_state('bob_call', State.RINGING)
        # the application answers from its main loop, some time later
        answered = []

        def answer(*args):
            answered.append(self.bob_call.answer())
            return GLib.SOURCE_REMOVE

        later = GLib.timeout_source_new(100)
        later.set_callback(answer)
        later.attach(self.context)
        self.assertEqual(self.wait_dialled(), 200)
        self.wait_state('bob_call', State.ESTABLISHED)
        self.assertEqual(answered, [True])
        self.assertEqual(self.bob_states[0], State.RINGING)
        self.hang_up('alice_call', 'bob_call')


if __name__ == '__main__':
    main()
