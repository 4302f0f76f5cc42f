package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// APIError is an error response whose code the operation does not model: it keeps the
// code, the message and the HTTP status that came back.
type APIError struct {
	Code       string
	Message    string
	StatusCode int
	Fault      smithy.ErrorFault
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

// ErrorCode returns the code the service sent ("" when it sent none).
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns the message the service sent.
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault is the server's fault for a 5xx status, the client's otherwise.
func (e *APIError) ErrorFault() smithy.ErrorFault { return e.Fault }

// HTTPStatusCode returns the status that came back.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// ErrorInfo is what a JSON error response says about itself.
type ErrorInfo struct {
	Code    string
	Message string
}

// ReadErrorInfo finds the error code (the query code of the X-Amzn-Query-Error header
// that awsQueryCompatible services send, else the X-Amzn-ErrorType header, else
// "__type" or "code" in the body, namespace prefix and ':' suffix stripped) and the message
// ("message", "Message" or "errorMessage" in the body). A body that is not JSON (a
// proxy's HTML page) yields what the header says.
func ReadErrorInfo(header http.Header, body []byte) ErrorInfo {
	var info ErrorInfo
	var bodyCode string
	d := jsonwire.NewDecoder(body)
	if len(body) > 0 && (body[0] == '{' || body[0] == ' ' || body[0] == '\n' || body[0] == '\t' || body[0] == '\r') {
		for d.ObjectNext() {
			switch k := string(d.Key()); {
			case k == "__type", k == "code" && bodyCode == "":
				bodyCode = readStringOrSkip(d)
			case k == "message", k == "Message", k == "errorMessage":
				info.Message = readStringOrSkip(d)
			default:
				d.Skip()
			}
		}
	}
	switch qe := header.Get("X-Amzn-Query-Error"); {
	case qe != "":
		// A json service compatible with its query past (awsQueryCompatible) gives
		// the query protocol's code: "AWS.SimpleQueueService.NonExistentQueue;Sender".
		code, _, _ := strings.Cut(qe, ";")
		info.Code = strings.TrimSpace(code)
	case header.Get("X-Amzn-Errortype") != "":
		info.Code = trimCode(header.Get("X-Amzn-Errortype"))
	default:
		info.Code = trimCode(bodyCode)
	}
	return info
}

// ReadXMLErrorInfo reads the code and message of an awsQuery error response
// (<ErrorResponse><Error><Code>...). A body that is not XML yields nothing, and the
// error keeps its status.
func ReadXMLErrorInfo(_ http.Header, body []byte) ErrorInfo {
	code, message := xmlwire.ErrorInfo(body)
	return ErrorInfo{Code: code, Message: message}
}

func readStringOrSkip(d *jsonwire.Decoder) string {
	if d.IsNull() {
		return ""
	}
	return d.String()
}

// responseError turns an error response into the modeled error, or an *APIError.
func responseError(cfg *Config, resp *http.Response, body []byte, decode ErrorDecoder) error {
	read := cfg.ReadError
	if read == nil {
		read = ReadErrorInfo
	}
	info := read(resp.Header, body)
	if info.Code != "" && decode != nil {
		if err := decode(info.Code, resp, body); err != nil {
			return err
		}
	}
	fault := smithy.FaultClient
	if resp.StatusCode >= 500 {
		fault = smithy.FaultServer
	}
	if info.Message == "" && len(body) > 0 && !looksJSON(body) {
		info.Message = summarize(body)
	}
	return &APIError{Code: info.Code, Message: info.Message, StatusCode: resp.StatusCode, Fault: fault}
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
	code := api.ErrorCode()
	switch {
	case throttlingCodes[code], transientCodes[code]:
		return true
	case api.HTTPStatusCode() == 429, api.HTTPStatusCode() >= 500:
		return true
	case api.ErrorFault() == smithy.FaultServer:
		return true
	}
	return false
}
