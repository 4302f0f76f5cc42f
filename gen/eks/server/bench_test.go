package server

// BenchmarkHandler compares the generated handler with what one would write by hand
// with net/http and encoding/json, for CreatePodIdentityAssociation: the same routing
// (a ServeMux with the same five patterns), decoding (path label, JSON body with tags),
// constraint checks (required members, the tag map's 1..50 entries, keys of 1..128
// runes, values of at most 256 runes, a non-empty cluster name), service call and
// response (status 200, Content-Type, the same JSON association). TestBenchHandlersAgree
// checks that the two answer alike.
//
//	go test -run '^$' -bench BenchmarkHandler -benchmem -count 6 ./gen/eks/server/

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/types"
	rt "github.com/svcgen/svcgen/runtime/server"
)

// benchBody is the request body of every iteration.
var benchBody = []byte(`{"namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::111122223333:role/app-role",` +
	`"clientRequestToken":"6f1c3e2a-9b7d-4c1e-8a55-0d2f4b6e8c91","tags":{"team":"payments","env":"prod","owner":"platform"}}`)

const benchTarget = "/clusters/prod/pod-identity-associations"

// benchService answers CreatePodIdentityAssociation with a fixed association.
type benchService struct{ Unimplemented }

var benchOutput = func() *eks.CreatePodIdentityAssociationOutput {
	s := func(v string) *string { return &v }
	created := time.Unix(1700000000, 123000000).UTC()
	modified := time.Unix(1700000100, 0).UTC()
	return &eks.CreatePodIdentityAssociationOutput{Association: &types.PodIdentityAssociation{
		ClusterName:    s("prod"),
		Namespace:      s("default"),
		ServiceAccount: s("app"),
		RoleArn:        s("arn:aws:iam::111122223333:role/app-role"),
		AssociationArn: s("arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/a-1a2b3c4d5e6f7g8h9"),
		AssociationId:  s("a-1a2b3c4d5e6f7g8h9"),
		Tags:           map[string]string{"team": "payments", "env": "prod", "owner": "platform"},
		CreatedAt:      &created,
		ModifiedAt:     &modified,
	}}
}()

func (benchService) CreatePodIdentityAssociation(context.Context, *eks.CreatePodIdentityAssociationInput) (*eks.CreatePodIdentityAssociationOutput, error) {
	return benchOutput, nil
}

// --- the hand-written handler ---

// benchHandWritten serves CreatePodIdentityAssociation with net/http and
// encoding/json, the other operations' routes answering 501.
func benchHandWritten(svc Service) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /clusters/{name}/pod-identity-associations", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rt.DefaultBodyLimit))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				benchWriteError(w, http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException", "the request body is too large")
				return
			}
			benchWriteError(w, http.StatusBadRequest, "SerializationException", "the request body could not be read")
			return
		}
		var req struct {
			Namespace          *string           `json:"namespace"`
			ServiceAccount     *string           `json:"serviceAccount"`
			RoleArn            *string           `json:"roleArn"`
			ClientRequestToken *string           `json:"clientRequestToken"`
			Tags               map[string]string `json:"tags"`
		}
		if len(body) > 0 {
			if err := json.Unmarshal(body, &req); err != nil {
				benchWriteError(w, http.StatusBadRequest, "SerializationException", "malformed request: "+err.Error())
				return
			}
		}
		// a required member absent from the body (or null) is missing; "" is a value
		var missing []benchViolation
		value := func(name string, p *string) string {
			if p == nil {
				missing = append(missing, benchViolation{name, "required member is missing"})
				return ""
			}
			return *p
		}
		in := &eks.CreatePodIdentityAssociationInput{
			ClusterName:        r.PathValue("name"),
			Namespace:          value("/namespace", req.Namespace),
			ServiceAccount:     value("/serviceAccount", req.ServiceAccount),
			RoleArn:            value("/roleArn", req.RoleArn),
			ClientRequestToken: req.ClientRequestToken,
			Tags:               req.Tags,
		}
		if v := append(missing, benchCheck(in)...); len(v) > 0 {
			benchWriteValidation(w, v)
			return
		}
		out, err := svc.CreatePodIdentityAssociation(r.Context(), in)
		if err != nil {
			benchWriteError(w, http.StatusInternalServerError, "InternalFailure", "the server failed to handle the request")
			return
		}
		resp := struct {
			Association *benchAssociation `json:"association,omitempty"`
		}{}
		if a := out.Association; a != nil {
			resp.Association = &benchAssociation{
				ClusterName: a.ClusterName, Namespace: a.Namespace, ServiceAccount: a.ServiceAccount, RoleArn: a.RoleArn,
				AssociationArn: a.AssociationArn, AssociationId: a.AssociationId, Tags: a.Tags,
				CreatedAt: (*benchEpoch)(a.CreatedAt), ModifiedAt: (*benchEpoch)(a.ModifiedAt),
			}
		}
		b, err := json.Marshal(resp)
		if err != nil {
			benchWriteError(w, http.StatusInternalServerError, "InternalFailure", "the server failed to handle the request")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.Write(b)
	})
	notImplemented := func(w http.ResponseWriter, r *http.Request) {
		benchWriteError(w, http.StatusNotImplemented, "NotImplementedException", "not implemented")
	}
	mux.HandleFunc("DELETE /clusters/{name}/pod-identity-associations/{id}", notImplemented)
	mux.HandleFunc("GET /clusters/{name}/pod-identity-associations/{id}", notImplemented)
	mux.HandleFunc("GET /clusters/{name}/pod-identity-associations", notImplemented)
	mux.HandleFunc("POST /clusters/{name}/pod-identity-associations/{id}", notImplemented)
	return mux
}

type benchAssociation struct {
	ClusterName    *string           `json:"clusterName,omitempty"`
	Namespace      *string           `json:"namespace,omitempty"`
	ServiceAccount *string           `json:"serviceAccount,omitempty"`
	RoleArn        *string           `json:"roleArn,omitempty"`
	AssociationArn *string           `json:"associationArn,omitempty"`
	AssociationId  *string           `json:"associationId,omitempty"`
	Tags           map[string]string `json:"tags,omitempty"`
	CreatedAt      *benchEpoch       `json:"createdAt,omitempty"`
	ModifiedAt     *benchEpoch       `json:"modifiedAt,omitempty"`
}

// benchEpoch marshals as seconds since the epoch with the shortest exact fraction.
type benchEpoch time.Time

func (t benchEpoch) MarshalJSON() ([]byte, error) {
	tt := time.Time(t)
	b := strconv.AppendInt(nil, tt.Unix(), 10)
	if ns := tt.Nanosecond(); ns != 0 {
		frac := strings.TrimRight(strconv.Itoa(1e9 + ns)[1:], "0")
		b = append(append(b, '.'), frac...)
	}
	return b, nil
}

type benchViolation struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// benchCheck checks what the model says of the input.
func benchCheck(in *eks.CreatePodIdentityAssociationInput) []benchViolation {
	var v []benchViolation
	add := func(path, msg string) { v = append(v, benchViolation{path, msg}) }
	if in.ClusterName == "" {
		add("/clusterName", "URI label must not be empty")
	}
	if in.Tags != nil {
		if n := len(in.Tags); n < 1 || n > 50 {
			add("/tags", "length "+strconv.Itoa(n)+" is out of range 1..50")
		}
		var tagViolations []benchViolation
		for k, val := range in.Tags {
			if n := utf8.RuneCountInString(k); n < 1 || n > 128 {
				tagViolations = append(tagViolations, benchViolation{"/tags/" + k, "key: length " + strconv.Itoa(n) + " is out of range 1..128"})
			}
			if n := utf8.RuneCountInString(val); n > 256 {
				tagViolations = append(tagViolations, benchViolation{"/tags/" + k, "length " + strconv.Itoa(n) + " is greater than 256"})
			}
		}
		// sorted only when there is something to report, for a stable message
		slices.SortStableFunc(tagViolations, func(a, b benchViolation) int { return strings.Compare(a.Path, b.Path) })
		v = append(v, tagViolations...)
	}
	return v
}

func benchWriteValidation(w http.ResponseWriter, v []benchViolation) {
	msgs := make([]string, len(v))
	for i, x := range v {
		msgs[i] = x.Path + ": " + x.Message
	}
	b, _ := json.Marshal(struct {
		Type      string           `json:"__type"`
		Message   string           `json:"message"`
		FieldList []benchViolation `json:"fieldList"`
	}{"ValidationException", strconv.Itoa(len(v)) + " validation error(s) detected: " + strings.Join(msgs, "; "), v})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", "ValidationException")
	w.WriteHeader(http.StatusBadRequest)
	w.Write(b)
}

func benchWriteError(w http.ResponseWriter, status int, code, msg string) {
	b, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{code, msg})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", code)
	w.WriteHeader(status)
	w.Write(b)
}

// --- the benchmark ---

func benchHandlers() []struct {
	name string
	h    http.Handler
} {
	return []struct {
		name string
		h    http.Handler
	}{
		{"generated", NewHandler(benchService{})},
		{"handwritten", benchHandWritten(benchService{})},
	}
}

// benchTemplate is the request every iteration copies.
func benchTemplate() *http.Request {
	tmpl := httptest.NewRequest(http.MethodPost, benchTarget, nil)
	tmpl.Header.Set("Content-Type", "application/json")
	tmpl.ContentLength = int64(len(benchBody))
	return tmpl
}

// benchServe serves one request: a fresh request (a copy of tmpl, with a new reader
// over the shared body) and a fresh httptest.ResponseRecorder.
func benchServe(b *testing.B, h http.Handler, tmpl *http.Request) {
	r := new(http.Request)
	*r = *tmpl // ServeMux sets its path values on this copy
	r.Body = io.NopCloser(bytes.NewReader(benchBody))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		b.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

// BenchmarkHandler serves one CreatePodIdentityAssociation per iteration, in process,
// through ServeHTTP (see benchServe). "harness" is the cost of the request and the
// recorder with a handler that does nothing: subtract it to compare the handlers
// alone.
func BenchmarkHandler(b *testing.B) {
	tmpl := benchTemplate()
	cases := append(benchHandlers(), struct {
		name string
		h    http.Handler
	}{"harness", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(benchBody)))
			for b.Loop() {
				benchServe(b, c.h, tmpl)
			}
		})
	}
}

// BenchmarkHandlerPaired serves both handlers in one loop, alternating every 50
// requests, and reports each one's time per request and their ratio. Both see the
// same machine load, so the ratio holds where ns/op of separate runs swings with
// whatever else the machine does. (Garbage made by one may be collected in the
// other's time; ns/op here is per pair of requests.)
func BenchmarkHandlerPaired(b *testing.B) {
	tmpl := benchTemplate()
	hs := benchHandlers()
	var spent [2]time.Duration
	var served [2]int
	const batch = 50
	i := 0
	for b.Loop() {
		for range 2 {
			k := i / batch % 2
			start := time.Now()
			benchServe(b, hs[k].h, tmpl)
			spent[k] += time.Since(start)
			served[k]++
			i++
		}
	}
	gen := float64(spent[0].Nanoseconds()) / float64(max(served[0], 1))
	hand := float64(spent[1].Nanoseconds()) / float64(max(served[1], 1))
	b.ReportMetric(gen, "generated-ns/req")
	b.ReportMetric(hand, "handwritten-ns/req")
	if hand > 0 {
		b.ReportMetric(gen/hand, "generated/handwritten")
	}
}

// BenchmarkHandlerParallel is BenchmarkHandler from GOMAXPROCS goroutines, where the
// pooled state of the generated router is shared.
func BenchmarkHandlerParallel(b *testing.B) {
	tmpl := benchTemplate()
	for _, c := range benchHandlers() {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := new(http.Request)
					*r = *tmpl
					r.Body = io.NopCloser(bytes.NewReader(benchBody))
					w := httptest.NewRecorder()
					c.h.ServeHTTP(w, r)
					if w.Code != http.StatusOK {
						b.Errorf("status %d", w.Code) // not Fatal: this is not the benchmark's goroutine
						return
					}
				}
			})
		})
	}
}

// TestBenchHandlersAgree checks that the two benchmarked handlers answer alike: the
// same status, error code, Content-Type, fields at fault, and the same JSON.
func TestBenchHandlersAgree(t *testing.T) {
	longKey := strings.Repeat("k", 129)
	manyTags := map[string]string{}
	for i := range 51 {
		manyTags["t"+strconv.Itoa(i)] = "v"
	}
	many, _ := json.Marshal(map[string]any{"namespace": "n", "serviceAccount": "s", "roleArn": "r", "tags": manyTags})
	cases := []struct {
		name, target, body string
		status             int
		code               string
		fields             []string
	}{
		{"valid", benchTarget, string(benchBody), 200, "", nil},
		{"multi-byte tag value at the limit", benchTarget, `{"namespace":"n","serviceAccount":"s","roleArn":"r","tags":{"k":"` + strings.Repeat("é", 256) + `"}}`, 200, "", nil},
		{"missing members", benchTarget, `{"tags":{"a":"b"}}`, 400, "ValidationException", []string{"/namespace", "/serviceAccount", "/roleArn"}},
		{"empty members", benchTarget, `{"namespace":"","serviceAccount":"","roleArn":"r","tags":{"a":"b"}}`, 200, "", nil}, // no minimum length: "" is valid
		{"null members", benchTarget, `{"namespace":null,"serviceAccount":"s","roleArn":"r"}`, 400, "ValidationException", []string{"/namespace"}},
		{"51 tags", benchTarget, string(many), 400, "ValidationException", []string{"/tags"}},
		{"empty tag map", benchTarget, `{"namespace":"n","serviceAccount":"s","roleArn":"r","tags":{}}`, 400, "ValidationException", []string{"/tags"}},
		{"long key, long value, empty key", benchTarget, `{"namespace":"n","serviceAccount":"s","roleArn":"r","tags":{"` + longKey + `":"v","k":"` + strings.Repeat("v", 257) + `","":"x"}}`, 400, "ValidationException",
			[]string{`/tags/`, `/tags/k`, `/tags/` + longKey}},
		{"not JSON", benchTarget, `{"namespace":`, 400, "SerializationException", nil},
		{"wrong type", benchTarget, `{"namespace":1}`, 400, "SerializationException", nil},
	}
	handlers := benchHandlers()
	for _, c := range cases {
		var bodies [2]any
		for i, h := range handlers {
			w := httptest.NewRecorder()
			h.h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, c.target, strings.NewReader(c.body)))
			if w.Code != c.status || w.Header().Get("X-Amzn-Errortype") != c.code || w.Header().Get("Content-Type") != "application/json" {
				t.Errorf("%s, %s: %d %q %q, want %d %q application/json: %s", c.name, h.name, w.Code, w.Header().Get("X-Amzn-Errortype"), w.Header().Get("Content-Type"), c.status, c.code, w.Body)
				continue
			}
			var body struct {
				Association map[string]any `json:"association"`
				FieldList   []struct {
					Path string `json:"path"`
				} `json:"fieldList"`
			}
			d := json.NewDecoder(w.Body)
			d.UseNumber() // numbers compared as written
			if err := d.Decode(&body); err != nil {
				t.Errorf("%s, %s: %v: %s", c.name, h.name, err, w.Body)
				continue
			}
			var fields []string
			for _, f := range body.FieldList {
				fields = append(fields, f.Path)
			}
			if !slices.Equal(fields, c.fields) {
				t.Errorf("%s, %s: fields %q, want %q", c.name, h.name, fields, c.fields)
			}
			bodies[i] = body.Association
		}
		if c.status == 200 && !reflect.DeepEqual(bodies[0], bodies[1]) {
			t.Errorf("%s: the handlers answer differently:\n%v\n%v", c.name, bodies[0], bodies[1])
		}
	}
}
