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

#ifndef __GST_SIP_ENUMS_H__
#define __GST_SIP_ENUMS_H__

#include <sip/sip-prelude.h>

G_BEGIN_DECLS

/**
 * GST_SIP_ERROR:
 *
 * The error domain of libgstsip.  A SIP final response such as 486 or 603 is
 * a result, never a #GError: this domain is for transport, timeout, parse,
 * authentication and state errors.
 *
 * Since: 0.1
 */
#define GST_SIP_ERROR (gst_sip_error_quark ())

GST_SIP_API
GQuark gst_sip_error_quark (void);

/**
 * GstSipError:
 * @GST_SIP_ERROR_FAILED: a generic failure
 * @GST_SIP_ERROR_PARSE: malformed input (a message, URI or header)
 * @GST_SIP_ERROR_TOO_LARGE: a message exceeds a configured size or count
 *   limit
 * @GST_SIP_ERROR_TRANSPORT: sending or receiving failed at the transport
 *   layer (connection refused, reset, unreachable)
 * @GST_SIP_ERROR_TIMEOUT: no final response arrived in time (RFC 3261 timers
 *   B and F)
 * @GST_SIP_ERROR_RESOLVE: the destination could not be resolved (RFC 3263)
 * @GST_SIP_ERROR_AUTH_FAILED: authentication was refused
 * @GST_SIP_ERROR_INVALID_STATE: the operation is not possible in the current
 *   state of the object
 * @GST_SIP_ERROR_UNSUPPORTED: a URI scheme, transport or feature is not
 *   supported
 * @GST_SIP_ERROR_NOT_ACCEPTABLE: a session description has no media or
 *   codec in common with ours (a SIP 488)
 * @GST_SIP_ERROR_INVALID_ARGUMENT: a value given by the application is not
 *   valid here, such as a DTMF digit outside 0-9, A-D, `*` and `#`
 * @GST_SIP_ERROR_CERTIFICATE: a TLS peer's certificate was refused: it has
 *   expired, is for another host, or is not signed by a trusted authority
 *   (nothing was sent on that connection)
 *
 * Error codes in the %GST_SIP_ERROR domain.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_ERROR_FAILED,
  GST_SIP_ERROR_PARSE,
  GST_SIP_ERROR_TOO_LARGE,
  GST_SIP_ERROR_TRANSPORT,
  GST_SIP_ERROR_TIMEOUT,
  GST_SIP_ERROR_RESOLVE,
  GST_SIP_ERROR_AUTH_FAILED,
  GST_SIP_ERROR_INVALID_STATE,
  GST_SIP_ERROR_UNSUPPORTED,
  GST_SIP_ERROR_NOT_ACCEPTABLE,
  GST_SIP_ERROR_INVALID_ARGUMENT,
  GST_SIP_ERROR_CERTIFICATE,
} GstSipError;

/**
 * GstSipMessageType:
 * @GST_SIP_MESSAGE_TYPE_REQUEST: a request
 * @GST_SIP_MESSAGE_TYPE_RESPONSE: a response
 *
 * Whether a #GstSipMessage is a request or a response.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_MESSAGE_TYPE_REQUEST,
  GST_SIP_MESSAGE_TYPE_RESPONSE,
} GstSipMessageType;

/**
 * GstSipMethod:
 * @GST_SIP_METHOD_UNKNOWN: an extension method; the name is kept as a token
 * @GST_SIP_METHOD_INVITE: INVITE (RFC 3261)
 * @GST_SIP_METHOD_ACK: ACK (RFC 3261)
 * @GST_SIP_METHOD_BYE: BYE (RFC 3261)
 * @GST_SIP_METHOD_CANCEL: CANCEL (RFC 3261)
 * @GST_SIP_METHOD_REGISTER: REGISTER (RFC 3261)
 * @GST_SIP_METHOD_OPTIONS: OPTIONS (RFC 3261)
 * @GST_SIP_METHOD_INFO: INFO (RFC 6086)
 * @GST_SIP_METHOD_PRACK: PRACK (RFC 3262)
 * @GST_SIP_METHOD_UPDATE: UPDATE (RFC 3311)
 * @GST_SIP_METHOD_SUBSCRIBE: SUBSCRIBE (RFC 6665)
 * @GST_SIP_METHOD_NOTIFY: NOTIFY (RFC 6665)
 * @GST_SIP_METHOD_REFER: REFER (RFC 3515)
 * @GST_SIP_METHOD_MESSAGE: MESSAGE (RFC 3428)
 * @GST_SIP_METHOD_PUBLISH: PUBLISH (RFC 3903)
 *
 * The SIP request methods the library knows by name.  Method names are case
 * sensitive on the wire.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_METHOD_UNKNOWN,
  GST_SIP_METHOD_INVITE,
  GST_SIP_METHOD_ACK,
  GST_SIP_METHOD_BYE,
  GST_SIP_METHOD_CANCEL,
  GST_SIP_METHOD_REGISTER,
  GST_SIP_METHOD_OPTIONS,
  GST_SIP_METHOD_INFO,
  GST_SIP_METHOD_PRACK,
  GST_SIP_METHOD_UPDATE,
  GST_SIP_METHOD_SUBSCRIBE,
  GST_SIP_METHOD_NOTIFY,
  GST_SIP_METHOD_REFER,
  GST_SIP_METHOD_MESSAGE,
  GST_SIP_METHOD_PUBLISH,
} GstSipMethod;

/**
 * GstSipTransportProtocol:
 * @GST_SIP_TRANSPORT_PROTOCOL_UDP: UDP (unreliable, datagram)
 * @GST_SIP_TRANSPORT_PROTOCOL_TCP: TCP (reliable, stream)
 * @GST_SIP_TRANSPORT_PROTOCOL_TLS: TLS over TCP (reliable, stream)
 * @GST_SIP_TRANSPORT_PROTOCOL_WS: WebSocket (RFC 7118)
 * @GST_SIP_TRANSPORT_PROTOCOL_WSS: secure WebSocket (RFC 7118)
 *
 * A SIP transport protocol, as named in the Via header and in the
 * `transport` URI parameter.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_TRANSPORT_PROTOCOL_UDP,
  GST_SIP_TRANSPORT_PROTOCOL_TCP,
  GST_SIP_TRANSPORT_PROTOCOL_TLS,
  GST_SIP_TRANSPORT_PROTOCOL_WS,
  GST_SIP_TRANSPORT_PROTOCOL_WSS,
} GstSipTransportProtocol;

/**
 * GstSipTransactionState:
 * @GST_SIP_TRANSACTION_STATE_CALLING: INVITE client: the request was sent,
 *   nothing was received yet
 * @GST_SIP_TRANSACTION_STATE_TRYING: non-INVITE: the request was sent (client)
 *   or received (server); no response yet
 * @GST_SIP_TRANSACTION_STATE_PROCEEDING: a provisional response was received
 *   (client) or sent (server)
 * @GST_SIP_TRANSACTION_STATE_COMPLETED: a final non-2xx response (INVITE) or
 *   any final response (non-INVITE) was received or sent; the transaction
 *   absorbs retransmissions
 * @GST_SIP_TRANSACTION_STATE_CONFIRMED: INVITE server: the ACK for a non-2xx
 *   final response arrived
 * @GST_SIP_TRANSACTION_STATE_ACCEPTED: INVITE: a 2xx response was sent or
 *   received (RFC 6026)
 * @GST_SIP_TRANSACTION_STATE_TERMINATED: the transaction is over
 *
 * The states of the four RFC 3261 section 17 transaction state machines.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_TRANSACTION_STATE_CALLING,
  GST_SIP_TRANSACTION_STATE_TRYING,
  GST_SIP_TRANSACTION_STATE_PROCEEDING,
  GST_SIP_TRANSACTION_STATE_COMPLETED,
  GST_SIP_TRANSACTION_STATE_CONFIRMED,
  GST_SIP_TRANSACTION_STATE_ACCEPTED,
  GST_SIP_TRANSACTION_STATE_TERMINATED,
} GstSipTransactionState;

/**
 * GstSipCallState:
 * @GST_SIP_CALL_STATE_IDLE: not dialed or offered yet
 * @GST_SIP_CALL_STATE_CALLING: INVITE sent, nothing received
 * @GST_SIP_CALL_STATE_PROCEEDING: outgoing: 100 Trying received; incoming:
 *   an INVITE arrived and waits for the application
 * @GST_SIP_CALL_STATE_EARLY: an early dialog with session progress (183,
 *   early media)
 * @GST_SIP_CALL_STATE_RINGING: the callee is alerting (180)
 * @GST_SIP_CALL_STATE_ANSWERING: incoming: 200 sent, waiting for the ACK
 * @GST_SIP_CALL_STATE_ESTABLISHED: the call is up
 * @GST_SIP_CALL_STATE_ENDING: BYE or CANCEL sent, waiting for the answer
 * @GST_SIP_CALL_STATE_ENDED: over; see #GstSipCall:status-code and
 *   #GstSipCall:reason
 *
 * The states of a #GstSipCall.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_CALL_STATE_IDLE,
  GST_SIP_CALL_STATE_CALLING,
  GST_SIP_CALL_STATE_PROCEEDING,
  GST_SIP_CALL_STATE_EARLY,
  GST_SIP_CALL_STATE_RINGING,
  GST_SIP_CALL_STATE_ANSWERING,
  GST_SIP_CALL_STATE_ESTABLISHED,
  GST_SIP_CALL_STATE_ENDING,
  GST_SIP_CALL_STATE_ENDED,
} GstSipCallState;

/**
 * GstSipCallDirection:
 * @GST_SIP_CALL_DIRECTION_OUTGOING: this endpoint sent the INVITE
 * @GST_SIP_CALL_DIRECTION_INCOMING: this endpoint received the INVITE
 *
 * Which side started a #GstSipCall.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_CALL_DIRECTION_OUTGOING,
  GST_SIP_CALL_DIRECTION_INCOMING,
} GstSipCallDirection;

/**
 * GstSipMediaDirection:
 * @GST_SIP_MEDIA_DIRECTION_SENDRECV: media flows both ways
 * @GST_SIP_MEDIA_DIRECTION_SENDONLY: this side sends only (the other side
 *   put the call on hold, seen from there)
 * @GST_SIP_MEDIA_DIRECTION_RECVONLY: this side receives only
 * @GST_SIP_MEDIA_DIRECTION_INACTIVE: no media either way
 *
 * The direction attribute of a media stream (RFC 3264 section 5.1), from
 * the point of view of the endpoint that writes it.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_MEDIA_DIRECTION_SENDRECV,
  GST_SIP_MEDIA_DIRECTION_SENDONLY,
  GST_SIP_MEDIA_DIRECTION_RECVONLY,
  GST_SIP_MEDIA_DIRECTION_INACTIVE,
} GstSipMediaDirection;

/**
 * GstSipAccountState:
 * @GST_SIP_ACCOUNT_STATE_UNREGISTERED: no binding at the registrar
 * @GST_SIP_ACCOUNT_STATE_REGISTERING: a REGISTER is under way
 * @GST_SIP_ACCOUNT_STATE_REGISTERED: the registrar holds our binding; it is
 *   refreshed before it expires
 * @GST_SIP_ACCOUNT_STATE_UNREGISTERING: a REGISTER with `Expires: 0` is
 *   under way
 * @GST_SIP_ACCOUNT_STATE_FAILED: the registration failed; see
 *   #GstSipAccount:status-code and #GstSipAccount:reason.  Timeouts and
 *   server errors are retried later while the account stays enabled.
 *
 * The registration state of a #GstSipAccount.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_ACCOUNT_STATE_UNREGISTERED,
  GST_SIP_ACCOUNT_STATE_REGISTERING,
  GST_SIP_ACCOUNT_STATE_REGISTERED,
  GST_SIP_ACCOUNT_STATE_UNREGISTERING,
  GST_SIP_ACCOUNT_STATE_FAILED,
} GstSipAccountState;

/**
 * GstSipDigestResult:
 * @GST_SIP_DIGEST_RESULT_OK: the credentials are valid
 * @GST_SIP_DIGEST_RESULT_MISSING: the request carries no credentials for
 *   this realm: challenge it
 * @GST_SIP_DIGEST_RESULT_STALE: the credentials were right but the nonce
 *   expired: challenge again with `stale=true`
 * @GST_SIP_DIGEST_RESULT_FAILED: wrong password, unknown user, a replayed
 *   nonce count or malformed credentials
 *
 * The verdict of gst_sip_digest_verifier_verify().
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_DIGEST_RESULT_OK,
  GST_SIP_DIGEST_RESULT_MISSING,
  GST_SIP_DIGEST_RESULT_STALE,
  GST_SIP_DIGEST_RESULT_FAILED,
} GstSipDigestResult;

/**
 * GstSipStatusCode:
 * @GST_SIP_STATUS_TRYING: 100 Trying
 * @GST_SIP_STATUS_RINGING: 180 Ringing
 * @GST_SIP_STATUS_CALL_IS_BEING_FORWARDED: 181 Call Is Being Forwarded
 * @GST_SIP_STATUS_QUEUED: 182 Queued
 * @GST_SIP_STATUS_SESSION_PROGRESS: 183 Session Progress
 * @GST_SIP_STATUS_EARLY_DIALOG_TERMINATED: 199 Early Dialog Terminated
 * @GST_SIP_STATUS_OK: 200 OK
 * @GST_SIP_STATUS_ACCEPTED: 202 Accepted
 * @GST_SIP_STATUS_NO_NOTIFICATION: 204 No Notification
 * @GST_SIP_STATUS_MULTIPLE_CHOICES: 300 Multiple Choices
 * @GST_SIP_STATUS_MOVED_PERMANENTLY: 301 Moved Permanently
 * @GST_SIP_STATUS_MOVED_TEMPORARILY: 302 Moved Temporarily
 * @GST_SIP_STATUS_USE_PROXY: 305 Use Proxy
 * @GST_SIP_STATUS_ALTERNATIVE_SERVICE: 380 Alternative Service
 * @GST_SIP_STATUS_BAD_REQUEST: 400 Bad Request
 * @GST_SIP_STATUS_UNAUTHORIZED: 401 Unauthorized
 * @GST_SIP_STATUS_PAYMENT_REQUIRED: 402 Payment Required
 * @GST_SIP_STATUS_FORBIDDEN: 403 Forbidden
 * @GST_SIP_STATUS_NOT_FOUND: 404 Not Found
 * @GST_SIP_STATUS_METHOD_NOT_ALLOWED: 405 Method Not Allowed
 * @GST_SIP_STATUS_NOT_ACCEPTABLE: 406 Not Acceptable
 * @GST_SIP_STATUS_PROXY_AUTHENTICATION_REQUIRED: 407 Proxy Authentication
 *   Required
 * @GST_SIP_STATUS_REQUEST_TIMEOUT: 408 Request Timeout
 * @GST_SIP_STATUS_GONE: 410 Gone
 * @GST_SIP_STATUS_CONDITIONAL_REQUEST_FAILED: 412 Conditional Request Failed
 * @GST_SIP_STATUS_REQUEST_ENTITY_TOO_LARGE: 413 Request Entity Too Large
 * @GST_SIP_STATUS_REQUEST_URI_TOO_LONG: 414 Request-URI Too Long
 * @GST_SIP_STATUS_UNSUPPORTED_MEDIA_TYPE: 415 Unsupported Media Type
 * @GST_SIP_STATUS_UNSUPPORTED_URI_SCHEME: 416 Unsupported URI Scheme
 * @GST_SIP_STATUS_UNKNOWN_RESOURCE_PRIORITY: 417 Unknown Resource-Priority
 * @GST_SIP_STATUS_BAD_EXTENSION: 420 Bad Extension
 * @GST_SIP_STATUS_EXTENSION_REQUIRED: 421 Extension Required
 * @GST_SIP_STATUS_SESSION_INTERVAL_TOO_SMALL: 422 Session Interval Too Small
 * @GST_SIP_STATUS_INTERVAL_TOO_BRIEF: 423 Interval Too Brief
 * @GST_SIP_STATUS_BAD_LOCATION_INFORMATION: 424 Bad Location Information
 * @GST_SIP_STATUS_USE_IDENTITY_HEADER: 428 Use Identity Header
 * @GST_SIP_STATUS_PROVIDE_REFERRER_IDENTITY: 429 Provide Referrer Identity
 * @GST_SIP_STATUS_FLOW_FAILED: 430 Flow Failed
 * @GST_SIP_STATUS_ANONYMITY_DISALLOWED: 433 Anonymity Disallowed
 * @GST_SIP_STATUS_BAD_IDENTITY_INFO: 436 Bad Identity-Info
 * @GST_SIP_STATUS_UNSUPPORTED_CERTIFICATE: 437 Unsupported Certificate
 * @GST_SIP_STATUS_INVALID_IDENTITY_HEADER: 438 Invalid Identity Header
 * @GST_SIP_STATUS_FIRST_HOP_LACKS_OUTBOUND_SUPPORT: 439 First Hop Lacks
 *   Outbound Support
 * @GST_SIP_STATUS_MAX_BREADTH_EXCEEDED: 440 Max-Breadth Exceeded
 * @GST_SIP_STATUS_BAD_INFO_PACKAGE: 469 Bad Info Package
 * @GST_SIP_STATUS_CONSENT_NEEDED: 470 Consent Needed
 * @GST_SIP_STATUS_TEMPORARILY_UNAVAILABLE: 480 Temporarily Unavailable
 * @GST_SIP_STATUS_CALL_TRANSACTION_DOES_NOT_EXIST: 481 Call/Transaction Does
 *   Not Exist
 * @GST_SIP_STATUS_LOOP_DETECTED: 482 Loop Detected
 * @GST_SIP_STATUS_TOO_MANY_HOPS: 483 Too Many Hops
 * @GST_SIP_STATUS_ADDRESS_INCOMPLETE: 484 Address Incomplete
 * @GST_SIP_STATUS_AMBIGUOUS: 485 Ambiguous
 * @GST_SIP_STATUS_BUSY_HERE: 486 Busy Here
 * @GST_SIP_STATUS_REQUEST_TERMINATED: 487 Request Terminated
 * @GST_SIP_STATUS_NOT_ACCEPTABLE_HERE: 488 Not Acceptable Here
 * @GST_SIP_STATUS_BAD_EVENT: 489 Bad Event
 * @GST_SIP_STATUS_REQUEST_PENDING: 491 Request Pending
 * @GST_SIP_STATUS_UNDECIPHERABLE: 493 Undecipherable
 * @GST_SIP_STATUS_SECURITY_AGREEMENT_REQUIRED: 494 Security Agreement
 *   Required
 * @GST_SIP_STATUS_SERVER_INTERNAL_ERROR: 500 Server Internal Error
 * @GST_SIP_STATUS_NOT_IMPLEMENTED: 501 Not Implemented
 * @GST_SIP_STATUS_BAD_GATEWAY: 502 Bad Gateway
 * @GST_SIP_STATUS_SERVICE_UNAVAILABLE: 503 Service Unavailable
 * @GST_SIP_STATUS_SERVER_TIMEOUT: 504 Server Time-out
 * @GST_SIP_STATUS_VERSION_NOT_SUPPORTED: 505 Version Not Supported
 * @GST_SIP_STATUS_MESSAGE_TOO_LARGE: 513 Message Too Large
 * @GST_SIP_STATUS_PRECONDITION_FAILURE: 580 Precondition Failure
 * @GST_SIP_STATUS_BUSY_EVERYWHERE: 600 Busy Everywhere
 * @GST_SIP_STATUS_DECLINE: 603 Decline
 * @GST_SIP_STATUS_DOES_NOT_EXIST_ANYWHERE: 604 Does Not Exist Anywhere
 * @GST_SIP_STATUS_NOT_ACCEPTABLE_ANYWHERE: 606 Not Acceptable
 * @GST_SIP_STATUS_UNWANTED: 607 Unwanted
 * @GST_SIP_STATUS_REJECTED: 608 Rejected
 *
 * SIP response status codes (RFC 3261 section 21 and the IANA registry).
 * Any code from 100 to 699 is valid on the wire; these are the ones with a
 * registered reason phrase, see gst_sip_status_get_phrase().
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_STATUS_TRYING = 100,
  GST_SIP_STATUS_RINGING = 180,
  GST_SIP_STATUS_CALL_IS_BEING_FORWARDED = 181,
  GST_SIP_STATUS_QUEUED = 182,
  GST_SIP_STATUS_SESSION_PROGRESS = 183,
  GST_SIP_STATUS_EARLY_DIALOG_TERMINATED = 199,
  GST_SIP_STATUS_OK = 200,
  GST_SIP_STATUS_ACCEPTED = 202,
  GST_SIP_STATUS_NO_NOTIFICATION = 204,
  GST_SIP_STATUS_MULTIPLE_CHOICES = 300,
  GST_SIP_STATUS_MOVED_PERMANENTLY = 301,
  GST_SIP_STATUS_MOVED_TEMPORARILY = 302,
  GST_SIP_STATUS_USE_PROXY = 305,
  GST_SIP_STATUS_ALTERNATIVE_SERVICE = 380,
  GST_SIP_STATUS_BAD_REQUEST = 400,
  GST_SIP_STATUS_UNAUTHORIZED = 401,
  GST_SIP_STATUS_PAYMENT_REQUIRED = 402,
  GST_SIP_STATUS_FORBIDDEN = 403,
  GST_SIP_STATUS_NOT_FOUND = 404,
  GST_SIP_STATUS_METHOD_NOT_ALLOWED = 405,
  GST_SIP_STATUS_NOT_ACCEPTABLE = 406,
  GST_SIP_STATUS_PROXY_AUTHENTICATION_REQUIRED = 407,
  GST_SIP_STATUS_REQUEST_TIMEOUT = 408,
  GST_SIP_STATUS_GONE = 410,
  GST_SIP_STATUS_CONDITIONAL_REQUEST_FAILED = 412,
  GST_SIP_STATUS_REQUEST_ENTITY_TOO_LARGE = 413,
  GST_SIP_STATUS_REQUEST_URI_TOO_LONG = 414,
  GST_SIP_STATUS_UNSUPPORTED_MEDIA_TYPE = 415,
  GST_SIP_STATUS_UNSUPPORTED_URI_SCHEME = 416,
  GST_SIP_STATUS_UNKNOWN_RESOURCE_PRIORITY = 417,
  GST_SIP_STATUS_BAD_EXTENSION = 420,
  GST_SIP_STATUS_EXTENSION_REQUIRED = 421,
  GST_SIP_STATUS_SESSION_INTERVAL_TOO_SMALL = 422,
  GST_SIP_STATUS_INTERVAL_TOO_BRIEF = 423,
  GST_SIP_STATUS_BAD_LOCATION_INFORMATION = 424,
  GST_SIP_STATUS_USE_IDENTITY_HEADER = 428,
  GST_SIP_STATUS_PROVIDE_REFERRER_IDENTITY = 429,
  GST_SIP_STATUS_FLOW_FAILED = 430,
  GST_SIP_STATUS_ANONYMITY_DISALLOWED = 433,
  GST_SIP_STATUS_BAD_IDENTITY_INFO = 436,
  GST_SIP_STATUS_UNSUPPORTED_CERTIFICATE = 437,
  GST_SIP_STATUS_INVALID_IDENTITY_HEADER = 438,
  GST_SIP_STATUS_FIRST_HOP_LACKS_OUTBOUND_SUPPORT = 439,
  GST_SIP_STATUS_MAX_BREADTH_EXCEEDED = 440,
  GST_SIP_STATUS_BAD_INFO_PACKAGE = 469,
  GST_SIP_STATUS_CONSENT_NEEDED = 470,
  GST_SIP_STATUS_TEMPORARILY_UNAVAILABLE = 480,
  GST_SIP_STATUS_CALL_TRANSACTION_DOES_NOT_EXIST = 481,
  GST_SIP_STATUS_LOOP_DETECTED = 482,
  GST_SIP_STATUS_TOO_MANY_HOPS = 483,
  GST_SIP_STATUS_ADDRESS_INCOMPLETE = 484,
  GST_SIP_STATUS_AMBIGUOUS = 485,
  GST_SIP_STATUS_BUSY_HERE = 486,
  GST_SIP_STATUS_REQUEST_TERMINATED = 487,
  GST_SIP_STATUS_NOT_ACCEPTABLE_HERE = 488,
  GST_SIP_STATUS_BAD_EVENT = 489,
  GST_SIP_STATUS_REQUEST_PENDING = 491,
  GST_SIP_STATUS_UNDECIPHERABLE = 493,
  GST_SIP_STATUS_SECURITY_AGREEMENT_REQUIRED = 494,
  GST_SIP_STATUS_SERVER_INTERNAL_ERROR = 500,
  GST_SIP_STATUS_NOT_IMPLEMENTED = 501,
  GST_SIP_STATUS_BAD_GATEWAY = 502,
  GST_SIP_STATUS_SERVICE_UNAVAILABLE = 503,
  GST_SIP_STATUS_SERVER_TIMEOUT = 504,
  GST_SIP_STATUS_VERSION_NOT_SUPPORTED = 505,
  GST_SIP_STATUS_MESSAGE_TOO_LARGE = 513,
  GST_SIP_STATUS_PRECONDITION_FAILURE = 580,
  GST_SIP_STATUS_BUSY_EVERYWHERE = 600,
  GST_SIP_STATUS_DECLINE = 603,
  GST_SIP_STATUS_DOES_NOT_EXIST_ANYWHERE = 604,
  GST_SIP_STATUS_NOT_ACCEPTABLE_ANYWHERE = 606,
  GST_SIP_STATUS_UNWANTED = 607,
  GST_SIP_STATUS_REJECTED = 608,
} GstSipStatusCode;

/**
 * GST_SIP_STATUS_IS_PROVISIONAL:
 * @code: a status code
 *
 * Whether @code is a provisional (1xx) response code.
 *
 * Since: 0.1
 */
#define GST_SIP_STATUS_IS_PROVISIONAL(code) ((code) >= 100 && (code) < 200)
/**
 * GST_SIP_STATUS_IS_SUCCESS:
 * @code: a status code
 *
 * Whether @code is a success (2xx) response code.
 *
 * Since: 0.1
 */
#define GST_SIP_STATUS_IS_SUCCESS(code) ((code) >= 200 && (code) < 300)
/**
 * GST_SIP_STATUS_IS_FINAL:
 * @code: a status code
 *
 * Whether @code is a final (2xx to 6xx) response code.
 *
 * Since: 0.1
 */
#define GST_SIP_STATUS_IS_FINAL(code) ((code) >= 200 && (code) < 700)

/**
 * GstSipSrtpMode:
 * @GST_SIP_SRTP_MODE_DISABLED: plain RTP only: offers are `RTP/AVP` without
 *   `a=crypto`, offered `RTP/SAVP` m-lines are rejected and `a=crypto` on
 *   `RTP/AVP` is ignored
 * @GST_SIP_SRTP_MODE_OPTIONAL: SRTP when the peer takes it: offers are
 *   `RTP/AVP` with `a=crypto` lines (best-effort SDES); an answer without
 *   `a=crypto` gives plain RTP
 * @GST_SIP_SRTP_MODE_MANDATORY: SRTP only: offers are `RTP/SAVP` with
 *   `a=crypto`; offered m-lines without a usable `a=crypto` are rejected
 *   (a 488 when none is left) and answers without one are refused
 *
 * Whether streams are protected with SRTP, keyed with SDP security
 * descriptions (RFC 4568).
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_SRTP_MODE_DISABLED,
  GST_SIP_SRTP_MODE_OPTIONAL,
  GST_SIP_SRTP_MODE_MANDATORY,
} GstSipSrtpMode;

/**
 * GstSipSrtpSuite:
 * @GST_SIP_SRTP_SUITE_NONE: no SRTP: plain RTP
 * @GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80: AES-128 counter mode,
 *   80-bit HMAC-SHA1 tag (RFC 4568)
 * @GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32: AES-128 counter mode,
 *   32-bit HMAC-SHA1 tag on RTP, 80-bit on RTCP (RFC 4568)
 * @GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80: AES-256 counter mode,
 *   80-bit tag (RFC 6188)
 * @GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32: AES-256 counter mode,
 *   32-bit tag on RTP, 80-bit on RTCP (RFC 6188)
 * @GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM: AES-128 GCM (RFC 7714)
 * @GST_SIP_SRTP_SUITE_AEAD_AES_256_GCM: AES-256 GCM (RFC 7714)
 *
 * The SRTP crypto suites of `a=crypto` lines.
 *
 * Since: 0.1
 */
typedef enum
{
  GST_SIP_SRTP_SUITE_NONE,
  GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80,
  GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32,
  GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80,
  GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32,
  GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM,
  GST_SIP_SRTP_SUITE_AEAD_AES_256_GCM,
} GstSipSrtpSuite;

GST_SIP_API
const gchar *gst_sip_status_get_phrase (guint code);

GST_SIP_API
const gchar *gst_sip_method_to_string (GstSipMethod method);

GST_SIP_API
GstSipMethod gst_sip_method_from_string (const gchar *name);

GST_SIP_API
const gchar *gst_sip_transport_protocol_to_string (
    GstSipTransportProtocol protocol);

GST_SIP_API
gboolean gst_sip_transport_protocol_from_string (
    const gchar *name, GstSipTransportProtocol *protocol);

GST_SIP_API
gboolean gst_sip_transport_protocol_is_reliable (
    GstSipTransportProtocol protocol);

G_END_DECLS

#endif /* __GST_SIP_ENUMS_H__ */
