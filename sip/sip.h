/* GStreamer SIP library
 * Copyright (C) 2026 The gst-sip authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Library General Public License for more details.
 *
 * You should have received a copy of the GNU Library General Public
 * License along with this library; if not, write to the
 * Free Software Foundation, Inc., 51 Franklin St, Fifth Floor,
 * Boston, MA 02110-1301, USA.
 */

#ifndef __GST_SIP_H__
#define __GST_SIP_H__

#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-enumtypes.h>
#include <sip/sip-uri.h>
#include <sip/sip-via.h>
#include <sip/sip-address.h>
#include <sip/sip-auth-header.h>
#include <sip/sip-message.h>
#include <sip/sip-transport.h>
#include <sip/sip-transaction.h>
#include <sip/sip-client-transaction.h>
#include <sip/sip-server-transaction.h>
#include <sip/sip-user-agent.h>
#include <sip/sip-auth.h>
#include <sip/sip-account.h>
#include <sip/sip-digest-verifier.h>
#include <sip/sip-codec.h>
#include <sip/sip-sdp-negotiator.h>
#include <sip/sip-sdp-crypto.h>
#include <sip/sip-call.h>

#endif /* __GST_SIP_H__ */
