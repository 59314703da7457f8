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

"""The Python examples, run as their users run them, against peers on
loopback:

- examples/register.py against kamailio (kamailio_harness.py); the test
  asks kamailio for alice's bindings (a REGISTER without Contact, RFC 3261
  10.2.3, with its own digest arithmetic) while the example runs and after
  it has left;
- examples/gb28181-keepalive.py against a GB28181 platform played by a
  GstSip.UserAgent in the test: a GstSip.DigestVerifier checks the
  device's REGISTER (realm and credentials of the seed capture,
  device 34020000001320000002, password admin123), and every MANSCDP
  keepalive MESSAGE is parsed and counted;
- examples/call.py calling examples/answer.py: the frames each printed,
  the hang-up by --duration and by Ctrl-C on either side.

Every run is bounded; the intervals are short through the examples'
options."""

import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from gstsiptest import GLib, GstSip, MainContextTestCase, main
from kamailio_harness import Kamailio

EXAMPLES_DIR = os.environ.get('GST_SIP_EXAMPLES_DIR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
    'examples')

# how long an example may take to start, register or leave
EXAMPLE_TIMEOUT = 20.0
# how often the test looks at the example while it waits, in milliseconds
POLL_MS = 10

DOMAIN = 'example.test'
PASSWORD = 'py-Example-9'

# the GB28181 platform and camera of the seed capture
GB_DOMAIN = '34020000'
GB_SERVER_ID = '34020000001320000010'
GB_DEVICE_ID = '34020000001320000002'
GB_PASSWORD = 'admin123'


class Example:
    """One example program running in a child process; stdout and stderr
    go to a file."""

    def __init__(self, test, name, args, env=None):
        self.test = test
        self.workdir = tempfile.TemporaryDirectory(prefix='gst-sip-example-')
        self.output_path = os.path.join(self.workdir.name, 'output.log')
        with open(self.output_path, 'ab') as output:
            self.process = subprocess.Popen(
                [sys.executable, os.path.join(EXAMPLES_DIR, name)] + args,
                stdin=subprocess.DEVNULL, stdout=output,
                stderr=subprocess.STDOUT, cwd=self.workdir.name,
                env=dict(os.environ, **(env or {})))
        test.addCleanup(self.kill)

    @property
    def text(self):
        with open(self.output_path, encoding='utf-8',
                  errors='replace') as output:
            return output.read()

    def poll_until(self, condition, what, timeout=EXAMPLE_TIMEOUT):
        """Iterates the test's context (where a peer of the example may
        run) until condition() holds."""
        tick = GLib.timeout_source_new(POLL_MS)
        tick.set_callback(lambda *args: GLib.SOURCE_CONTINUE)
        tick.attach(self.test.context)
        try:
            self.test.wait_until(condition, timeout=timeout, what=what)
        except AssertionError as error:
            raise AssertionError('%s; the example said:\n%s' %
                                 (error, self.text)) from None
        finally:
            tick.destroy()

    def wait_output(self, text):
        self.poll_until(lambda: text in self.text, what=repr(text))

    def wait_exit(self):
        self.poll_until(lambda: self.process.poll() is not None,
                        what='the example to exit')
        return self.process.returncode

    def interrupt(self):
        self.process.send_signal(signal.SIGINT)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self.workdir.cleanup()


class RegisterTest(MainContextTestCase):
    """examples/register.py against kamailio."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kamailio = Kamailio(users={'alice': PASSWORD}, domain=DOMAIN)

    @classmethod
    def tearDownClass(cls):
        cls.kamailio.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.ua, _ = self.new_user_agent()
        self.cseq = 0

    def request(self, request):
        outcome = []

        def done(ua, result, user_data):
            outcome.append(ua.request_finish(result))

        self.ua.request_async(request, None, done, None)
        self.wait_until(lambda: outcome, what='the response to %s' %
                        request.get_method_name())
        return outcome[0]

    def bindings(self):
        """alice's contacts at kamailio, by a REGISTER query (no Contact)
        answered with the digest of RFC 2617 computed here."""
        registrar = GstSip.Uri.new(self.kamailio.uri)
        call_id = 'query-%d-%f' % (os.getpid(), time.monotonic())
        authorization = None
        for _ in range(2):
            self.cseq += 1
            request = GstSip.Message.new_request('REGISTER', registrar)
            request.set_header('From', '<sip:alice@%s>;tag=q%d' %
                               (DOMAIN, self.cseq))
            request.set_header('To', '<sip:alice@%s>' % DOMAIN)
            request.set_call_id(call_id)
            request.set_cseq(self.cseq, 'REGISTER')
            if authorization:
                request.set_header('Authorization', authorization)
            response = self.request(request)
            if response.get_status_code() != 401:
                break
            challenge = response.get_auth_headers('WWW-Authenticate')[0]
            authorization = self.digest(challenge, registrar.to_string())
        self.assertEqual(response.get_status_code(), 200)
        return [a.get_uri().to_string()
                for a in response.get_addresses('Contact')]

    @staticmethod
    def digest(challenge, uri):
        def md5(text):
            return hashlib.md5(text.encode('utf-8')).hexdigest()

        realm = challenge.get_param('realm')
        nonce = challenge.get_param('nonce')
        cnonce = '0a4f113b'
        ha1 = md5('alice:%s:%s' % (realm, PASSWORD))
        ha2 = md5('REGISTER:%s' % uri)
        response = md5('%s:%s:00000001:%s:auth:%s' % (ha1, nonce, cnonce,
                                                       ha2))
        return ('Digest username="alice", realm="%s", nonce="%s", uri="%s", '
                'response="%s", algorithm=MD5, cnonce="%s", qop=auth, '
                'nc=00000001' % (realm, nonce, uri, response, cnonce))

    def run_register(self, args, env=None):
        return Example(self, 'register.py',
                       ['--registrar', self.kamailio.uri] + args +
                       ['sip:alice@' + DOMAIN], env=env)

    @staticmethod
    def states(text):
        return [line.split()[1] for line in text.splitlines()
                if line.startswith('state: ')]

    def test_until_sigint(self):
        self.assertEqual(self.bindings(), [])
        example = self.run_register(['--expires', '60'],
                                    env={'SIP_PASSWORD': PASSWORD})
        example.wait_output('state: registered as ')
        line = [line for line in example.text.splitlines()
                if line.startswith('state: registered as ')][0]
        contact = line.split()[3]
        self.assertTrue(contact.startswith('sip:alice@127.0.0.1:'), line)
        self.assertTrue(line.endswith(' for 60 s'), line)
        # kamailio holds the binding the example printed
        self.assertEqual(self.bindings(), [contact])

        example.interrupt()
        self.assertEqual(example.wait_exit(), 0, example.text)
        self.assertEqual(self.states(example.text),
                         ['registering', 'registered', 'unregistering',
                          'unregistered'])
        self.assertEqual(self.bindings(), [])

    def test_duration(self):
        example = self.run_register(['--password', PASSWORD,
                                     '--duration', '0.5'])
        self.assertEqual(example.wait_exit(), 0, example.text)
        self.assertIn('unregistering\n', example.text)
        self.assertEqual(self.states(example.text)[-1], 'unregistered')
        self.assertEqual(self.bindings(), [])

    def test_wrong_password(self):
        example = self.run_register(['--password', 'not-' + PASSWORD])
        self.assertEqual(example.wait_exit(), 1, example.text)
        self.assertIn('state: failed (401 ', example.text)
        self.assertIn('Could not register: ', example.text)
        self.assertNotIn(PASSWORD, example.text)
        self.assertEqual(self.bindings(), [])


class Platform:
    """A GB28181 platform: a registrar with digest authentication (realm
    GB_DOMAIN) that answers MANSCDP keepalives of registered devices with
    200, and those of devices it does not know with 403."""

    def __init__(self, test):
        self.test = test
        self.ua, self.transport = test.new_user_agent()
        self.ua.props.user_agent = 'test platform'
        # MANSCDP bodies, besides what a user agent accepts by default
        # (media types compare without case: devices write Application/)
        self.ua.props.accept = ['application/sdp', 'text/plain',
                                'application/manscdp+xml']
        self.ua.add_allowed_method('REGISTER')
        self.ua.connect('incoming-request::REGISTER', self.on_register)
        self.ua.connect('incoming-request::MESSAGE', self.on_message)
        self.verifier = GstSip.DigestVerifier.new(GB_DOMAIN)
        self.verifier.add_user(GB_DEVICE_ID, GB_PASSWORD)
        self.registered = False
        # (result, Request-URI, Authorization uri) of each REGISTER
        self.registers = []
        self.expires = []
        # the SN of every keepalive answered with 200
        self.keepalives = []
        self.refused = 0
        # answer keepalives with 403 from this many on
        self.forget_after = None
        # exceptions raised in the handlers
        self.errors = []

    @property
    def address(self):
        return '127.0.0.1:%d' % self.transport.get_port()

    def guarded(self, handler, transaction):
        """Runs handler(transaction); an exception (a failed assertion)
        is kept for the test to raise, and answered with 500."""
        try:
            handler(transaction)
        except Exception as error:  # noqa: B902
            self.errors.append(error)
            transaction.reply(500, None)
        return True

    def on_register(self, ua, transaction):
        return self.guarded(self.register, transaction)

    def on_message(self, ua, transaction):
        return self.guarded(self.keepalive, transaction)

    def register(self, transaction):
        request = transaction.get_request()
        result, user = self.verifier.verify(request)
        credentials = request.get_auth_headers('Authorization')
        self.registers.append((result, request.get_request_uri().to_string(),
                               credentials[0].get_param('uri')
                               if credentials else None))
        if result == GstSip.DigestResult.OK:
            self.test.assertEqual(user, GB_DEVICE_ID)
            ok, expires = request.get_expires()
            contacts = request.get_addresses('Contact')
            if contacts and contacts[0].has_param('expires'):
                expires = int(contacts[0].get_param('expires'))
            self.expires.append(expires)
            self.registered = expires > 0
            response = transaction.create_response(200, None)
            if expires > 0:
                for contact in contacts:
                    contact.set_param('expires', str(expires))
                    response.append_address('Contact', contact)
            response.set_expires(expires)
            self.test.assertTrue(transaction.respond(response))
        else:
            self.verifier.challenge(
                transaction, result == GstSip.DigestResult.STALE)

    def keepalive(self, transaction):
        request = transaction.get_request()
        self.test.assertEqual(request.get_request_uri().to_string(),
                              'sip:%s@%s' % (GB_SERVER_ID, GB_DOMAIN))
        self.test.assertEqual(request.get_from().get_uri().to_string(),
                              'sip:%s@%s' % (GB_DEVICE_ID, GB_DOMAIN))
        self.test.assertEqual(request.get_content_type(),
                              'Application/MANSCDP+xml')
        # devices declare GB2312, which expat cannot read: decode first
        text = request.get_body().get_data().decode('gb2312')
        notify = ElementTree.fromstring(re.sub(r'^<\?xml[^>]*\?>', '',
                                               text.lstrip()))
        self.test.assertEqual(notify.tag, 'Notify')
        self.test.assertEqual(notify.findtext('CmdType'), 'Keepalive')
        self.test.assertEqual(notify.findtext('DeviceID'), GB_DEVICE_ID)
        self.test.assertEqual(notify.findtext('Status'), 'OK')
        if (self.forget_after is not None and
                len(self.keepalives) >= self.forget_after):
            # the platform restarted and forgot the device
            self.forget_after = None
            self.registered = False
        if self.registered:
            self.keepalives.append(int(notify.findtext('SN')))
            transaction.reply(200, None)
        else:
            self.refused += 1
            transaction.reply(403, None)


class KeepaliveTest(MainContextTestCase):
    """examples/gb28181-keepalive.py against a platform in the test."""

    def setUp(self):
        super().setUp()
        self.platform = Platform(self)

    def tearDown(self):
        self.wait_until(lambda: self.platform.ua.get_n_transactions() == 0,
                        what='the transactions to end')
        super().tearDown()
        if self.platform.errors:
            raise self.platform.errors[0]

    def run_device(self, args):
        return Example(self, 'gb28181-keepalive.py', [
            '--server', self.platform.address,
            '--server-id', GB_SERVER_ID, '--domain', GB_DOMAIN,
            '--device-id', GB_DEVICE_ID, '--address', '127.0.0.1',
            '--expires', '600'] + args, env={'SIP_PASSWORD': GB_PASSWORD})

    def test_keepalives(self):
        device = self.run_device(['--interval', '0.1', '--count', '5'])
        self.assertEqual(device.wait_exit(), 0, device.text)

        # REGISTER: challenged once, then accepted; the digest uri is the
        # Request-URI, the platform's ID in its domain, as in the capture
        server = 'sip:%s@%s' % (GB_SERVER_ID, GB_DOMAIN)
        results = [r[0] for r in self.platform.registers]
        self.assertEqual(results[:2], [GstSip.DigestResult.MISSING,
                                       GstSip.DigestResult.OK])
        self.assertEqual(self.platform.registers[1], (
            GstSip.DigestResult.OK, server, server))
        # then the unregistration, with the nonce it already had
        self.assertEqual(results[2:], [GstSip.DigestResult.OK])
        self.assertEqual(self.platform.expires, [600, 0])
        self.assertFalse(self.platform.registered)

        # five keepalives, numbered from 1, each answered
        self.assertEqual(self.platform.keepalives, [1, 2, 3, 4, 5])
        self.assertEqual(self.platform.refused, 0)
        for sn in range(1, 6):
            self.assertIn('keepalive %d: 200 OK' % sn, device.text)

    def test_register_again_when_forgotten(self):
        # after two keepalives the platform forgets the device: two missed
        # keepalives later the device registers again and goes on
        self.platform.forget_after = 2
        device = self.run_device(['--interval', '0.1', '--count', '4',
                                  '--max-missed', '2'])
        self.assertEqual(device.wait_exit(), 0, device.text)
        self.assertEqual(self.platform.refused, 2)
        self.assertEqual(self.platform.expires, [600, 600, 0])
        self.assertIn('platform lost after 2 missed keepalives', device.text)
        self.assertEqual(len(self.platform.keepalives), 4)
        self.assertEqual(self.platform.keepalives,
                         sorted(self.platform.keepalives))

    def test_sigint(self):
        device = self.run_device(['--interval', '0.05'])
        device.poll_until(lambda: len(self.platform.keepalives) >= 3,
                          what='three keepalives')
        device.interrupt()
        self.assertEqual(device.wait_exit(), 0, device.text)
        self.assertEqual(self.platform.expires[-1], 0)
        self.assertFalse(self.platform.registered)

    def test_wrong_password(self):
        device = Example(self, 'gb28181-keepalive.py', [
            '--server', self.platform.address,
            '--server-id', GB_SERVER_ID, '--domain', GB_DOMAIN,
            '--device-id', GB_DEVICE_ID, '--address', '127.0.0.1',
            '--password', 'admin124', '--interval', '0.1'])
        self.assertEqual(device.wait_exit(), 1, device.text)
        self.assertIn('could not register', device.text)
        self.assertEqual(self.platform.keepalives, [])
        self.assertEqual([r[0] for r in self.platform.registers],
                         [GstSip.DigestResult.MISSING,
                          GstSip.DigestResult.FAILED])


class CallExamplesTest(MainContextTestCase):
    """examples/call.py calls examples/answer.py on loopback."""

    RECEIVED = re.compile(
        r'^received: (\d+) audio frames, (\d+) video frames$', re.M)

    def start_answer(self, args=()):
        answer = Example(self, 'answer.py', ['--address', '127.0.0.1'] +
                         list(args))
        answer.wait_output('Listening on sip:127.0.0.1:')
        port = int(re.search(r'Listening on sip:127\.0\.0\.1:(\d+)',
                             answer.text).group(1))
        return answer, 'sip:bob@127.0.0.1:%d' % port

    def received(self, example):
        """the frame counts of the last "received:" line"""
        counts = self.RECEIVED.findall(example.text)
        return tuple(int(n) for n in counts[-1]) if counts else (0, 0)

    def wait_frames(self, example, audio, video):
        example.poll_until(lambda: self.received(example)[0] >= audio and
                           self.received(example)[1] >= video,
                           what='%d audio and %d video frames' %
                           (audio, video))

    def test_call_for_a_while(self):
        answer, uri = self.start_answer()
        call = Example(self, 'call.py', ['--duration', '2', uri])
        self.assertEqual(call.wait_exit(), 0, call.text)
        self.assertEqual(answer.wait_exit(), 0, answer.text)

        self.assertIn('Incoming call from sip:', answer.text)
        for example in (call, answer):
            self.assertIn('state: established', example.text)
            self.assertRegex(example.text, r'state: ended')
            audio, video = self.received(example)
            self.assertGreater(audio, 10, example.text)
            self.assertGreater(video, 5, example.text)
        # the caller hung up, the callee followed its BYE
        self.assertIn('Hanging up', call.text)
        self.assertNotIn('Hanging up', answer.text)

    def test_ctrl_c(self):
        # audio only; the callee is interrupted and hangs up itself
        answer, uri = self.start_answer(['--no-video'])
        call = Example(self, 'call.py', ['--no-video', uri])
        self.wait_frames(call, 10, 0)
        self.wait_frames(answer, 10, 0)
        answer.interrupt()
        self.assertEqual(answer.wait_exit(), 0, answer.text)
        self.assertEqual(call.wait_exit(), 0, call.text)
        self.assertIn('Hanging up', answer.text)
        self.assertNotIn('Hanging up', call.text)
        self.assertEqual(self.received(call)[1], 0)
        self.assertIn('state: ended', call.text)

    def test_ctrl_c_before_the_call(self):
        answer, uri = self.start_answer()
        answer.interrupt()
        self.assertEqual(answer.wait_exit(), 0, answer.text)


if __name__ == '__main__':
    main()
