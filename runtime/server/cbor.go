package server

import (
	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/cborwire"
	"github.com/svcgen/svcgen/runtime/validate"
)

// Smithy RPC v2 CBOR: every request and response carries the smithy-protocol header,
// and bodies (errors included) are CBOR maps; an error names its shape in "__type".
const (
	smithyProtocolHeader = "Smithy-Protocol"
	rpcV2CBOR            = "rpc-v2-cbor"
	cborContentType      = "application/cbor"
)

// SetCBOR makes the router's bodies CBOR (Smithy RPC v2 CBOR): the errors it writes
// itself (unknown operation, malformed input, validation) as well as the responses of
// generated encoders, which write into Call.CBOR. Every response carries
// "smithy-protocol: rpc-v2-cbor".
func (rt *Router) SetCBOR() { rt.cbor, rt.contentType = true, cborContentType }

// CBOR returns the writer of the response's CBOR body.
func (c *Call) CBOR() *cborwire.Writer { return &c.cborw }

// CBORDecoder returns a CBOR decoder over a body that must hold one map (not null, an
// array or a scalar), with text keys, no map repeating a key, and text strings of
// valid UTF-8 throughout. It records the required members that the body's maps lack
// (TrackMissing), for CheckInput, and requires tag 1 on timestamps (StrictTimes). A
// body that breaks one of these gives a *cborwire.SyntaxError; generated decoders
// return it as malformed input.
func (c *Call) CBORDecoder() (*cborwire.Decoder, error) {
	if err := cborwire.CheckKeys(c.body); err != nil {
		return nil, err
	}
	c.cdec.TrackMissing, c.cdec.StrictTimes = true, true
	c.cdec.Reset(c.body)
	if len(c.body) > 0 && c.body[0]>>5 != 5 {
		c.cdec.ObjectNext() // fails, saying what was found
		return nil, c.cdec.Err()
	}
	return &c.cdec, nil
}

// WriteRPCv2CBORError starts the response of a modeled error of a Smithy RPC v2 CBOR
// service: status, and typ (the error's shape ID) as "__type" in the body, put before
// the members the caller writes into CBOR. A query code (awsQueryCompatible services)
// goes in the x-amzn-query-error header with the fault, as for awsJson.
func (c *Call) WriteRPCv2CBORError(status int, typ, queryCode string, fault smithy.ErrorFault) {
	c.status = status
	c.errorType = typ
	c.cborw.Reset()
	if queryCode != "" {
		side := "Sender"
		if fault == smithy.FaultServer {
			side = "Receiver"
		}
		c.header.Set("X-Amzn-Query-Error", queryCode+";"+side)
	}
}

// flushCBOR writes the CBOR body, with "__type" first in an error's map.
func (c *Call) flushCBOR(status int) {
	h := c.w.Header()
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", cborContentType)
	}
	body := c.cborw.Bytes()
	if c.errorType != "" {
		body = cborwire.PrependMember(body, "__type", c.errorType)
	}
	c.w.WriteHeader(status)
	c.w.Write(body)
}

// writeCBORError writes an error response with a CBOR body {"__type", "message"}, and
// the violations of a validation error as its fieldList.
func (c *Call) writeCBORError(status int, code, message string, ve *validate.Error) {
	var w cborwire.Writer
	writeErrorBody(&w, code, message, ve)
	h := c.w.Header()
	h.Set("Content-Type", cborContentType)
	h.Set(smithyProtocolHeader, rpcV2CBOR)
	h.Set("X-Amzn-Errortype", code)
	c.started = true
	c.w.WriteHeader(status)
	c.w.Write(w.Bytes())
}
