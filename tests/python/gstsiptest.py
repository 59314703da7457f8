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

"""Support for the GObject-Introspection tests of GstSip-1.0.

Loads the typelibs, initialises GStreamer, and offers a test case class
whose tests run on a private GLib.MainContext with bounded waits.
"""

import sys
import time
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('Gst', '1.0')
gi.require_version('GstSip', '1.0')

from gi.repository import GLib, Gio, Gst, GstSip  # noqa: E402

__all__ = ['GLib', 'Gio', 'Gst', 'GstSip', 'MainContextTestCase', 'main']

Gst.init(None)

# RFC 3261 timer T1 of the user agents under test, in milliseconds: short,
# so that nothing waits for real RFC timer values.
T1 = 20

# How long a wait lasts at most, in seconds.
WAIT_TIMEOUT = 10.0


class MainContextTestCase(unittest.TestCase):
    """A test that runs on its own GLib.MainContext.

    The context is the thread-default one for the whole test, so that the
    user agents created in the test and the GTasks of their asynchronous
    calls belong to it.
    """

    def setUp(self):
        super().setUp()
        self.context = GLib.MainContext.new()
        self.context.push_thread_default()
        self.addCleanup(self.context.pop_thread_default)

    def wait_until(self, condition, timeout=WAIT_TIMEOUT, what='condition'):
        """Iterates the context until condition() is true, at most timeout
        seconds; fails the test otherwise."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.fail('timed out after %.1f s waiting for %s' %
                          (timeout, what))
            # wake up at the deadline even when nothing else happens
            tick = GLib.timeout_source_new(max(1, int(remaining * 1000)))
            tick.set_callback(lambda *args: GLib.SOURCE_REMOVE)
            tick.attach(self.context)
            try:
                self.context.iteration(True)
            finally:
                tick.destroy()

    def run_for(self, seconds):
        """Iterates the context for that long."""
        deadline = time.monotonic() + seconds
        self.wait_until(lambda: time.monotonic() >= deadline,
                        timeout=seconds + 1.0, what='the time to pass')

    def new_user_agent(self):
        """A user agent on the test's context, with a UDP transport on
        127.0.0.1 and a free port; returns (user agent, transport)."""
        ua = GstSip.UserAgent.new()
        # the RFC 3261 ratios: T2 = 8 T1, T4 = 10 T1
        ua.props.t1 = T1
        ua.props.t2 = 8 * T1
        ua.props.t4 = 10 * T1
        self.assertEqual(ua.get_context(), self.context)
        transport = ua.add_transport(GstSip.TransportProtocol.UDP,
                                     '127.0.0.1', 0)
        self.assertIsNotNone(transport)
        self.assertGreater(transport.get_port(), 0)
        return ua, transport


def main():
    """Runs the tests of the calling module.  Exits 0 on success, 77 (skip,
    for meson's exitcode protocol) when every test was skipped, 1 on
    failure."""
    program = unittest.main(exit=False, verbosity=2)
    result = program.result
    if not result.wasSuccessful():
        sys.exit(1)
    # a skipped setUpClass counts as one skip and no test run
    if result.skipped and len(result.skipped) >= result.testsRun:
        sys.exit(77)
    sys.exit(0)
