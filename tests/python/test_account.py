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

"""Registration against kamailio through GObject-Introspection.  Skipped
when kamailio is not installed."""

import time

from gstsiptest import GLib, GstSip, MainContextTestCase, main
from kamailio_harness import Kamailio

DOMAIN = 'example.test'
AOR = 'sip:alice@' + DOMAIN
PASSWORD = 'py-Secret-42'

State = GstSip.AccountState


class AccountTest(MainContextTestCase):

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
        self.account = GstSip.Account.new(self.ua, AOR)
        self.account.props.registrar = self.kamailio.uri
        self.states = []
        self.account.connect('notify::state', self.on_state)
        self.addCleanup(self.drop_account)

    def drop_account(self):
        self.account = None
        self.ua = None

    def on_state(self, account, pspec):
        self.assertEqual(pspec.name, 'state')
        self.states.append(account.props.state)

    def run_async(self, start, finish, what):
        """Calls start(None, callback, None) and waits for the callback;
        returns what finish(result) returned or raises its GLib.Error."""
        outcome = []

        def callback(account, result, user_data):
            try:
                outcome.append(finish(result))
            except GLib.Error as error:
                outcome.append(error)

        start(None, callback, None)
        self.wait_until(lambda: outcome, what=what)
        if isinstance(outcome[0], GLib.Error):
            raise outcome[0]
        return outcome[0]

    def register(self):
        return self.run_async(self.account.register_async,
                              self.account.register_finish,
                              'the registration')

    def unregister(self):
        return self.run_async(self.account.unregister_async,
                              self.account.unregister_finish,
                              'the unregistration')

    def check_registered(self, code):
        self.assertEqual(code, 200)
        self.assertEqual(self.account.get_state(), State.REGISTERED)
        self.assertEqual(self.states[:2], [State.REGISTERING,
                                           State.REGISTERED])
        self.assertEqual(self.account.props.status_code, 200)
        self.assertGreater(self.account.props.expires, 0)
        contact = self.account.props.contact
        self.assertTrue(contact.startswith('sip:alice@127.0.0.1:'), contact)
        # kamailio logs the binding after it answered: wait for the line
        line = 'REGISTER sip:alice@%s: saved' % DOMAIN
        deadline = time.monotonic() + 5
        while line not in self.kamailio.log and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertIn(line, self.kamailio.log)

    def check_unregistered(self, code):
        self.assertEqual(code, 200)
        self.assertEqual(self.account.get_state(), State.UNREGISTERED)
        self.assertEqual(self.states[-2:], [State.UNREGISTERING,
                                            State.UNREGISTERED])
        self.assertEqual(self.account.props.expires, 0)
        self.assertIsNone(self.account.props.contact)

    def test_register_with_password(self):
        self.account.props.password = PASSWORD
        self.assertEqual(self.account.props.state, State.UNREGISTERED)
        self.assertEqual(self.account.get_aor(), AOR)
        self.assertEqual(self.account.props.username, 'alice')

        self.check_registered(self.register())
        self.check_unregistered(self.unregister())

    def test_register_authenticate_signal(self):
        challenges = []

        def on_authenticate(ua, auth, retrying):
            challenges.append((auth.get_scheme(), auth.get_realm(),
                               auth.is_for_proxy(), retrying))
            auth.authenticate('alice', PASSWORD)
            return True

        self.ua.connect('authenticate', on_authenticate)
        self.check_registered(self.register())
        self.assertEqual(challenges, [('Digest', DOMAIN, False, False)])
        self.check_unregistered(self.unregister())
        # the nonce was still good: no new challenge
        self.assertEqual(len(challenges), 1)

    def test_wrong_password(self):
        self.account.props.password = 'not-' + PASSWORD
        with self.assertRaises(GLib.Error) as caught:
            self.register()
        self.assertTrue(caught.exception.matches(GstSip.error_quark(),
                                                 GstSip.Error.AUTH_FAILED))
        self.assertEqual(self.account.get_state(), State.FAILED)
        self.assertEqual(self.account.get_status_code(), 401)


if __name__ == '__main__':
    main()
