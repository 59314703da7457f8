#!/bin/sh
# gst-launch-1.0 recipes for the sipcallbin element, one per job.
#
# Usage: gst-launch-recipes.sh [-n] RECIPE [ARGUMENTS]
#
#   call URI                         call URI with a test tone and picture,
#                                    play what comes back
#   answer PORT                      wait on PORT, answer the first call,
#                                    play what the caller sends
#   play URI                         receive only, through playbin and the
#                                    sip: URI handler
#   register REGISTRAR AOR PASSWORD  register AOR at REGISTRAR, then answer
#   h263 URI                         call with H.263 at CIF and PCMU, for
#                                    older video phones
#   make-clip FILE                   write a short H.264 clip to try send-clip
#   send-clip FILE URI               send an encoded Matroska file as it is
#   record URI FILE                  call URI and record the call, without
#                                    decoding, to a Matroska file
#   dtmf PORT                        answer on PORT and print the DTMF digits
#                                    the caller sends
#
# -n prints the command instead of running it.  Every recipe runs until
# Ctrl-C; -e then finishes files and the bin hangs up (BYE).  From a build
# tree, set GST_PLUGIN_PATH=$PWD/build/gst first.
#
# docs/gst-launch-recipes.md explains each recipe; the test suite runs the
# recipes of that page and checks that this script gives the same commands.
set -eu

dry_run=no
if [ "${1:-}" = "-n" ]; then
  dry_run=yes
  shift
fi

usage() {
  sed -n '4,24s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

run() {
  if [ "$dry_run" = yes ]; then
    echo "$*"
  else
    exec "$@"
  fi
}

[ "$#" -ge 1 ] || usage
recipe=$1
shift

case "$recipe" in
  call)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e sipcallbin name=call remote-uri="$1" decode=true \
      audiotestsrc is-live=true ! call.audio_sink \
      videotestsrc is-live=true ! video/x-raw,width=640,height=480,framerate=25/1 ! call.video_sink \
      call.audio_src_0 ! queue ! audioconvert ! audioresample ! autoaudiosink \
      call.video_src_0 ! queue ! videoconvert ! autovideosink
    ;;
  answer)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e sipcallbin name=phone sip-port="$1" auto-answer=true decode=true \
      audiotestsrc is-live=true wave=ticks ! phone.audio_sink \
      videotestsrc is-live=true pattern=ball ! phone.video_sink \
      phone.audio_src_0 ! queue ! audioconvert ! audioresample ! autoaudiosink \
      phone.video_src_0 ! queue ! videoconvert ! autovideosink
    ;;
  play)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e playbin uri="$1"
    ;;
  register)
    [ "$#" -eq 3 ] || usage
    run gst-launch-1.0 -e sipcallbin name=phone registrar="$1" \
      local-uri="$2" password="$3" auto-answer=true decode=true \
      audiotestsrc is-live=true ! phone.audio_sink \
      phone.audio_src_0 ! queue ! audioconvert ! audioresample ! autoaudiosink
    ;;
  h263)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e sipcallbin name=call remote-uri="$1" codecs=H263,PCMU \
      audiotestsrc is-live=true ! call.audio_sink \
      videotestsrc is-live=true ! video/x-raw,width=352,height=288,framerate=15/1 ! call.video_sink \
      call.audio_src_0 ! fakesink call.video_src_0 ! fakesink
    ;;
  make-clip)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e videotestsrc num-buffers=300 ! video/x-raw,format=I420,width=320,height=240,framerate=15/1 ! \
      x264enc tune=zerolatency key-int-max=15 ! video/x-h264,profile=constrained-baseline ! \
      h264parse ! matroskamux ! filesink location="$1"
    ;;
  send-clip)
    [ "$#" -eq 2 ] || usage
    run gst-launch-1.0 -e sipcallbin name=call remote-uri="$2" \
      filesrc location="$1" ! queue ! matroskademux ! h264parse ! clocksync ! call.video_sink \
      audiotestsrc is-live=true ! call.audio_sink \
      call.audio_src_0 ! fakesink call.video_src_0 ! fakesink
    ;;
  record)
    [ "$#" -eq 2 ] || usage
    run gst-launch-1.0 -e sipcallbin name=call remote-uri="$1" codecs=H264,PCMU \
      audiotestsrc is-live=true ! call.audio_sink \
      videotestsrc is-live=true ! call.video_sink \
      matroskamux name=mux ! filesink location="$2" \
      call.audio_src_0 ! queue ! mux.audio_0 \
      call.video_src_0 ! queue ! mux.video_0
    ;;
  dtmf)
    [ "$#" -eq 1 ] || usage
    run gst-launch-1.0 -e -m sipcallbin name=phone sip-port="$1" auto-answer=true codecs=PCMU \
      audiotestsrc is-live=true ! phone.audio_sink \
      phone.audio_src_0 ! fakesink
    ;;
  *)
    usage
    ;;
esac
