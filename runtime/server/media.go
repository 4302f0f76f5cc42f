package server

import (
	"mime"
	"net/http"
	"strings"
)

// Content types.
//
// A request whose body the protocol decodes (a JSON document) must say so in its
// Content-Type: another media type is answered 415 UnsupportedMediaTypeException
// before the body is read as JSON, as Smithy's malformed-request tests say
// (RestJsonWithBodyExpectsApplicationJsonContentType). Parameters ("; charset=utf-8")
// are ignored. A request without a Content-Type is read as the protocol's (an empty
// body needs none, and hand-written clients often send none), and a request to an
// operation whose input has no body is not checked at all.

// UnsupportedMediaTypeError is a request body of a media type the operation does not
// read. The router answers it 415 UnsupportedMediaTypeException.
type UnsupportedMediaTypeError struct {
	Got, Want string
}

func (e *UnsupportedMediaTypeError) Error() string {
	return "unsupported Content-Type " + e.Got + "; expected " + e.Want
}

// UnsupportedMediaTypeCode is the error code of a 415 answer.
const UnsupportedMediaTypeCode = "UnsupportedMediaTypeException"

// checkMediaType checks the Content-Type of a request whose body is about to be
// decoded as the router's JSON (want: application/json, application/x-amz-json-1.1).
func (c *Call) checkMediaType() error {
	if len(c.body) == 0 || c.r == nil {
		return nil
	}
	want := c.jsonType()
	got := c.r.Header.Get("Content-Type")
	if got == "" || mediaTypeIs(got, want) {
		return nil
	}
	return &UnsupportedMediaTypeError{Got: got, Want: want}
}

// mediaTypeIs reports whether the Content-Type header value ct names media type want
// (ignoring case and parameters).
func mediaTypeIs(ct, want string) bool {
	if strings.EqualFold(ct, want) { // the common case, without parsing
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && strings.EqualFold(mt, want)
}

func writeUnsupportedMediaType(c *Call, err *UnsupportedMediaTypeError) {
	c.writeError(http.StatusUnsupportedMediaType, UnsupportedMediaTypeCode, err.Error())
}
