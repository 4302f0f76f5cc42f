package server

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/querywire"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// XMLErrors is the form of the XML error responses of a protocol that answers in XML;
// a router answers with JSON errors unless SetXMLErrors says otherwise.
type XMLErrors int

const (
	// JSONErrors: {"__type", "message"} (rest-json, awsJson). The default.
	JSONErrors XMLErrors = iota
	// QueryErrors: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>
	// (awsQuery and rest-xml).
	QueryErrors
	// EC2Errors: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/>.
	EC2Errors
	// S3Errors: <Error><Code/><Message/><RequestId/><HostId/></Error> (S3's rest-xml,
	// unwrapped).
	S3Errors
)

// actionPattern is the ServeMux pattern of an awsQuery service: every operation is a
// POST (or GET) to "/", told apart by its Action parameter.
const actionPattern = "/{$}"

// SetXMLErrors sets the form of the router's error responses.
func (rt *Router) SetXMLErrors(style XMLErrors) { rt.xmlErrors = style }

// HandleAction routes the requests to "/" whose form (a POST's body, or a GET's query
// string) has Action=action to an operation: the awsQuery and ec2 protocols. The
// decoded form is the call's Form.
func (rt *Router) HandleAction(action, operation string, serve func(*Call) error) {
	if rt.actions == nil {
		rt.actions = map[string]*route{}
		rt.mux.HandleFunc(actionPattern, func(w http.ResponseWriter, r *http.Request) { rt.dispatch(w, r, actionPattern) })
	}
	rt.actions[action] = &route{operation: operation, serve: serve}
}

// requestError is an error of the request the router answers with its status and code.
type requestError struct {
	status        int
	code, message string
}

func (e *requestError) Error() string { return e.message }

// serveAction parses the form of an awsQuery request and serves the operation its
// Action names.
func (rt *Router) serveAction(c *Call) error {
	var raw string
	switch c.r.Method {
	case http.MethodPost:
		raw = string(c.body)
	case http.MethodGet:
		raw = c.r.URL.RawQuery
	default:
		return &requestError{http.StatusMethodNotAllowed, "MethodNotAllowedException", "method " + c.r.Method + " is not allowed: send a POST"}
	}
	form, err := querywire.ParseForm(raw)
	if err != nil {
		return Malformed(err)
	}
	action := form.Get("Action")
	rte := rt.actions[action]
	if rte == nil {
		return &requestError{http.StatusBadRequest, "InvalidAction", "no operation is named by Action " + strconv.Quote(action)}
	}
	c.operation, c.form = rte.operation, form
	return rte.serve(c)
}

// Form is the decoded form of an awsQuery or ec2 request.
func (c *Call) Form() *querywire.Decoder { return c.form }

// XML returns the writer of the response's XML body.
func (c *Call) XML() *xmlwire.Writer { return &c.xml }

// RequestID is the ID of the request: made once per call, it is the one the XML
// responses carry.
func (c *Call) RequestID() string {
	if c.requestID == "" {
		var b [16]byte
		rand.Read(b[:])
		c.requestID = hex.EncodeToString(b[:])
	}
	return c.requestID
}

// setS3RequestID gives an S3 response its request id in S3's headers,
// x-amz-request-id and x-amz-id-2 (the id its errors carry as RequestId and HostId).
func (c *Call) setS3RequestID(h http.Header) {
	if c.xmlErrors == S3Errors {
		h.Set("X-Amz-Request-Id", c.RequestID())
		h.Set("X-Amz-Id-2", c.RequestID())
	}
}

// WriteResponseMetadata writes the request ID into an awsQuery response (inside its
// <OpResponse>): <ResponseMetadata><RequestId>, or ec2's <requestId>.
func (c *Call) WriteResponseMetadata() {
	if c.xmlErrors == EC2Errors {
		c.xml.Element("requestId", c.RequestID())
		return
	}
	c.xml.Start("ResponseMetadata")
	c.xml.Element("RequestId", c.RequestID())
	c.xml.End("ResponseMetadata")
}

// StartXMLError starts the response of a modeled error of an XML protocol: its status,
// and the error element up to its code; the generated encoder writes the error's
// members, then calls EndXMLError.
func (c *Call) StartXMLError(status int, code string, fault smithy.ErrorFault) {
	c.status = status
	c.xml.Reset()
	c.startXMLError(code, fault)
}

func (c *Call) startXMLError(code string, fault smithy.ErrorFault) {
	w := &c.xml
	switch c.xmlErrors {
	case S3Errors:
		w.Start("Error")
		w.Element("Code", code)
		return
	case EC2Errors:
		w.Start("Response")
		w.Start("Errors")
		w.Start("Error")
		w.Element("Code", code)
		return
	}
	w.Start("ErrorResponse")
	w.Start("Error")
	side := "Sender"
	if fault == smithy.FaultServer {
		side = "Receiver"
	}
	w.Element("Type", side)
	w.Element("Code", code)
}

// EndXMLError ends what StartXMLError started, with the request ID.
func (c *Call) EndXMLError() {
	w := &c.xml
	switch c.xmlErrors {
	case S3Errors:
		w.Element("RequestId", c.RequestID())
		w.Element("HostId", c.RequestID())
		w.End("Error")
		return
	case EC2Errors:
		w.End("Error")
		w.End("Errors")
		w.Element("RequestID", c.RequestID())
		w.End("Response")
		return
	}
	w.End("Error")
	w.Element("RequestId", c.RequestID())
	w.End("ErrorResponse")
}

// SetS3Addressing makes the router address buckets as S3 does. A virtual-hosted
// request is served as the path-style one it stands for: a request to
// bucket.s3.<region>.amazonaws.com/key (or bucket.s3-<...>, or bucket.localhost) is
// routed as /bucket/key. The bucket is the part of the host before its last label
// that is "s3" or starts with "s3-" (or before "localhost", last); a host without one
// (an IP address, localhost alone, a custom endpoint) is path style. And "/bucket/" is
// the bucket, as "/bucket" is (S3 has no empty key): clients send either.
func (rt *Router) SetS3Addressing(on bool) { rt.s3Addressing = on }

// BucketFromHost is the bucket a virtual-hosted S3 request names in its host (with or
// without a port), or "" for a path-style one; see SetS3Addressing.
func BucketFromHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "" || net.ParseIP(strings.Trim(host, "[]")) != nil {
		return ""
	}
	labels := strings.Split(host, ".")
	for i := len(labels) - 1; i > 0; i-- {
		l := strings.ToLower(labels[i])
		if l == "s3" || strings.HasPrefix(l, "s3-") || l == "localhost" && i == len(labels)-1 {
			return strings.Join(labels[:i], ".")
		}
	}
	return ""
}

// s3Path returns r routed as S3 addresses it (see SetS3Addressing): a shallow copy
// whose path starts with the bucket of a virtual-hosted request, and "/bucket" for
// "/bucket/".
func s3Path(r *http.Request) *http.Request {
	path, raw := r.URL.Path, r.URL.RawPath
	if bucket := BucketFromHost(r.Host); bucket != "" {
		if path == "/" {
			path, raw = "", "" // the bucket itself: "/bucket", not "/bucket/" (an empty key)
		}
		if raw != "" {
			raw = "/" + url.PathEscape(bucket) + raw
		}
		path = "/" + bucket + path
	}
	if len(path) > 2 && path[len(path)-1] == '/' && strings.IndexByte(path[1:len(path)-1], '/') < 0 {
		path = path[:len(path)-1]
		if raw != "" {
			raw = raw[:len(raw)-1]
		}
	}
	if path == r.URL.Path && raw == r.URL.RawPath {
		return r
	}
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.Path, u.RawPath = path, raw
	r2.URL = &u
	return r2
}

// writeXMLError writes an error response of the router (not a modeled error) in the
// router's XML form.
func (c *Call) writeXMLError(status int, code, message string) {
	c.xml.Reset()
	fault := smithy.FaultClient
	if status >= 500 {
		fault = smithy.FaultServer
	}
	c.startXMLError(code, fault)
	c.xml.Element("Message", message)
	c.EndXMLError()
	h := c.w.Header()
	h.Set("Content-Type", "text/xml")
	c.setS3RequestID(h)
	c.started = true
	c.w.WriteHeader(status)
	c.w.Write(c.xml.Bytes())
}
