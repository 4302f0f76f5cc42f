package xmlwire

import (
	"testing"
	"time"
)

// TestPtrReaders: each ...Ptr method reads what its value method reads, into a new
// variable, and reports bad text the same way.
func TestPtrReaders(t *testing.T) {
	d := NewDecoder([]byte(`<r><s>a&amp;b</s><b>true</b><i8>-8</i8><i16>300</i16><i32>70000</i32><i64>-5000000000</i64>` +
		`<f32>1.5</f32><f64>NaN</f64><t>2024-01-02T03:04:05Z</t><s2>a&amp;b</s2><bad>x</bad></r>`))
	if _, ok := d.Next(); !ok {
		t.Fatal(d.Err())
	}
	var ptrs []any
	reads := []func(){
		func() { ptrs = append(ptrs, d.StringPtr()) },
		func() { ptrs = append(ptrs, d.BoolPtr()) },
		func() { ptrs = append(ptrs, d.Int8Ptr()) },
		func() { ptrs = append(ptrs, d.Int16Ptr()) },
		func() { ptrs = append(ptrs, d.Int32Ptr()) },
		func() { ptrs = append(ptrs, d.Int64Ptr()) },
		func() { ptrs = append(ptrs, d.Float32Ptr()) },
		func() { ptrs = append(ptrs, d.Float64Ptr()) },
		func() { ptrs = append(ptrs, d.TimePtr("iso8601")) },
		func() { ptrs = append(ptrs, d.StringPtr()) },
		func() { ptrs = append(ptrs, d.Int32Ptr()) },
	}
	for _, read := range reads {
		if _, ok := d.Next(); !ok {
			t.Fatal(d.Err())
		}
		read()
	}
	if d.Err() == nil {
		t.Error("<bad>x</bad> read as an integer without an error")
	}
	s := *ptrs[0].(*string)
	if s != "a&b" || *ptrs[1].(*bool) != true || *ptrs[2].(*int8) != -8 || *ptrs[3].(*int16) != 300 || *ptrs[4].(*int32) != 70000 ||
		*ptrs[5].(*int64) != -5000000000 || *ptrs[6].(*float32) != 1.5 || *ptrs[7].(*float64) == *ptrs[7].(*float64) ||
		!ptrs[8].(*time.Time).Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("read %v %v %v %v %v %v %v %v %v", s, *ptrs[1].(*bool), *ptrs[2].(*int8), *ptrs[3].(*int16), *ptrs[4].(*int32),
			*ptrs[5].(*int64), *ptrs[6].(*float32), *ptrs[7].(*float64), *ptrs[8].(*time.Time))
	}
	if ptrs[0].(*string) == ptrs[9].(*string) || *ptrs[9].(*string) != s {
		t.Error("StringPtr does not return a new variable each time")
	}
}
