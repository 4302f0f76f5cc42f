package cborwire

import (
	"fmt"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// benchResult is a CloudWatch MetricDataResult: what GetMetricData returns, 50 a page.
type benchResult struct {
	ID         *string     `cbor:"Id,omitempty"`
	Label      *string     `cbor:"Label,omitempty"`
	Timestamps []time.Time `cbor:"Timestamps"`
	Values     []float64   `cbor:"Values"`
	StatusCode *string     `cbor:"StatusCode,omitempty"`
}

func benchResults() []benchResult {
	out := make([]benchResult, 50)
	for i := range out {
		id, label, status := fmt.Sprintf("q%d", i), fmt.Sprintf("latency of shard %d", i), "Complete"
		r := benchResult{ID: &id, Label: &label, StatusCode: &status}
		for j := 0; j < 20; j++ {
			r.Timestamps = append(r.Timestamps, time.Unix(1704164645+int64(60*j), 0).UTC())
			r.Values = append(r.Values, float64(i*j)/7)
		}
		out[i] = r
	}
	return out
}

// writeResults is what generated serde code does.
func writeResults(w *Writer, rs []benchResult) {
	w.ObjectStart()
	w.Key("MetricDataResults")
	w.ArrayStart()
	for i := range rs {
		r := &rs[i]
		w.ObjectStart()
		if r.ID != nil {
			w.Key("Id")
			w.String(*r.ID)
		}
		if r.Label != nil {
			w.Key("Label")
			w.String(*r.Label)
		}
		w.Key("Timestamps")
		w.ArrayStart()
		for _, t := range r.Timestamps {
			w.EpochSeconds(t)
		}
		w.ArrayEnd()
		w.Key("Values")
		w.ArrayStart()
		for _, v := range r.Values {
			w.Float64(v, 64)
		}
		w.ArrayEnd()
		if r.StatusCode != nil {
			w.Key("StatusCode")
			w.String(*r.StatusCode)
		}
		w.ObjectEnd()
	}
	w.ArrayEnd()
	w.ObjectEnd()
}

func readResults(d *Decoder) []benchResult {
	var out []benchResult
	for d.ObjectNext() {
		if string(d.Key()) != "MetricDataResults" {
			d.Skip()
			continue
		}
		for d.ArrayNext() {
			var r benchResult
			for d.ObjectNext() {
				switch string(d.Key()) {
				case "Id":
					r.ID = d.StringPtr()
				case "Label":
					r.Label = d.StringPtr()
				case "StatusCode":
					r.StatusCode = d.StringPtr()
				case "Timestamps":
					for d.ArrayNext() {
						r.Timestamps = append(r.Timestamps, d.EpochSeconds())
					}
				case "Values":
					for d.ArrayNext() {
						r.Values = append(r.Values, d.Float64())
					}
				default:
					d.Skip()
				}
			}
			out = append(out, r)
		}
	}
	return out
}

type benchOutput struct {
	MetricDataResults []benchResult `cbor:"MetricDataResults"`
}

var benchEnc, _ = cbor.EncOptions{Time: cbor.TimeUnixDynamic, TimeTag: cbor.EncTagRequired}.EncMode()

// BenchmarkEncode: a page of 50 GetMetricData results, by the Writer as generated
// code drives it and by fxamacker/cbor's reflection.
func BenchmarkEncode(b *testing.B) {
	rs := benchResults()
	b.Run("cborwire", func(b *testing.B) {
		b.ReportAllocs()
		var w Writer
		for b.Loop() {
			w.Reset()
			writeResults(&w, rs)
		}
		b.SetBytes(int64(len(w.Bytes())))
	})
	b.Run("fxamacker", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			out, err := benchEnc.Marshal(benchOutput{rs})
			if err != nil {
				b.Fatal(err)
			}
			n = len(out)
		}
		b.SetBytes(int64(n))
	})
}

// BenchmarkDecode: the same page read back.
func BenchmarkDecode(b *testing.B) {
	var w Writer
	writeResults(&w, benchResults())
	data := w.Bytes()
	b.Run("cborwire", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			d := NewDecoderShared(data)
			if rs := readResults(d); len(rs) != 50 || d.End() != nil {
				b.Fatal(d.Err())
			}
		}
	})
	b.Run("fxamacker", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var out benchOutput
			if err := cbor.Unmarshal(data, &out); err != nil || len(out.MetricDataResults) != 50 {
				b.Fatal(err)
			}
		}
	})
}

// TestBenchAgree: the two encoders of the benchmark write the same value.
func TestBenchAgree(t *testing.T) {
	rs := benchResults()
	var w Writer
	writeResults(&w, rs)
	var out benchOutput
	if err := cbor.Unmarshal(w.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(out.MetricDataResults[7].Values) != fmt.Sprint(rs[7].Values) || !out.MetricDataResults[7].Timestamps[3].Equal(rs[7].Timestamps[3]) {
		t.Errorf("the oracle reads %+v", out.MetricDataResults[7])
	}
	got := readResults(NewDecoder(w.Bytes()))
	if *got[49].Label != *rs[49].Label || !got[49].Timestamps[19].Equal(rs[49].Timestamps[19]) {
		t.Errorf("read back %+v", got[49])
	}
}
