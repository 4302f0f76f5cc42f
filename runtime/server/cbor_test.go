package server

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/cborwire"
)

// cborRouter serves one operation as generated for smithy-rpc-v2-cbor: its input's
// required "name" decoded from a CBOR map, its output written as one, a modeled error
// written with __type first.
func cborRouter() http.Handler {
	type modeled struct{ error }
	encodeError := func(c *Call, err error) bool {
		var m modeled
		if !errors.As(err, &m) {
			return false
		}
		c.WriteRPCv2CBORError(400, "InvalidGreeting", "", smithy.FaultClient)
		w := c.CBOR()
		w.ObjectStart()
		w.Key("Message")
		w.String(m.Error())
		w.ObjectEnd()
		return true
	}
	r := NewRouter(encodeError)
	r.SetCBOR()
	r.Handle("POST", "/service/S/operation/Greet", nil, "Greet", func(c *Call) error {
		var name string
		var seen uint64
		if len(c.Body()) > 0 {
			d, err := c.CBORDecoder()
			if err != nil {
				return Malformed(err)
			}
			for d.ObjectNext() {
				switch string(d.Key()) {
				case "name":
					if !d.IsNull() {
						name, seen = d.String(), 1
					}
				default:
					d.Skip()
				}
			}
			d.MissingOf(seen, "Name")
			if err := d.End(); err != nil {
				return Malformed(err)
			}
		} else {
			c.Missing("Name")
		}
		if err := c.CheckInput("GreetInput", nil); err != nil {
			return err
		}
		if name == "boom" {
			return modeled{errors.New("no boom")}
		}
		c.SetStatus(200)
		w := c.CBOR()
		w.ObjectStart()
		w.Key("greeting")
		w.String("hello " + name)
		w.ObjectEnd()
		return nil
	})
	return r.Handler()
}

func cborMap(kv ...string) string {
	var w cborwire.Writer
	w.ObjectStart()
	for i := 0; i < len(kv); i += 2 {
		w.Key(kv[i])
		w.String(kv[i+1])
	}
	w.ObjectEnd()
	return string(w.Bytes())
}

// readCBOR reads a CBOR map of text values.
func readCBOR(t *testing.T, b []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	d := cborwire.NewDecoder(b)
	for d.ObjectNext() {
		k := d.KeyString()
		if k == "fieldList" {
			for d.ArrayNext() {
				for d.ObjectNext() {
					f := d.KeyString()
					out["fieldList."+f] += d.String()
				}
			}
			continue
		}
		out[k] = d.String()
	}
	if err := d.End(); err != nil {
		t.Fatalf("the body is not a CBOR map of strings: %v (%x)", err, b)
	}
	return out
}

// TestCBORRouter: a router set to CBOR answers success, modeled errors, malformed
// bodies, validation failures and unknown operations with CBOR bodies and the
// smithy-protocol header.
func TestCBORRouter(t *testing.T) {
	h := cborRouter()
	for _, c := range []struct {
		name, path, body string
		status           int
		want             map[string]string
	}{
		{"ok", "/service/S/operation/Greet", cborMap("name", "ann"), 200, map[string]string{"greeting": "hello ann"}},
		{"modeled error", "/service/S/operation/Greet", cborMap("name", "boom"), 400, map[string]string{"__type": "InvalidGreeting", "Message": "no boom"}},
		{"repeated key", "/service/S/operation/Greet", "\xa2dnamecanndnamecbob", 400, map[string]string{"__type": "SerializationException"}},
		{"not a map", "/service/S/operation/Greet", "\x83\x01\x02\x03", 400, map[string]string{"__type": "SerializationException"}},
		{"truncated", "/service/S/operation/Greet", "\xa1dnamecan", 400, map[string]string{"__type": "SerializationException"}},
		{"missing", "/service/S/operation/Greet", "", 400, map[string]string{"__type": "ValidationException", "fieldList.path": "Name"}},
		{"missing in map", "/service/S/operation/Greet", "\xa0", 400, map[string]string{"__type": "ValidationException", "fieldList.path": "Name"}},
		{"unknown", "/service/S/operation/Nope", "", 404, map[string]string{"__type": "UnknownOperationException"}},
	} {
		req := httptest.NewRequest("POST", c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/cbor")
		req.Header.Set("Smithy-Protocol", "rpc-v2-cbor")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d: %x", c.name, rec.Code, c.status, rec.Body.Bytes())
		}
		if got := rec.Header().Get("Smithy-Protocol"); got != "rpc-v2-cbor" {
			t.Errorf("%s: smithy-protocol %q", c.name, got)
		}
		if got := rec.Header().Get("Content-Type"); got != "application/cbor" {
			t.Errorf("%s: Content-Type %q", c.name, got)
		}
		got := readCBOR(t, rec.Body.Bytes())
		for k, v := range c.want {
			if k == "fieldList.path" && !strings.Contains(got[k], v) || k != "fieldList.path" && got[k] != v {
				t.Errorf("%s: %s = %q, want %q (body %v)", c.name, k, got[k], v, got)
			}
		}
		if c.status >= 400 && got["message"] == "" && got["Message"] == "" {
			t.Errorf("%s: no message: %v", c.name, got)
		}
	}
}
