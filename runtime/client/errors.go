package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/svcgen/svcgen/runtime/cborwire"
	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// APIError is an error response whose code the operation does not model: it keeps the
// code, the message, the HTTP status and the request ID that came back.
type APIError struct {
	// Code is the code the service sent; for a response without one (a HEAD request's
	// has no body), the status text without spaces, as aws-sdk-go-v2 names it:
	// "NotFound", "Forbidden", "BadRequest".
	Code       string
	Message    string
	StatusCode int
	Fault      smithy.ErrorFault
	// RequestID is the request ID the service gave the request ("" when none came).
	RequestID string
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	if e.Code == "" {
		return fmt.Sprintf("HTTP %d: %s", e.StatusCode, msg)
	}
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.StatusCode, msg)
}

// ErrorCode returns the code the service sent, or the one named for the status.
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns the message the service sent.
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault is the fault the service named (awsQuery's Sender or Receiver), else the
// server's for a 5xx status and the client's otherwise.
func (e *APIError) ErrorFault() smithy.ErrorFault { return e.Fault }

// HTTPStatusCode returns the status that came back.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// ResponseError is what a call that got an error response returns, inside the
// *smithy.OperationError: the HTTP status and request ID that came back, wrapping the
// modeled error (*types.X) or an *APIError, as aws-sdk-go-v2 does:
//
//	OperationError -> ResponseError{StatusCode, RequestID, HostID} -> *types.X or *APIError
//
// errors.As finds the wrapped error through it, and also aws-sdk-go-v2's
// *awshttp.ResponseError and smithy-go's *smithyhttp.ResponseError, which it embeds.
// Its HTTPStatusCode is the status on the wire, where a modeled error's own
// HTTPStatusCode is the one the model gives it: errors.As(err, &v) with
// v an interface{ HTTPStatusCode() int } finds the ResponseError first.
type ResponseError struct {
	*awshttp.ResponseError
	// HostID is S3's extended request ID (the x-amz-id-2 header, or HostId in the
	// body); "" for other services.
	HostID string
}

// ServiceHostID returns S3's extended request ID, as aws-sdk-go-v2's S3 errors do.
func (e *ResponseError) ServiceHostID() string { return e.HostID }

func (e *ResponseError) Error() string {
	if e.HostID == "" {
		return e.ResponseError.Error()
	}
	return fmt.Sprintf("https response error StatusCode: %d, RequestID: %s, HostID: %s, %v",
		e.Response.StatusCode, e.RequestID, e.HostID, e.Err)
}

// As lets errors.As find the errors ResponseError embeds.
func (e *ResponseError) As(target any) bool { return errors.As(e.ResponseError, target) }

// ErrorInfo is what an error response says about itself.
type ErrorInfo struct {
	// Code is the error's code: what ErrorCode returns.
	Code string
	// Name is the modeled error the response names, when it is not Code: the shape
	// name (__type) of an awsQueryCompatible service's error, whose Code is the query
	// code of its X-Amzn-Query-Error header.
	Name    string
	Message string
	// Fault is the fault the response names (X-Amzn-Query-Error's ";Sender" or
	// ";Receiver", awsQuery's <Type>), smithy.FaultUnknown when it names none.
	Fault smithy.ErrorFault
	// RequestID and HostID are the request ID and S3's host ID the body gives;
	// the runtime reads the headers (x-amzn-RequestId, x-amz-request-id, x-amz-id-2)
	// itself.
	RequestID string
	HostID    string
}

// ReadErrorInfo finds the error code (the query code of the X-Amzn-Query-Error header
// that awsQueryCompatible services send, else the X-Amzn-ErrorType header, else
// "__type" or "code" in the body, namespace prefix and ':' suffix stripped) and the message
// ("message" or "errorMessage" in the body, in any case). With X-Amzn-Query-Error, Name
// is the error's shape name (X-Amzn-ErrorType, else __type), which names the modeled
// error. A body that is not JSON (a proxy's HTML page) yields what the headers say.
func ReadErrorInfo(header http.Header, body []byte) ErrorInfo {
	var bodyCode, message string
	d := jsonwire.NewDecoder(body)
	if len(body) > 0 && (body[0] == '{' || body[0] == ' ' || body[0] == '\n' || body[0] == '\t' || body[0] == '\r') {
		for d.ObjectNext() {
			switch k := string(d.Key()); {
			case k == "__type", k == "code" && bodyCode == "":
				bodyCode = readStringOrSkip(d)
			case message == "" && (strings.EqualFold(k, "message") || strings.EqualFold(k, "errorMessage")):
				message = readStringOrSkip(d)
			default:
				d.Skip()
			}
		}
	}
	return errorInfo(header, bodyCode, message)
}

// ReadCBORErrorInfo is ReadErrorInfo for Smithy RPC v2 CBOR: the code is "__type" in
// the body's CBOR map (namespace stripped), or the query code of X-Amzn-Query-Error,
// and the message is "message" (in any case) or "errorMessage". A body that is not
// CBOR yields what the headers say.
func ReadCBORErrorInfo(header http.Header, body []byte) ErrorInfo {
	var bodyCode, message string
	d := cborwire.NewDecoder(body)
	for d.ObjectNext() {
		switch k := string(d.Key()); {
		case k == "__type":
			bodyCode = cborStringOrSkip(d)
		case message == "" && (strings.EqualFold(k, "message") || strings.EqualFold(k, "errorMessage")):
			message = cborStringOrSkip(d)
		default:
			d.Skip()
		}
	}
	return errorInfo(header, bodyCode, message)
}

func cborStringOrSkip(d *cborwire.Decoder) string {
	s := d.String()
	if d.Err() != nil {
		return ""
	}
	return s
}

// errorInfo is what an error response says, from the code and message its body gives
// and its headers (see ReadErrorInfo).
func errorInfo(header http.Header, bodyCode, message string) ErrorInfo {
	info := ErrorInfo{Message: message}
	name := trimCode(bodyCode)
	if h := header.Get("X-Amzn-Errortype"); h != "" {
		name = trimCode(h)
	}
	info.Code = name
	if qe := header.Get("X-Amzn-Query-Error"); qe != "" {
		// A json service compatible with its query past (awsQueryCompatible) gives
		// the query protocol's code: "AWS.SimpleQueueService.NonExistentQueue;Sender".
		code, fault, _ := strings.Cut(qe, ";")
		if code = strings.TrimSpace(code); code != "" {
			info.Code = code
			if name != code {
				info.Name = name
			}
		}
		info.Fault = queryFault(fault)
	}
	return info
}

// queryFault is the fault an awsQuery error's Type names.
func queryFault(t string) smithy.ErrorFault {
	switch strings.TrimSpace(t) {
	case "Sender":
		return smithy.FaultClient
	case "Receiver":
		return smithy.FaultServer
	}
	return smithy.FaultUnknown
}

// ReadXMLErrorInfo reads the code, message, fault and request ID of an XML error
// response (<ErrorResponse><Error><Code>..., ec2's <Response><Errors>..., S3's
// <Error>). A body that is not XML yields nothing, and the error keeps its status.
func ReadXMLErrorInfo(_ http.Header, body []byte) ErrorInfo {
	f := xmlwire.ReadErrorFields(body)
	return ErrorInfo{Code: f.Code, Message: f.Message, Fault: queryFault(f.Type), RequestID: f.RequestID, HostID: f.HostID}
}

// ErrorCodeOverride returns, for a generated error decoder of an awsQueryCompatible
// service, the query code the response's X-Amzn-Query-Error header gives when it is
// not the modeled code, else nil: the typed error's ErrorCodeOverride.
func ErrorCodeOverride(resp *http.Response, modeled string) *string {
	code, _, _ := strings.Cut(resp.Header.Get("X-Amzn-Query-Error"), ";")
	if code = strings.TrimSpace(code); code == "" || code == modeled {
		return nil
	}
	return &code
}

func readStringOrSkip(d *jsonwire.Decoder) string {
	if d.IsNull() {
		return ""
	}
	return d.String()
}

// responseError turns an error response into the modeled error, or an *APIError,
// wrapped in a *ResponseError with the status and the request ID.
func responseError(cfg *Config, op *Operation, resp *http.Response, body []byte, decode ErrorDecoder) error {
	var info ErrorInfo
	if cfg.ReadError != nil {
		info = cfg.ReadError(resp.Header, body)
	}
	if info.Code == "" && info.Name == "" {
		// No code (a HEAD request's error has no body): the operation's modeled
		// error for the status, else a code named for the status.
		if c := op.StatusErrors[resp.StatusCode]; c != "" {
			info.Code = c
		} else {
			info.Code = strings.ReplaceAll(http.StatusText(resp.StatusCode), " ", "")
		}
	}
	var err error
	if decode != nil {
		if info.Name != "" {
			err = decode(info.Name, resp, body)
		}
		if err == nil && info.Code != "" {
			err = decode(info.Code, resp, body)
		}
	}
	if info.RequestID == "" {
		if info.RequestID = resp.Header.Get("X-Amzn-Requestid"); info.RequestID == "" {
			info.RequestID = resp.Header.Get("X-Amz-Request-Id")
		}
	}
	if h := resp.Header.Get("X-Amz-Id-2"); h != "" {
		info.HostID = h
	}
	if err == nil {
		fault := info.Fault
		if fault == smithy.FaultUnknown {
			fault = smithy.FaultClient
			if resp.StatusCode >= 500 {
				fault = smithy.FaultServer
			}
		}
		if info.Message == "" && len(body) > 0 && !looksJSON(body) && resp.Header.Get("Content-Type") != "application/cbor" {
			info.Message = summarize(body)
		}
		err = &APIError{Code: info.Code, Message: info.Message, StatusCode: resp.StatusCode, Fault: fault, RequestID: info.RequestID}
	}
	return &ResponseError{
		ResponseError: &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: resp}, Err: err},
			RequestID:     info.RequestID,
		},
		HostID: info.HostID,
	}
}

func looksJSON(b []byte) bool {
	s := strings.TrimSpace(string(b[:min(len(b), 16)]))
	return strings.HasPrefix(s, "{")
}

// summarize keeps the start of a non-JSON body (an HTML error page) for the message.
func summarize(b []byte) string {
	s := strings.Join(strings.Fields(string(b[:min(len(b), 512)])), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// throttlingCodes are the error codes AWS services use for throttling.
var throttlingCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
	"RequestThrottledException": true, "TooManyRequestsException": true,
	"ProvisionedThroughputExceededException": true, "TransactionInProgressException": true,
	"RequestLimitExceeded": true, "BandwidthLimitExceeded": true, "LimitExceededException": true,
	"RequestThrottled": true, "SlowDown": true, "PriorRequestNotComplete": true,
	"EC2ThrottledException": true,
}

// transientCodes are error codes worth retrying that are not throttling.
var transientCodes = map[string]bool{
	"RequestTimeout": true, "RequestTimeoutException": true, "InternalError": true,
}

// Retryable reports whether an error response is worth another attempt: an error the
// model marks retryable (it has a RetryableError method, as aws-sdk-go-v2's retryers
// expect), throttling (429 or a throttling code), a server fault, or a 5xx status.
func Retryable(err error) bool {
	var api interface {
		ErrorCode() string
		ErrorFault() smithy.ErrorFault
		HTTPStatusCode() int
	}
	var modeled interface{ RetryableError() bool }
	if errors.As(err, &modeled) {
		return modeled.RetryableError()
	}
	if !errors.As(err, &api) {
		return false
	}
	status := api.HTTPStatusCode()
	var wire interface{ HTTPStatusCode() int } // a ResponseError's: the status that came back
	if errors.As(err, &wire) {
		status = wire.HTTPStatusCode()
	}
	code := api.ErrorCode()
	switch {
	case throttlingCodes[code], transientCodes[code]:
		return true
	case status == 429, status >= 500:
		return true
	case api.ErrorFault() == smithy.FaultServer:
		return true
	}
	return false
}
