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

"""Answer a call with the application's own user agent and sipcallbin.

    ./answer.py --port 5070

A GstSip.UserAgent listens; its incoming-call signal hands each call
(a GstSip.Call) to a new sipcallbin through the bin's `call` property, and
the bin answers it (auto-answer) with a test tone and a test picture.  The
program counts the audio and video frames the caller sends, prints them
every second, and exits when the call has ended (the caller hung up, or
Ctrl-C and --duration hang up here): 0 when frames came in, 1 otherwise.
The user agent stays the application's: it could register, take other
calls or send MESSAGEs at the same time.  examples/call.py is the other
end.
"""

import argparse
import signal
import sys
import threading

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gst', '1.0')
gi.require_version('GstSip', '1.0')
from gi.repository import GLib, Gst, GstSip  # noqa: E402

# how long a hang-up may take before the program leaves anyway, seconds
HANGUP_TIMEOUT = 5


class Answerer:

    def __init__(self, args):
        self.loop = GLib.MainLoop()
        self.args = args
        self.lock = threading.Lock()
        self.frames = {'audio': 0, 'video': 0}
        self.reported = None
        self.pipeline = None
        self.bin = None
        self.established = False
        self.hanging_up = False
        self.failed = False

        # the application's user agent, on the default main context
        self.ua = GstSip.UserAgent.new()
        self.transport = self.ua.add_transport(GstSip.TransportProtocol.UDP,
                                               args.address, args.port)
        self.ua.connect('incoming-call', self.on_incoming_call)

    def on_incoming_call(self, ua, call):
        if self.pipeline is not None:
            # one call at a time: the user agent answers 480
            print('Busy: refusing a call from %s' % call.get_remote_uri(),
                  flush=True)
            return False
        print('Incoming call from %s' % call.get_remote_uri(), flush=True)

        description = ('sipcallbin name=phone auto-answer=true '
                       'audiotestsrc is-live=true wave=sine ! '
                       'phone.audio_sink ')
        if not self.args.no_video:
            description += ('videotestsrc is-live=true pattern=smpte ! '
                            'video/x-raw,width=352,height=288,framerate=15/1'
                            ' ! phone.video_sink')
        self.pipeline = Gst.parse_launch(description)
        self.bin = self.pipeline.get_by_name('phone')
        if self.args.codecs:
            self.bin.props.codecs = self.args.codecs
        # the bin carries this call, on the user agent's main context
        self.bin.props.call = call
        self.bin.connect('pad-added', self.on_pad_added)
        self.bin.connect('dtmf-received', self.on_dtmf_received)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect('message', self.on_message)
        if self.pipeline.set_state(Gst.State.PLAYING) == \
                Gst.StateChangeReturn.FAILURE:
            print('Could not answer the call', file=sys.stderr)
            self.failed = True
            self.loop.quit()
        return True

    # what the caller sends: one appsink per stream

    def on_pad_added(self, element, pad):
        if pad.get_direction() != Gst.PadDirection.SRC:
            return
        media = 'video' if pad.get_name().startswith('video_') else 'audio'
        sink = Gst.ElementFactory.make('appsink', None)
        sink.props.emit_signals = True
        sink.props.sync = False
        sink.set_property('async', False)
        sink.connect('new-sample', self.on_new_sample, media)
        self.pipeline.add(sink)
        sink.sync_state_with_parent()
        pad.link(sink.get_static_pad('sink'))

    def on_new_sample(self, sink, media):
        sample = sink.emit('pull-sample')
        if sample is not None:
            with self.lock:
                self.frames[media] += 1
        return Gst.FlowReturn.OK

    def counts(self):
        with self.lock:
            return self.frames['audio'], self.frames['video']

    def report(self):
        counts = self.counts()
        if counts != self.reported:
            self.reported = counts
            print('received: %d audio frames, %d video frames' % counts,
                  flush=True)
        return GLib.SOURCE_CONTINUE

    def on_dtmf_received(self, element, digit, duration):
        print('dtmf received: %s' % digit, flush=True)

    # the call

    def on_message(self, bus, message):
        if message.type == Gst.MessageType.ERROR:
            error, debug = message.parse_error()
            print('Error: %s' % error.message, file=sys.stderr)
            self.failed = True
            self.loop.quit()
        elif (message.type == Gst.MessageType.ELEMENT and
              message.get_structure().has_name('sip-call-state')):
            structure = message.get_structure()
            state = GstSip.CallState(structure.get_value('state'))
            code = structure.get_value('status-code')
            if code:
                print('state: %s (%u %s)' % (
                    state.value_nick, code,
                    structure.get_value('reason') or ''), flush=True)
            else:
                print('state: %s' % state.value_nick, flush=True)
            if state == GstSip.CallState.ESTABLISHED and \
                    not self.established:
                self.established = True
                if self.args.duration > 0:
                    GLib.timeout_add(int(self.args.duration * 1000),
                                     self.on_duration)
            elif state == GstSip.CallState.ENDED:
                if not self.established:
                    self.failed = True
                self.loop.quit()

    def hang_up(self):
        if self.hanging_up or self.bin is None or \
                self.bin.props.call_state in (GstSip.CallState.IDLE,
                                              GstSip.CallState.ENDED):
            self.loop.quit()
            return
        self.hanging_up = True
        print('Hanging up', flush=True)
        self.bin.emit('hangup')
        GLib.timeout_add_seconds(HANGUP_TIMEOUT, self.on_hangup_timeout)

    def on_signal(self):
        self.hang_up()
        return GLib.SOURCE_CONTINUE

    def on_duration(self):
        self.hang_up()
        return GLib.SOURCE_REMOVE

    def on_hangup_timeout(self):
        print('The call did not end in time', file=sys.stderr)
        self.failed = True
        self.loop.quit()
        return GLib.SOURCE_REMOVE

    def run(self):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT,
                             self.on_signal)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM,
                             self.on_signal)
        GLib.timeout_add_seconds(1, self.report)
        print('Listening on sip:%s:%u' % (self.transport.get_host(),
                                          self.transport.get_port()),
              flush=True)
        self.loop.run()
        if self.pipeline is None:
            # interrupted before any call
            return 0
        self.pipeline.set_state(Gst.State.NULL)
        self.pipeline.get_bus().remove_signal_watch()
        self.reported = None
        self.report()
        audio, video = self.counts()
        if audio == 0 or (video == 0 and not self.args.no_video):
            self.failed = True
        return 1 if self.failed else 0


def main():
    parser = argparse.ArgumentParser(
        description='Answer a SIP call with a GstSip.UserAgent and '
        'sipcallbin, and count the frames received.')
    parser.add_argument('-a', '--address', default='127.0.0.1',
                        help='local address (default %(default)s)')
    parser.add_argument('-p', '--port', type=int, default=0,
                        help='local SIP port (default: any free port)')
    parser.add_argument('-c', '--codecs',
                        help='codecs in the order of preference, such as '
                        'H264,PCMU (default: all installed)')
    parser.add_argument('-n', '--no-video', action='store_true',
                        help='audio only')
    parser.add_argument('-d', '--duration', type=float, default=0,
                        help='hang up after this many seconds of call '
                        '(default: when the caller hangs up, or on Ctrl-C)')
    args = parser.parse_args()

    Gst.init(None)
    if Gst.ElementFactory.find('sipcallbin') is None:
        print('The sipcallbin element is not installed (set '
              'GST_PLUGIN_PATH to the gst directory of the build)',
              file=sys.stderr)
        return 1
    try:
        answerer = Answerer(args)
    except GLib.Error as error:
        print(error.message, file=sys.stderr)
        return 2
    return answerer.run()


if __name__ == '__main__':
    sys.exit(main())
