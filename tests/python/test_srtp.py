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


"""SRTP keying (SDP security descriptions) through GObject-Introspection."""

import base64
import unittest

from gstsiptest import GLib, GstSip, main


def negotiator(mode, port):
    neg = GstSip.SdpNegotiator.new('127.0.0.1')
    neg.props.srtp = mode
    neg.add_media('audio', port, [GstSip.Codec.new('audio', 'PCMU', 8000, 0)])
    return neg


def crypto_lines(sdp):
    media = sdp.get_media(0)
    return [media.get_attribute(i).value
            for i in range(media.attributes_len())
            if media.get_attribute(i).key == 'crypto']


class SrtpTest(unittest.TestCase):

    def test_suites(self):
        suite = GstSip.SrtpSuite.AES_256_CM_HMAC_SHA1_32
        self.assertEqual(GstSip.srtp_suite_to_string(suite),
                         'AES_256_CM_HMAC_SHA1_32')
        self.assertEqual(
            GstSip.srtp_suite_from_string('AEAD_AES_128_GCM'),
            GstSip.SrtpSuite.AEAD_AES_128_GCM)
        self.assertEqual(GstSip.srtp_suite_get_key_length(suite), 46)

    def test_exchange(self):
        alice = negotiator(GstSip.SrtpMode.MANDATORY, 40000)
        bob = negotiator(GstSip.SrtpMode.OPTIONAL, 50000)
        offer = alice.create_offer()
        self.assertEqual(offer.get_media(0).get_proto(), 'RTP/SAVP')
        self.assertEqual(len(crypto_lines(offer)), 6)
        answer = bob.create_answer(offer)
        line = crypto_lines(answer)[0]
        self.assertTrue(line.startswith('1 AES_CM_128_HMAC_SHA1_80 inline:'))
        self.assertTrue(alice.set_answer(answer))

        a = alice.get_streams()[0]
        b = bob.get_streams()[0]
        self.assertEqual(a.get_srtp_suite(),
                         GstSip.SrtpSuite.AES_CM_128_HMAC_SHA1_80)
        send = a.get_srtp_send_key()
        self.assertIsInstance(send, GLib.Bytes)
        self.assertEqual(send.get_size(), 30)
        self.assertEqual(send.get_data(), b.get_srtp_receive_key().get_data())
        self.assertEqual(a.get_srtp_receive_key().get_data(),
                         b.get_srtp_send_key().get_data())
        self.assertEqual(base64.b64decode(line.split('inline:')[1]),
                         b.get_srtp_send_key().get_data())

    def test_refused(self):
        alice = negotiator(GstSip.SrtpMode.MANDATORY, 40000)
        bob = negotiator(GstSip.SrtpMode.DISABLED, 50000)
        with self.assertRaises(GLib.Error) as raised:
            bob.create_answer(alice.create_offer())
        self.assertTrue(raised.exception.matches(
            GstSip.error_quark(), GstSip.Error.NOT_ACCEPTABLE))

    def test_plain(self):
        alice = negotiator(GstSip.SrtpMode.DISABLED, 40000)
        bob = negotiator(GstSip.SrtpMode.OPTIONAL, 50000)
        self.assertTrue(alice.set_answer(bob.create_answer(
            alice.create_offer())))
        stream = alice.get_streams()[0]
        self.assertEqual(stream.get_srtp_suite(), GstSip.SrtpSuite.NONE)
        self.assertIsNone(stream.get_srtp_send_key())


if __name__ == '__main__':
    main()
