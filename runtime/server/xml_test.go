package server

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/validate"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// errModeled is a modeled error of a query service, as a generated encodeError
// writes it.
type errModeled struct{}

func (errModeled) Error() string { return "modeled" }

// queryRouter routes Echo (answers its Name), Fail (a modeled error) and Invalid (a
// validation error), in the given error style.
func queryRouter(style XMLErrors) http.Handler {
	encodeError := func(c *Call, err error) bool {
		if !errors.As(err, new(errModeled)) {
			return false
		}
		c.StartXMLError(409, "Conflict", smithy.FaultClient)
		c.XML().Element("Message", "it conflicts")
		c.EndXMLError()
		return true
	}
	r := NewRouter(encodeError)
	r.SetXMLErrors(style)
	r.HandleAction("Echo", "Echo", func(c *Call) error {
		w := c.XML()
		w.Start("EchoResponse")
		w.Start("EchoResult")
		w.Element("Name", c.Form().String("Name"))
		w.End("EchoResult")
		c.WriteResponseMetadata()
		w.End("EchoResponse")
		return nil
	})
	r.HandleAction("Fail", "Fail", func(c *Call) error { return errModeled{} })
	r.HandleAction("Invalid", "Invalid", func(c *Call) error {
		return validate.Merge("InvalidInput", []string{"Name"}, nil)
	})
	return r.Handler()
}

func serveForm(h http.Handler, method, body string) *httptest.ResponseRecorder {
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, "/?"+body, nil)
	} else {
		req = httptest.NewRequest(method, "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestQueryRouting: the form's Action picks the operation, in a POST's body or a GET's
// query; the answer is XML with the request ID in ResponseMetadata (ec2: requestId).
func TestQueryRouting(t *testing.T) {
	h := queryRouter(QueryErrors)
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		rec := serveForm(h, method, "Action=Echo&Version=1&Name=a%26b")
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "<EchoResult><Name>a&amp;b</Name></EchoResult><ResponseMetadata><RequestId>") {
			t.Errorf("%s: %d %s", method, rec.Code, body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/xml" {
			t.Errorf("%s: Content-Type %q", method, ct)
		}
	}
	rec := serveForm(queryRouter(EC2Errors), http.MethodPost, "Action=Echo&Name=x")
	if !strings.Contains(rec.Body.String(), "</EchoResult><requestId>") {
		t.Errorf("ec2: %s", rec.Body.String())
	}
}

// TestQueryErrors: the router's own errors and modeled errors are XML in the style's
// wrappers, each with a request ID, read back by the client's reader.
func TestQueryErrors(t *testing.T) {
	for _, tc := range []struct {
		style        XMLErrors
		method, body string
		status       int
		code, root   string
	}{
		{QueryErrors, http.MethodPost, "Action=Nope", 400, "InvalidAction", "<ErrorResponse><Error><Type>Sender</Type>"},
		{EC2Errors, http.MethodPost, "Action=Nope", 400, "InvalidAction", "<Response><Errors><Error>"},
		{QueryErrors, http.MethodPost, "Action=Fail", 409, "Conflict", "<ErrorResponse><Error><Type>Sender</Type>"},
		{EC2Errors, http.MethodPost, "Action=Fail", 409, "Conflict", "<Response><Errors><Error>"},
		{QueryErrors, http.MethodPost, "Action=Invalid", 400, "ValidationException", "<ErrorResponse>"},
		{QueryErrors, http.MethodPost, "Action=Echo&Name=%ff", 400, "SerializationException", "<ErrorResponse>"},
		{QueryErrors, http.MethodPut, "Action=Echo", 405, "MethodNotAllowedException", "<ErrorResponse>"},
	} {
		rec := serveForm(queryRouter(tc.style), tc.method, tc.body)
		body := rec.Body.String()
		f := xmlwire.ReadErrorFields(rec.Body.Bytes())
		if rec.Code != tc.status || f.Code != tc.code || f.RequestID == "" || f.Message == "" || !strings.HasPrefix(body, tc.root) {
			t.Errorf("%s %s: %d %s, read %+v; want %d %s under %s", tc.method, tc.body, rec.Code, body, f, tc.status, tc.code, tc.root)
		}
	}
	// a path other than "/" names no operation: 404, in XML
	rec := httptest.NewRecorder()
	queryRouter(QueryErrors).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/other", strings.NewReader("Action=Echo")))
	if f := xmlwire.ReadErrorFields(rec.Body.Bytes()); rec.Code != 404 || f.Code != "UnknownOperationException" {
		t.Errorf("/other: %d %s", rec.Code, rec.Body.String())
	}
}

// TestBucketFromHost: the bucket of a virtual-hosted S3 request is the host before its
// S3 label; other hosts are path style.
func TestBucketFromHost(t *testing.T) {
	for host, want := range map[string]string{
		"bucket.s3.amazonaws.com":                     "bucket",
		"bucket.s3.us-west-2.amazonaws.com:443":       "bucket",
		"my.dotted.bucket.s3-us-west-2.amazonaws.com": "my.dotted.bucket",
		"my.s3.bucket.s3.amazonaws.com":               "my.s3.bucket",
		"bucket.localhost:9000":                       "bucket",
		"s3.amazonaws.com":                            "",
		"localhost:9000":                              "",
		"127.0.0.1:9000":                              "",
		"[::1]:9000":                                  "",
		"example.com":                                 "",
		"":                                            "",
	} {
		if got := BucketFromHost(host); got != want {
			t.Errorf("BucketFromHost(%q) = %q, want %q", host, got, want)
		}
	}
}

// TestVirtualHostBuckets: with SetS3Addressing, a request to bucket.localhost/key
// is served as /bucket/key, the bucket and key as labels; path style still works,
// "/bucket/" is the bucket, and S3's errors are <Error> alone with a request ID.
func TestVirtualHostBuckets(t *testing.T) {
	r := NewRouter(nil)
	r.SetXMLErrors(S3Errors)
	r.SetS3Addressing(true)
	r.Handle("GET", "/{l0}", nil, "ListObjects", func(c *Call) error {
		c.SetPayload([]byte(c.PathValue("l0")))
		return nil
	})
	r.Handle("GET", "/{l0}/{l1...}", nil, "GetObject", func(c *Call) error {
		c.SetPayload([]byte(c.PathValue("l0") + "|" + c.PathValue("l1")))
		return nil
	})
	h := r.Handler()
	for _, tc := range []struct{ host, path, want string }{
		{"bucket.localhost:9000", "/a%20b/c", "bucket|a b/c"},
		{"bucket.s3.us-east-1.amazonaws.com", "/k", "bucket|k"},
		{"127.0.0.1:9000", "/bucket/k/x", "bucket|k/x"},
		{"127.0.0.1:9000", "/bucket/", "bucket"},
		{"127.0.0.1:9000", "/bucket", "bucket"},
		{"bucket.localhost", "/", "bucket"},
		{"127.0.0.1:9000", "/bucket/dir/", "bucket|dir/"},
	} {
		req := httptest.NewRequest("GET", tc.path, nil)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Body.String() != tc.want {
			t.Errorf("%s%s: %d %q, want %q", tc.host, tc.path, rec.Code, rec.Body.String(), tc.want)
		}
	}
	req := httptest.NewRequest("PUT", "/bucket/k", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	f := xmlwire.ReadErrorFields(rec.Body.Bytes())
	if rec.Code != 405 || !strings.HasPrefix(rec.Body.String(), "<Error><Code>MethodNotAllowedException</Code>") || f.RequestID == "" || f.HostID == "" {
		t.Errorf("PUT: %d %s", rec.Code, rec.Body.String())
	}
}
