package server

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

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
	if c.xmlErrors == EC2Errors {
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
	if c.xmlErrors == EC2Errors {
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
	c.started = true
	c.w.WriteHeader(status)
	c.w.Write(c.xml.Bytes())
}
