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

"""The sipcallbin element from Python, on loopback:

- a call between two sipcallbins, the frames each receives counted in
  appsinks;
- an incoming call taken by the application's own GstSip.UserAgent
  (incoming-call) and handed to a sipcallbin through its `call` property;
- DTMF both ways with the send-dtmf action signal and dtmf-received;
- MESSAGE inside the dialog (GstSip.Call.send_request_async() on the call
  a sipcallbin carries, and from a GstSip.Call to it) and outside it
  (GstSip.UserAgent.send_message_async() and incoming-message).

The bins run their own signalling threads, or the test's context for the
bin of an application's call; the waits look at the bins every few
milliseconds."""

import threading

from gstsiptest import T1, GLib, Gst, GstSip, MainContextTestCase, main

State = GstSip.CallState

# how often a wait looks at what the bins' threads changed, milliseconds
POLL_MS = 10
# media both ways: this many audio and video frames each
MIN_AUDIO = 20
MIN_VIDEO = 5
# the RTP port of the GstSip.Call of the test (no media flows there)
PLAIN_RTP_PORT = 44000


class Phone:
    """A pipeline with a sipcallbin that sends live test sources and counts
    the frames of each of its source pads in an appsink."""

    def __init__(self, name, video=True, **props):
        description = ('sipcallbin name=%s address=127.0.0.1 sip-port=0 '
                       'local-uri=sip:%s@127.0.0.1 latency=50 '
                       'audiotestsrc is-live=true ! %s.audio_sink ' %
                       (name, name, name))
        if video:
            description += ('videotestsrc is-live=true ! video/x-raw,'
                            'width=176,height=144,framerate=15/1 ! '
                            '%s.video_sink' % name)
        self.name = name
        self.pipeline = Gst.parse_launch(description)
        self.bin = self.pipeline.get_by_name(name)
        for key, value in props.items():
            self.bin.set_property(key.replace('_', '-'), value)
        self.lock = threading.Lock()
        self.frames = {'audio': 0, 'video': 0}
        self.caps = {}
        self.dtmf = []
        self.states = []
        self.errors = []
        self.bin.connect('pad-added', self.on_pad_added)
        self.bin.connect('dtmf-received', self.on_dtmf_received)
        self.bin.connect('call-state-changed', self.on_call_state_changed)
        self.bus = self.pipeline.get_bus()

    def on_pad_added(self, element, pad):
        if pad.get_direction() != Gst.PadDirection.SRC:
            return
        media = pad.get_name().split('_')[0]
        sink = Gst.ElementFactory.make('appsink', None)
        sink.props.emit_signals = True
        sink.props.sync = False
        sink.set_property('async', False)
        sink.connect('new-sample', self.on_new_sample, media)
        self.pipeline.add(sink)
        sink.sync_state_with_parent()
        if pad.link(sink.get_static_pad('sink')) != Gst.PadLinkReturn.OK:
            self.errors.append('could not link %s' % pad.get_name())

    def on_new_sample(self, sink, media):
        sample = sink.emit('pull-sample')
        with self.lock:
            self.frames[media] += 1
            if media not in self.caps:
                self.caps[media] = sample.get_caps().to_string()
        return Gst.FlowReturn.OK

    def on_dtmf_received(self, element, digit, duration):
        with self.lock:
            self.dtmf.append(digit)

    def on_call_state_changed(self, element, state, code, reason):
        with self.lock:
            self.states.append(state)

    def count(self, media):
        with self.lock:
            return self.frames[media]

    def received_dtmf(self):
        with self.lock:
            return list(self.dtmf)

    @property
    def state(self):
        return self.bin.props.call_state

    def ready(self):
        """To READY: the bin's user agent exists and has its port."""
        self.assert_change(self.pipeline.set_state(Gst.State.READY))
        ua = self.bin.props.user_agent
        # short timers: nothing waits for real RFC timer values
        ua.props.t1 = T1
        ua.props.t2 = 8 * T1
        ua.props.t4 = 10 * T1
        return self.bin.props.sip_port

    def play(self):
        self.assert_change(self.pipeline.set_state(Gst.State.PLAYING))

    def poll_errors(self):
        while True:
            message = self.bus.pop_filtered(Gst.MessageType.ERROR)
            if message is None:
                return self.errors
            self.errors.append(message.parse_error()[0].message)

    @staticmethod
    def assert_change(result):
        assert result != Gst.StateChangeReturn.FAILURE, result

    def stop(self):
        self.pipeline.set_state(Gst.State.NULL)


class SipCallBinTest(MainContextTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if Gst.ElementFactory.find('sipcallbin') is None:
            raise cls.skipTest(cls, 'the sipcallbin element is not found')

    def setUp(self):
        super().setUp()
        self.phones = []
        self.ua = None
        self.app_call = None
        self.app_messages = []
        self.incoming_calls = 0

    def tearDown(self):
        for phone in self.phones:
            phone.stop()
        if self.ua is not None:
            # the call of the application's user agent ends with its bin
            self.poll_until(lambda: self.ua.get_n_calls() == 0 and
                            self.ua.get_n_transactions() == 0,
                            'the calls and transactions of the user agent '
                            'to end')
        self.phones = []
        self.app_call = None
        self.ua = None
        super().tearDown()

    def poll_until(self, condition, what):
        tick = GLib.timeout_source_new(POLL_MS)
        tick.set_callback(lambda *args: GLib.SOURCE_CONTINUE)
        tick.attach(self.context)
        try:
            self.wait_until(condition, what=what)
        finally:
            tick.destroy()
        for phone in self.phones:
            self.assertEqual(phone.poll_errors(), [], phone.name)

    def phone(self, name, **props):
        phone = Phone(name, **props)
        self.phones.append(phone)
        return phone

    def wait_state(self, phone, state):
        self.poll_until(lambda: phone.state == state,
                        '%s to be %s (is %s)' % (phone.name, state.value_nick,
                                                 phone.state.value_nick))

    def wait_media(self, *phones, video=True):
        for phone in phones:
            self.poll_until(
                lambda: phone.count('audio') >= MIN_AUDIO and
                (not video or phone.count('video') >= MIN_VIDEO),
                'media to %s (%s)' % (phone.name, phone.frames))

    def call_between_bins(self, video=True):
        bob = self.phone('bob', video=video, auto_answer=True)
        port = bob.ready()
        bob.play()
        alice = self.phone('alice', video=video,
                           remote_uri='sip:bob@127.0.0.1:%d' % port)
        alice.ready()
        alice.play()
        self.wait_state(alice, State.ESTABLISHED)
        self.wait_state(bob, State.ESTABLISHED)
        return alice, bob

    # the application's user agent

    def listen(self):
        self.ua, transport = self.new_user_agent()
        self.ua.connect('incoming-call', self.on_incoming_call)
        self.ua.connect('incoming-message', self.on_incoming_message)
        self.app_uri = 'sip:bob@127.0.0.1:%d' % transport.get_port()
        return self.app_uri

    def on_incoming_call(self, ua, call):
        self.incoming_calls += 1
        self.assertIs(ua, self.ua)
        self.assertEqual(call.get_state(), State.PROCEEDING)
        self.app_call = call
        call.connect('message-received', self.on_call_message)
        bob = self.phone('bob', video=self.app_video)
        # the bin carries the call, answers it at once, and runs on the
        # user agent's context (the test's)
        bob.bin.props.call = call
        bob.bin.props.auto_answer = True
        bob.play()
        return True

    def on_incoming_message(self, ua, request):
        self.app_messages.append(('out of dialog', request.get_call_id(),
                                  request.get_body().get_data()))

    def on_call_message(self, call, request):
        self.app_messages.append(('in dialog', request.get_call_id(),
                                  request.get_body().get_data()))

    def send_request(self, call, method, content_type, body):
        outcome = []

        def done(call, result, user_data):
            try:
                outcome.append(call.send_request_finish(result))
            except GLib.Error as error:
                outcome.append(error)

        call.send_request_async(method, content_type, GLib.Bytes.new(body),
                                None, done, None)
        self.poll_until(lambda: outcome, 'the answer to %s' % method)
        if isinstance(outcome[0], GLib.Error):
            self.fail('%s failed: %s' % (method, outcome[0].message))
        return outcome[0]

    def send_message(self, ua, uri, body):
        outcome = []

        def done(ua, result, user_data):
            try:
                outcome.append(ua.send_message_finish(result))
            except GLib.Error as error:
                outcome.append(error)

        ua.send_message_async(uri, 'text/plain', GLib.Bytes.new(body), None,
                              done, None)
        self.poll_until(lambda: outcome, 'the answer to the MESSAGE')
        if isinstance(outcome[0], GLib.Error):
            self.fail('MESSAGE failed: %s' % outcome[0].message)
        return outcome[0]

    def call_app(self, video=True):
        """alice's sipcallbin calls the application's user agent, which
        hands the call to bob's sipcallbin."""
        self.app_video = video
        uri = self.listen()
        alice = self.phone('alice', video=video, remote_uri=uri)
        alice.ready()
        alice.play()
        self.poll_until(lambda: len(self.phones) == 2, 'the incoming call')
        bob = self.phones[1]
        self.wait_state(alice, State.ESTABLISHED)
        self.wait_state(bob, State.ESTABLISHED)
        self.assertEqual(self.app_call.get_state(), State.ESTABLISHED)
        return alice, bob

    # tests

    def test_call_counts_frames(self):
        alice, bob = self.call_between_bins()
        self.wait_media(alice, bob)
        for phone in (alice, bob):
            # encoded, parsed streams: decode is off by default
            self.assertFalse(phone.caps['audio'].startswith('audio/x-raw'),
                             phone.caps)
            self.assertFalse(phone.caps['video'].startswith('video/x-raw'),
                             phone.caps)
            self.assertIsNotNone(phone.bin.props.local_description)
            self.assertIsNotNone(phone.bin.props.remote_description)
        stats = alice.bin.emit('get-stats')
        self.assertTrue(stats.has_field('audio'))
        self.assertTrue(stats.has_field('video'))

        self.assertTrue(alice.bin.emit('hangup'))
        self.wait_state(alice, State.ENDED)
        self.wait_state(bob, State.ENDED)
        self.assertEqual(bob.bin.props.status_code, 200)
        self.assertIn(State.ESTABLISHED, alice.states)
        self.assertEqual(alice.states[-1], State.ENDED)

    def test_answer_app_call(self):
        alice, bob = self.call_app()
        self.assertEqual(self.incoming_calls, 1)
        # the bin carries the application's call on its user agent
        self.assertIs(bob.bin.props.call, self.app_call)
        self.assertIs(bob.bin.props.user_agent, self.ua)
        self.assertEqual(self.ua.get_n_calls(), 1)
        self.wait_media(alice, bob)

        # the callee hangs up through the bin; the call object follows
        self.assertTrue(bob.bin.emit('hangup'))
        self.wait_state(bob, State.ENDED)
        self.wait_state(alice, State.ENDED)
        self.poll_until(lambda: self.app_call.get_state() == State.ENDED,
                        'the application\'s call to end')
        self.assertEqual(alice.bin.props.status_code, 200)

    def test_dtmf_both_ways(self):
        alice, bob = self.call_between_bins(video=False)
        self.wait_media(alice, bob, video=False)
        for digit in '19#':
            self.assertTrue(alice.bin.emit('send-dtmf', digit, 100))
        self.assertTrue(bob.bin.emit('send-dtmf', '*', 0))
        self.assertTrue(bob.bin.emit('send-dtmf', 'a', 0))
        # not a DTMF digit
        self.assertFalse(alice.bin.emit('send-dtmf', 'x', 100))
        self.poll_until(lambda: len(bob.received_dtmf()) >= 3,
                        'three digits at bob (%s)' % bob.received_dtmf())
        self.poll_until(lambda: len(alice.received_dtmf()) >= 2,
                        'two digits at alice (%s)' % alice.received_dtmf())
        self.assertEqual(bob.received_dtmf(), ['1', '9', '#'])
        self.assertEqual(alice.received_dtmf(), ['*', 'A'])
        self.assertTrue(alice.bin.emit('hangup'))
        self.wait_state(bob, State.ENDED)

    def test_dtmf_app_call(self):
        alice, bob = self.call_app(video=False)
        self.wait_media(alice, bob, video=False)
        self.assertTrue(alice.bin.emit('send-dtmf', '5', 100))
        self.assertTrue(bob.bin.emit('send-dtmf', '0', 100))
        self.poll_until(lambda: bob.received_dtmf() == ['5'],
                        'the digit at bob (%s)' % bob.received_dtmf())
        self.poll_until(lambda: alice.received_dtmf() == ['0'],
                        'the digit at alice (%s)' % alice.received_dtmf())
        self.assertTrue(alice.bin.emit('hangup'))
        self.wait_state(bob, State.ENDED)

    def test_message_in_and_out_of_dialog(self):
        alice, bob = self.call_app(video=False)
        call_id = self.app_call.get_call_id()

        # in the dialog, from the call the bin carries to alice's bin
        response = self.send_request(self.app_call, 'MESSAGE', 'text/plain',
                                     b'hello, alice')
        self.assertEqual(response.get_status_code(), 200)
        self.assertEqual(response.get_call_id(), call_id)

        # outside any dialog, from alice's bin's user agent to the
        # application's; the bin's own user agent runs on its signalling
        # thread, so the request is sent from there
        received = []

        def send_from_alice():
            alice_ua.send_message_async(
                uri, 'text/plain', GLib.Bytes.new(b'out of the call'), None,
                lambda ua, result, data:
                received.append(ua.send_message_finish(result)), None)
            return GLib.SOURCE_REMOVE

        alice_ua = alice.bin.props.user_agent
        uri = self.app_uri
        source = GLib.idle_source_new()
        source.set_callback(lambda *args: send_from_alice())
        source.attach(alice_ua.get_context())
        self.poll_until(lambda: received, 'the answer to the MESSAGE')
        self.assertEqual(received[0].get_status_code(), 200)
        self.assertEqual(len(self.app_messages), 1)
        kind, message_call_id, body = self.app_messages[0]
        self.assertEqual((kind, body), ('out of dialog', b'out of the call'))
        self.assertNotEqual(message_call_id, call_id)

        # and from the application's user agent to alice's bin, outside the
        # dialog too
        response = self.send_message(
            self.ua, 'sip:alice@127.0.0.1:%d' % alice.bin.props.sip_port,
            b'to alice')
        self.assertEqual(response.get_status_code(), 200)
        self.assertNotEqual(response.get_call_id(), call_id)

        self.assertTrue(alice.bin.emit('hangup'))
        self.wait_state(bob, State.ENDED)

    def test_message_from_plain_call(self):
        # alice is a GstSip.Call of a user agent of the test: the MESSAGE
        # she sends in the dialog reaches the call bob's bin carries
        self.app_video = False
        uri = self.listen()
        alice_ua, _ = self.new_user_agent()
        negotiator = GstSip.SdpNegotiator.new('127.0.0.1')
        negotiator.add_media('audio', PLAIN_RTP_PORT, None)
        call = GstSip.Call.new(alice_ua, None)
        call.set_negotiator(negotiator)
        dialled = []
        call.dial_async(uri, None, lambda call, result, data:
                        dialled.append(call.dial_finish(result)), None)
        self.poll_until(lambda: dialled, 'the call to be answered')
        self.assertEqual(dialled[0], 200)
        bob = self.phones[0]
        self.wait_state(bob, State.ESTABLISHED)

        response = self.send_request(call, 'MESSAGE', 'text/plain',
                                     b'hello, bob')
        self.assertEqual(response.get_status_code(), 200)
        self.assertEqual(self.app_messages, [
            ('in dialog', call.get_call_id(), b'hello, bob')])

        call.hangup()
        self.wait_state(bob, State.ENDED)
        self.poll_until(lambda: alice_ua.get_n_calls() == 0 and
                        alice_ua.get_n_transactions() == 0,
                        'alice\'s call to end')


if __name__ == '__main__':
    main()
