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

"""Messages, URIs and enumerations through GObject-Introspection."""

import unittest

from gstsiptest import GLib, GstSip, main

# A GB28181 keepalive: a camera's MESSAGE to its platform.
KEEPALIVE_BODY = (
    b'<?xml version="1.0" encoding="GB2312"?>\r\n'
    b'<Notify>\r\n'
    b'<CmdType>Keepalive</CmdType>\r\n'
    b'<SN>3634867</SN>\r\n'
    b'<DeviceID>34020000001320000002</DeviceID>\r\n'
    b'<Status>OK</Status>\r\n'
    b'</Notify>\r\n')

KEEPALIVE = (
    b'MESSAGE sip:34020000001320000010@34020000 SIP/2.0\r\n'
    b'Via: SIP/2.0/UDP 10.192.33.95:5060;rport;branch=z9hG4bK1171736073\r\n'
    b'From: <sip:34020000001320000002@34020000>;tag=699092543\r\n'
    b'To: <sip:34020000001320000010@34020000>\r\n'
    b'Call-ID: 776784695\r\n'
    b'CSeq: 20 MESSAGE\r\n'
    b'Content-Type: Application/MANSCDP+xml\r\n'
    b'Max-Forwards: 70\r\n'
    b'User-Agent: IP Camera\r\n'
    b'Content-Length: ' + str(len(KEEPALIVE_BODY)).encode() + b'\r\n'
    b'\r\n' + KEEPALIVE_BODY)

ERROR_DOMAIN = 'gst-sip-error-quark'


class MessageTest(unittest.TestCase):

    def parse(self, data):
        msg = GstSip.Message.new_from_bytes(data)
        self.assertIsInstance(msg, GstSip.Message)
        return msg

    def test_accessors(self):
        msg = self.parse(KEEPALIVE)

        self.assertTrue(msg.is_request())
        self.assertFalse(msg.is_response())
        self.assertEqual(msg.get_message_type(),
                         GstSip.MessageType.REQUEST)
        self.assertEqual(msg.get_method(), GstSip.Method.MESSAGE)
        self.assertEqual(msg.get_method_name(), 'MESSAGE')
        self.assertEqual(msg.get_request_uri().to_string(),
                         'sip:34020000001320000010@34020000')
        self.assertEqual(msg.get_call_id(), '776784695')

        ok, seq, method = msg.get_cseq()
        self.assertTrue(ok)
        self.assertEqual(seq, 20)
        self.assertEqual(method, GstSip.Method.MESSAGE)

        self.assertEqual(msg.get_n_vias(), 1)
        via = msg.get_via(0)
        self.assertEqual(via.get_branch(), 'z9hG4bK1171736073')
        self.assertEqual(via.get_host(), '10.192.33.95')
        self.assertEqual(via.get_port(), 5060)
        self.assertIsNone(msg.get_via(1))

        sender = msg.get_from()
        self.assertEqual(sender.get_tag(), '699092543')
        self.assertEqual(sender.get_uri().get_user(), '34020000001320000002')
        self.assertEqual(msg.get_from_tag(), '699092543')
        self.assertIsNone(msg.get_to().get_tag())
        self.assertIsNone(msg.get_to_tag())

        self.assertEqual(msg.get_header('User-Agent'), 'IP Camera')
        self.assertIsNone(msg.get_header('Subject'))
        self.assertEqual(msg.get_content_type(), 'Application/MANSCDP+xml')
        self.assertEqual(msg.get_body().get_data(), KEEPALIVE_BODY)

    def test_round_trip(self):
        msg = self.parse(KEEPALIVE)
        data = msg.to_bytes().get_data()
        self.assertEqual(data, KEEPALIVE)
        self.assertEqual(msg.to_string().encode(), KEEPALIVE)

        again = self.parse(data)
        self.assertEqual(again.get_call_id(), msg.get_call_id())
        self.assertEqual(again.get_body().get_data(), KEEPALIVE_BODY)

    def test_build(self):
        uri = GstSip.Uri.new('sip:bob@example.com')
        request = GstSip.Message.new_request('OPTIONS', uri)
        self.assertEqual(request.get_method(), GstSip.Method.OPTIONS)
        request.set_call_id('a84b4c76e66710')
        request.set_cseq(314159, 'OPTIONS')
        request.set_body('text/plain', GLib.Bytes.new(b'hello'))
        self.assertEqual(request.get_cseq(),
                         (True, 314159, GstSip.Method.OPTIONS))
        self.assertEqual(request.get_body().get_data(), b'hello')

        response = GstSip.Message.new_response(486, None)
        self.assertTrue(response.is_response())
        self.assertEqual(response.get_status_code(),
                         GstSip.StatusCode.BUSY_HERE)
        self.assertEqual(response.get_reason_phrase(), 'Busy Here')

    def assert_parse_error(self, data):
        with self.assertRaises(GLib.Error) as caught:
            GstSip.Message.new_from_bytes(data)
        error = caught.exception
        self.assertTrue(error.matches(GstSip.error_quark(),
                                      GstSip.Error.PARSE))
        self.assertEqual(error.code, GstSip.Error.PARSE)
        self.assertTrue(error.message)
        return error

    def test_malformed(self):
        # no empty line after the header section
        self.assert_parse_error(KEEPALIVE.split(b'\r\n\r\n')[0])
        # no start line
        self.assert_parse_error(b'hello\r\n\r\n')
        # a CSeq that is not a number
        self.assert_parse_error(KEEPALIVE.replace(b'CSeq: 20',
                                                  b'CSeq: twenty'))

    def test_error_domain(self):
        # the domain is known by its name, as bindings and logs show it
        error = self.assert_parse_error(b'garbage')
        self.assertEqual(GLib.quark_to_string(GstSip.error_quark()),
                         ERROR_DOMAIN)
        self.assertEqual(error.domain, ERROR_DOMAIN)


class UriTest(unittest.TestCase):

    def test_accessors(self):
        uri = GstSip.Uri.new('sip:alice@example.com;transport=tcp')
        self.assertEqual(uri.get_scheme(), 'sip')
        self.assertTrue(uri.is_sip())
        self.assertFalse(uri.is_secure())
        self.assertFalse(uri.is_tel())
        self.assertEqual(uri.get_user(), 'alice')
        self.assertIsNone(uri.get_password())
        self.assertEqual(uri.get_host(), 'example.com')
        self.assertEqual(uri.get_port(), 0)
        self.assertTrue(uri.has_param('transport'))
        self.assertEqual(uri.get_param('transport'), 'tcp')
        self.assertIsNone(uri.get_param('lr'))
        self.assertEqual(uri.get_param_names(), ['transport'])
        self.assertEqual(uri.to_string(),
                         'sip:alice@example.com;transport=tcp')

    def test_new_sip(self):
        uri = GstSip.Uri.new_sip(False, 'bob', '127.0.0.1', 5062)
        self.assertEqual(uri.to_string(), 'sip:bob@127.0.0.1:5062')
        uri.set_param('transport', 'udp')
        self.assertEqual(uri.to_string(),
                         'sip:bob@127.0.0.1:5062;transport=udp')

    def test_equal(self):
        uri = GstSip.Uri.new('sip:alice@example.com;transport=tcp')
        # RFC 3261 19.1.4: the host and parameters compare without case,
        # the user with it
        self.assertTrue(uri.equal(
            GstSip.Uri.new('sip:alice@EXAMPLE.COM;Transport=TCP')))
        self.assertTrue(uri.equal(uri.copy()))
        self.assertFalse(uri.equal(
            GstSip.Uri.new('sip:Alice@example.com;transport=tcp')))
        self.assertFalse(uri.equal(
            GstSip.Uri.new('sip:alice@example.com;transport=udp')))
        self.assertFalse(uri.equal(GstSip.Uri.new('sip:alice@example.com')))

    def test_invalid(self):
        with self.assertRaises(GLib.Error) as caught:
            GstSip.Uri.new('not a uri')
        self.assertTrue(caught.exception.matches(GstSip.error_quark(),
                                                 GstSip.Error.PARSE))


class EnumTest(unittest.TestCase):

    def test_method(self):
        self.assertIsInstance(GstSip.Method.INVITE, GstSip.Method)
        self.assertEqual(GstSip.method_to_string(GstSip.Method.INVITE),
                         'INVITE')
        self.assertEqual(GstSip.method_from_string('INVITE'),
                         GstSip.Method.INVITE)
        self.assertEqual(GstSip.Method.INVITE.value_nick, 'invite')

    def test_status_code(self):
        self.assertIsInstance(GstSip.StatusCode.BUSY_HERE,
                              GstSip.StatusCode)
        self.assertEqual(int(GstSip.StatusCode.BUSY_HERE), 486)
        self.assertEqual(GstSip.status_get_phrase(486), 'Busy Here')
        self.assertEqual(GstSip.status_get_phrase(GstSip.StatusCode.OK),
                         'OK')

    def test_other_enums(self):
        self.assertIsInstance(GstSip.Error.PARSE, GstSip.Error)
        self.assertIsInstance(GstSip.TransportProtocol.UDP,
                              GstSip.TransportProtocol)
        self.assertEqual(
            GstSip.transport_protocol_to_string(
                GstSip.TransportProtocol.TCP), 'TCP')
        self.assertIsInstance(GstSip.AccountState.REGISTERED,
                              GstSip.AccountState)


if __name__ == '__main__':
    main()
