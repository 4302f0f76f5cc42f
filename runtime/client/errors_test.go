package client

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// modeled stands for a generated error type: its HTTPStatusCode is the model's.
type modeled struct {
	code, msg string
	status    int
}

func (e *modeled) Error() string                 { return e.code + ": " + e.msg }
func (e *modeled) ErrorCode() string             { return e.code }
func (e *modeled) ErrorMessage() string          { return e.msg }
func (e *modeled) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }
func (e *modeled) HTTPStatusCode() int           { return e.status }

// reply is a canned error response.
type reply struct {
	status int
	header map[string]string
	body   string
}

// callWith makes one call to a server that answers rp, with decode as the generated
// error decoder; it returns the error and the codes decode was asked about.
func callWith(t *testing.T, rp reply, op *Operation, read func(http.Header, []byte) ErrorInfo, decode func(code string, resp *http.Response, body []byte) error) (error, []string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range rp.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(rp.status)
		if r.Method != http.MethodHead {
			io.WriteString(w, rp.body)
		}
	}))
	t.Cleanup(srv.Close)
	if op == nil {
		op = &Operation{Name: "Op"}
	}
	if read == nil {
		read = ReadErrorInfo
	}
	cfg := &Config{ServiceID: "Svc", Endpoint: srv.URL, HTTPClient: srv.Client(), RetryMaxAttempts: 1, ReadError: read}
	var asked []string
	dec := func(code string, resp *http.Response, body []byte) error {
		asked = append(asked, code)
		if decode == nil {
			return nil
		}
		return decode(code, resp, body)
	}
	in, out := struct{}{}, struct{}{}
	err := Call(context.Background(), cfg, op, &in, &out,
		func(r *Request, _ *struct{}) error {
			if op.Name == "Head" {
				r.Method = http.MethodHead
			}
			return nil
		},
		func(*http.Response, []byte, *struct{}) error { return nil }, dec)
	if err == nil {
		t.Fatal("no error")
	}
	return err, asked
}

// sqsNonExistent is what SQS (moto 5.2.1 too) answers GetQueueUrl for a queue that
// does not exist: json protocol, awsQueryCompatible.
var sqsNonExistent = reply{400, map[string]string{
	"X-Amzn-Errortype":   "com.amazonaws.sqs#QueueDoesNotExist",
	"Content-Type":       "application/x-amz-json-1.0",
	"X-Amzn-Query-Error": "AWS.SimpleQueueService.NonExistentQueue;Sender",
	"X-Amzn-Requestid":   "gSJmBEy9N5k1FavCRVfJn5CxeIKtiESpxreugkbiFG5gTDFVRxUe",
}, `{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."}`}

// An awsQueryCompatible service's error is matched on its shape name (the query code is
// not the model's), and an unmodeled one keeps the query code and its fault.
func TestQueryCompatibleError(t *testing.T) {
	err, asked := callWith(t, sqsNonExistent, nil, nil, func(code string, _ *http.Response, _ []byte) error {
		if code == "QueueDoesNotExist" {
			return &modeled{code: "AWS.SimpleQueueService.NonExistentQueue", status: 400}
		}
		return nil
	})
	var m *modeled
	if !errors.As(err, &m) || len(asked) != 1 || asked[0] != "QueueDoesNotExist" {
		t.Fatalf("err %v, decoder asked %q; want the modeled error, asked for QueueDoesNotExist", err, asked)
	}
	for _, fault := range []string{"Sender", "Receiver", ""} {
		rp := sqsNonExistent
		rp.header = map[string]string{"X-Amzn-Query-Error": "AWS.SimpleQueueService.NonExistentQueue;" + fault}
		err, asked := callWith(t, rp, nil, nil, nil)
		var api *APIError
		if !errors.As(err, &api) || api.Code != "AWS.SimpleQueueService.NonExistentQueue" || api.Message != "The specified queue does not exist." {
			t.Fatalf("%s: err %v (asked %q), want an APIError with the query code", fault, err, asked)
		}
		want := map[string]smithy.ErrorFault{"Sender": smithy.FaultClient, "Receiver": smithy.FaultServer, "": smithy.FaultClient}[fault]
		if api.Fault != want {
			t.Errorf("%q: fault %v, want %v", fault, api.Fault, want)
		}
		if strings.Join(asked, ",") != "QueueDoesNotExist,AWS.SimpleQueueService.NonExistentQueue" {
			t.Errorf("decoder asked %q, want the shape name, then the query code", asked)
		}
	}
}

// A response without a code is the operation's one modeled error for its status, else
// an APIError whose code is named for the status, as aws-sdk-go-v2 names it.
func TestCodelessError(t *testing.T) {
	head := &Operation{Name: "Head", StatusErrors: map[int]string{404: "NoSuchKey"}}
	decode := func(code string, _ *http.Response, _ []byte) error {
		if code == "NoSuchKey" {
			return &modeled{code: code, status: 404}
		}
		return nil
	}
	s3Headers := map[string]string{"X-Amz-Request-Id": "R1", "X-Amz-Id-2": "H1"}
	err, asked := callWith(t, reply{404, s3Headers, ""}, head, ReadXMLErrorInfo, decode)
	var m *modeled
	if !errors.As(err, &m) || m.code != "NoSuchKey" {
		t.Fatalf("HEAD 404: err %v (asked %q), want the modeled NoSuchKey", err, asked)
	}
	for _, c := range []struct {
		status int
		body   string
		read   func(http.Header, []byte) ErrorInfo
		code   string
	}{
		{403, "", ReadXMLErrorInfo, "Forbidden"},
		{404, "", ReadErrorInfo, "NotFound"},
		{400, `{"message":"no code"}`, ReadErrorInfo, "BadRequest"},
		{502, "<html><body>Bad Gateway</body></html>", ReadErrorInfo, "BadGateway"},
	} {
		err, _ := callWith(t, reply{c.status, s3Headers, c.body}, &Operation{Name: "Get"}, c.read, decode)
		var api *APIError
		if !errors.As(err, &api) || api.Code != c.code || api.StatusCode != c.status || api.RequestID != "R1" {
			t.Errorf("%d %q: err %v, want an APIError %s with request ID R1", c.status, c.body, err, c.code)
		}
	}
}

// ReadErrorInfo reads the message under any spelling of its key.
func TestReadErrorInfoMessage(t *testing.T) {
	for _, body := range []string{`{"__type":"X","message":"m"}`, `{"__type":"X","Message":"m"}`, `{"MESSAGE":"m","__type":"X"}`, `{"errorMessage":"m","code":"X"}`} {
		if info := ReadErrorInfo(http.Header{}, []byte(body)); info.Code != "X" || info.Message != "m" {
			t.Errorf("%s: %+v", body, info)
		}
	}
}

// Every error response says what came back: the status on the wire, the request ID and
// S3's host ID, found with errors.As as aws-sdk-go-v2's are, while errors.As still
// finds the modeled error.
func TestResponseErrorDetails(t *testing.T) {
	decode := func(code string, _ *http.Response, _ []byte) error {
		if code == "Throttled" || code == "NoSuchKey" {
			return &modeled{code: code, status: 400} // the model's status
		}
		return nil
	}
	for _, c := range []struct {
		name          string
		rp            reply
		read          func(http.Header, []byte) ErrorInfo
		status        int
		requestID     string
		hostID        string
		typed         bool
		code, message string
	}{
		{"json", reply{429, map[string]string{"X-Amzn-Requestid": "req-1"}, `{"__type":"Throttled","Message":"slow"}`}, nil, 429, "req-1", "", true, "Throttled", ""},
		{"rest-xml", reply{404, map[string]string{"X-Amz-Request-Id": "req-2", "X-Amz-Id-2": "host-2"},
			`<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>req-2</RequestId><HostId>host-2</HostId></Error>`}, ReadXMLErrorInfo, 404, "req-2", "host-2", true, "NoSuchKey", ""},
		{"query", reply{404, nil,
			`<ErrorResponse><Error><Type>Receiver</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>req-3</RequestId></ErrorResponse>`}, ReadXMLErrorInfo, 404, "req-3", "", false, "NotFound", "Topic does not exist"},
		{"ec2", reply{400, nil,
			`<Response><Errors><Error><Code>InvalidX</Code><Message>bad</Message></Error></Errors><RequestID>req-4</RequestID></Response>`}, ReadXMLErrorInfo, 400, "req-4", "", false, "InvalidX", "bad"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err, _ := callWith(t, c.rp, nil, c.read, decode)
			var status interface{ HTTPStatusCode() int }
			if !errors.As(err, &status) || status.HTTPStatusCode() != c.status {
				t.Errorf("errors.As HTTPStatusCode: %v, want %d", status, c.status)
			}
			var re *ResponseError
			if !errors.As(err, &re) || re.RequestID != c.requestID || re.ServiceHostID() != c.hostID || re.HTTPStatusCode() != c.status {
				t.Fatalf("err %v, want a ResponseError with request ID %q, host ID %q", err, c.requestID, c.hostID)
			}
			var awsRE *awshttp.ResponseError
			var smithyRE *smithyhttp.ResponseError
			if !errors.As(err, &awsRE) || awsRE.ServiceRequestID() != c.requestID || !errors.As(err, &smithyRE) || smithyRE.HTTPStatusCode() != c.status {
				t.Errorf("aws-sdk-go-v2's response errors not found in %v", err)
			}
			if !strings.Contains(err.Error(), "RequestID: "+c.requestID) {
				t.Errorf("Error() = %q, without the request ID", err)
			}
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != c.code {
				t.Fatalf("err %v: smithy.APIError code %v, want %s", err, api, c.code)
			}
			var m *modeled
			if errors.As(err, &m) != c.typed {
				t.Errorf("modeled error found: %v, want %v", !c.typed, c.typed)
			}
			if c.typed && m.HTTPStatusCode() != 400 {
				t.Errorf("the modeled error's own status %d, want the model's", m.HTTPStatusCode())
			}
			var ae *APIError
			if !c.typed {
				if !errors.As(err, &ae) || ae.RequestID != c.requestID || ae.Message != c.message {
					t.Errorf("APIError %+v, want request ID %q and message %q", ae, c.requestID, c.message)
				}
				if c.name == "query" && ae.Fault != smithy.FaultServer {
					t.Errorf("<Type>Receiver</Type>: fault %v", ae.Fault)
				}
			}
		})
	}
	// A 429 of a modeled error whose model says 400 is retried: the status on the wire counts.
	err, _ := callWith(t, reply{429, nil, `{"__type":"Other"}`}, nil, nil, func(code string, _ *http.Response, _ []byte) error {
		return &modeled{code: code, status: 400}
	})
	if !Retryable(err) {
		t.Errorf("%v: not retryable", err)
	}
}

// ReadCBORErrorInfo reads __type (namespace stripped) and the message from a CBOR map,
// of definite or indefinite length, and the query code of X-Amzn-Query-Error; a body
// that is not CBOR yields what the headers say.
func TestReadCBORErrorInfo(t *testing.T) {
	for _, c := range []struct {
		hex        string
		header     http.Header
		code, name string
		msg        string
	}{
		// {"__type": "smithy.protocoltests.rpcv2Cbor#InvalidGreeting", "Message": "Hi"}, indefinite
		{"bf665f5f74797065782e736d697468792e70726f746f636f6c74657374732e72706376324362" + "6f7223496e76616c69644772656574696e67674d657373616765624869ff", http.Header{}, "InvalidGreeting", "", "Hi"},
		// {"message": "m", "__type": "E"}, definite
		{"a2676d657373616765616d665f5f747970656145", http.Header{}, "E", "", "m"},
		{"a2676d657373616765616d665f5f747970656145", http.Header{"X-Amzn-Query-Error": {"Customized;Sender"}}, "Customized", "E", "m"},
		{"3c68746d6c3e", http.Header{}, "", "", ""},
	} {
		b, _ := hex.DecodeString(c.hex)
		info := ReadCBORErrorInfo(c.header, b)
		if info.Code != c.code || info.Name != c.name || info.Message != c.msg {
			t.Errorf("%s: %+v, want code %q name %q message %q", c.hex, info, c.code, c.name, c.msg)
		}
	}
}

// TestNoErrorReader: a Config without ReadError reads nothing from an error's body
// (generated clients name their protocol's reader): the error is named for its status.
func TestNoErrorReader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusConflict)
		io.WriteString(w, `{"__type":"ResourceInUseException","message":"busy"}`)
	}))
	defer srv.Close()
	for _, c := range []struct {
		read func(http.Header, []byte) ErrorInfo
		code string
	}{{nil, "Conflict"}, {ReadErrorInfo, "ResourceInUseException"}} {
		cfg := &Config{ServiceID: "Svc", Endpoint: srv.URL, HTTPClient: srv.Client(), RetryMaxAttempts: 1, ReadError: c.read}
		err := call(cfg, &Operation{Name: "Op"}, []byte(`{}`))
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != c.code {
			t.Errorf("reader %v: err %v, want code %s", c.read != nil, err, c.code)
		}
	}
}
