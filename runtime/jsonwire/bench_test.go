package jsonwire

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The types and codecs below are written as the generator will write them,
// with encoding/json tags so that the same types can be decoded by
// encoding/json for comparison.

type benchItem struct {
	ID     *string  `json:"id"`
	Value  *int64   `json:"value"`
	Score  *float64 `json:"score"`
	Labels []string `json:"labels"`
}

type benchRecord struct {
	Name        *string           `json:"name"`
	Arn         *string           `json:"arn"`
	Description *string           `json:"description"`
	Count       *int32            `json:"count"`
	Size        int64             `json:"size"`
	Ratio       *float64          `json:"ratio"`
	Enabled     *bool             `json:"enabled"`
	CreatedAt   *time.Time        `json:"createdAt"`
	Tags        map[string]string `json:"tags"`
	Items       []benchItem       `json:"items"`
	Data        []byte            `json:"data"`
}

func decodeBenchItem(d *Decoder, v *benchItem) {
	for d.ObjectNext() {
		switch string(d.Key()) {
		case "id":
			v.ID = d.StringPtr()
		case "value":
			v.Value = d.Int64Ptr()
		case "score":
			v.Score = d.Float64Ptr()
		case "labels":
			if d.IsNull() {
				break
			}
			v.Labels = []string{}
			for d.ArrayNext() {
				v.Labels = append(v.Labels, d.String())
			}
		default:
			d.Skip()
		}
	}
}

func decodeBenchRecord(d *Decoder, v *benchRecord) {
	for d.ObjectNext() {
		switch string(d.Key()) {
		case "name":
			v.Name = d.StringPtr()
		case "arn":
			v.Arn = d.StringPtr()
		case "description":
			v.Description = d.StringPtr()
		case "count":
			v.Count = d.Int32Ptr()
		case "size":
			v.Size = d.Int64()
		case "ratio":
			v.Ratio = d.Float64Ptr()
		case "enabled":
			v.Enabled = d.BoolPtr()
		case "createdAt":
			v.CreatedAt = d.DateTimePtr()
		case "tags":
			if d.IsNull() {
				break
			}
			v.Tags = map[string]string{}
			for d.ObjectNext() {
				k := string(d.Key())
				v.Tags[k] = d.String()
			}
		case "items":
			if d.IsNull() {
				break
			}
			v.Items = []benchItem{}
			for d.ArrayNext() {
				var item benchItem
				decodeBenchItem(d, &item)
				v.Items = append(v.Items, item)
			}
		case "data":
			v.Data = d.Blob()
		default:
			d.Skip()
		}
	}
}

func encodeBenchItem(w *Writer, v *benchItem) {
	w.ObjectStart()
	if v.ID != nil {
		w.Key("id")
		w.String(*v.ID)
	}
	if v.Value != nil {
		w.Key("value")
		w.Int64(*v.Value)
	}
	if v.Score != nil {
		w.Key("score")
		w.Float64(*v.Score, 64)
	}
	if v.Labels != nil {
		w.Key("labels")
		w.ArrayStart()
		for _, l := range v.Labels {
			w.String(l)
		}
		w.ArrayEnd()
	}
	w.ObjectEnd()
}

func encodeBenchRecord(w *Writer, v *benchRecord) {
	w.ObjectStart()
	if v.Name != nil {
		w.Key("name")
		w.String(*v.Name)
	}
	if v.Arn != nil {
		w.Key("arn")
		w.String(*v.Arn)
	}
	if v.Description != nil {
		w.Key("description")
		w.String(*v.Description)
	}
	if v.Count != nil {
		w.Key("count")
		w.Int64(int64(*v.Count))
	}
	w.Key("size")
	w.Int64(v.Size)
	if v.Ratio != nil {
		w.Key("ratio")
		w.Float64(*v.Ratio, 64)
	}
	if v.Enabled != nil {
		w.Key("enabled")
		w.Bool(*v.Enabled)
	}
	if v.CreatedAt != nil {
		w.Key("createdAt")
		w.DateTime(*v.CreatedAt)
	}
	if v.Tags != nil {
		w.Key("tags")
		w.ObjectStart()
		for k, t := range v.Tags {
			w.Key(k)
			w.String(t)
		}
		w.ObjectEnd()
	}
	if v.Items != nil {
		w.Key("items")
		w.ArrayStart()
		for i := range v.Items {
			encodeBenchItem(w, &v.Items[i])
		}
		w.ArrayEnd()
	}
	if v.Data != nil {
		w.Key("data")
		w.Blob(v.Data)
	}
	w.ObjectEnd()
}

// benchJSON is a ~1 KiB object with members of every kind, including one
// the decoders do not know.
var benchJSON = []byte(`{
  "name": "my-cluster-pod-identity-association",
  "arn": "arn:aws:eks:us-west-2:123456789012:podidentityassociation/my-cluster/a-1234567890abcdef0",
  "description": "An association with an \"escaped\" quote and a newline\n in it",
  "count": 42,
  "size": 9007199254740993,
  "ratio": 0.7512,
  "enabled": true,
  "createdAt": "2014-04-29T18:30:38.123Z",
  "tags": {"team": "platform", "env": "prod", "cost-center": "12345", "owner": "alice@example.com"},
  "items": [
    {"id": "item-0001", "value": 1, "score": 1.5, "labels": ["a", "b", "c"]},
    {"id": "item-0002", "value": -200, "score": 2.25e-3, "labels": []},
    {"id": "item-0003", "value": 30000, "score": 1e21, "labels": ["x"]},
    {"id": "item-0004", "value": 4, "score": null, "labels": null},
    {"id": "item-0005", "value": 123456789, "score": 0, "labels": ["long label with spaces", "é"]}
  ],
  "data": "SGVsbG8sIHdvcmxkISBUaGlzIGlzIGEgYmxvYiBvZiBieXRlcy4=",
  "unknownMember": {"nested": [1, 2, {"deep": "value"}], "flag": false},
  "extra": "ignored string member that neither decoder maps"
}`)

func TestBenchCodecs(t *testing.T) {
	if n := len(benchJSON); n < 900 || n > 1200 {
		t.Errorf("benchJSON is %d bytes, want ~1 KiB", n)
	}
	var want, got benchRecord
	if err := json.Unmarshal(benchJSON, &want); err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(benchJSON)
	decodeBenchRecord(d, &got)
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded\n%+v\nencoding/json\n%+v", got, want)
	}
	// Round trip through the Writer.
	var w Writer
	encodeBenchRecord(&w, &got)
	var again benchRecord
	d.Reset(w.Bytes())
	decodeBenchRecord(d, &again)
	if err := d.End(); err != nil || !reflect.DeepEqual(again, want) {
		t.Fatalf("round trip %s: %v\n%+v", w.Bytes(), err, again)
	}
}

func decodeOurs(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchJSON)))
	var d Decoder
	for b.Loop() {
		var v benchRecord
		d.Reset(benchJSON)
		decodeBenchRecord(&d, &v)
		if err := d.End(); err != nil {
			b.Fatal(err)
		}
	}
}

func decodeStd(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchJSON)))
	for b.Loop() {
		var v benchRecord
		if err := json.Unmarshal(benchJSON, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	b.Run("jsonwire", decodeOurs)
	b.Run("encoding_json", decodeStd)
}

// BenchmarkDecodeRatio decodes benchJSON with both decoders in each
// iteration, timing each, and reports how many times faster jsonwire is
// (speedup) and how many times fewer allocations it makes (allocs-ratio).
// Its ns/op is the time of one decode with each.
func BenchmarkDecodeRatio(b *testing.B) {
	var d Decoder
	ours := func() {
		var v benchRecord
		d.Reset(benchJSON)
		decodeBenchRecord(&d, &v)
		if err := d.End(); err != nil {
			b.Fatal(err)
		}
	}
	std := func() {
		var v benchRecord
		if err := json.Unmarshal(benchJSON, &v); err != nil {
			b.Fatal(err)
		}
	}
	var oursTime, stdTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		ours()
		t1 := time.Now()
		std()
		oursTime += t1.Sub(t0)
		stdTime += time.Since(t1)
	}
	b.ReportMetric(float64(stdTime)/float64(oursTime), "speedup")
	b.ReportMetric(testing.AllocsPerRun(100, std)/testing.AllocsPerRun(100, ours), "allocs-ratio")
}

type createInput struct {
	Name  string            `json:"name"`
	Count *int32            `json:"count"`
	Tags  map[string]string `json:"tags"`
}

func encodeCreateInput(w *Writer, v *createInput) {
	w.ObjectStart()
	if v.Name != "" {
		w.Key("name")
		w.String(v.Name)
	}
	if v.Count != nil {
		w.Key("count")
		w.Int64(int64(*v.Count))
	}
	if v.Tags != nil {
		w.Key("tags")
		w.ObjectStart()
		for k, t := range v.Tags {
			w.Key(k)
			w.String(t)
		}
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func BenchmarkEncodeSmall(b *testing.B) {
	count := int32(3)
	in := createInput{Name: "my-resource", Count: &count, Tags: map[string]string{"env": "prod"}}
	b.Run("jsonwire", func(b *testing.B) {
		b.ReportAllocs()
		var w Writer
		for b.Loop() {
			w.Reset()
			encodeCreateInput(&w, &in)
		}
		b.SetBytes(int64(len(w.Bytes())))
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			out, err := json.Marshal(&in)
			if err != nil {
				b.Fatal(err)
			}
			n = len(out)
		}
		b.SetBytes(int64(n))
	})
}

// skipDoc is a ~100 KiB JSON array of benchJSON records.
var skipDoc = func() []byte {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for buf.Len() < 100<<10 {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		buf.Write(benchJSON)
	}
	buf.WriteByte(']')
	return buf.Bytes()
}()

func BenchmarkSkip100K(b *testing.B) {
	b.Run("jsonwire", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(skipDoc)))
		var d Decoder
		for b.Loop() {
			d.Reset(skipDoc)
			d.Skip()
			if err := d.End(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(skipDoc)))
		for b.Loop() {
			if !json.Valid(skipDoc) {
				b.Fatal("invalid")
			}
		}
	})
}

func TestSkipDocSize(t *testing.T) {
	if n := len(skipDoc); n < 100<<10 || n > 102<<10 || !json.Valid(skipDoc) || !skipValid(skipDoc) {
		t.Fatalf("skipDoc: %d bytes", n)
	}
	if strings.Count(string(skipDoc), `"unknownMember"`) < 90 {
		t.Fatal("skipDoc too small")
	}
}
