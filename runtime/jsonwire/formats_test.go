package jsonwire

import (
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		v    float64
		bits int
		want string
	}{
		{0, 64, "0"},
		{math.Copysign(0, -1), 64, "-0"},
		{1.5, 64, "1.5"},
		{0.1, 64, "0.1"},
		{float64(float32(0.1)), 32, "0.1"},
		{float64(float32(0.1)), 64, "0.10000000149011612"},
		{1e20, 64, "100000000000000000000"},
		{1e21, 64, "1e+21"},
		{1e-6, 64, "0.000001"},
		{1e-7, 64, "1e-7"},
		{1.5e-10, 64, "1.5e-10"},
		{1e100, 64, "1e+100"},
		{math.NaN(), 64, "NaN"},
		{math.Inf(1), 32, "Infinity"},
		{math.Inf(-1), 64, "-Infinity"},
		{2.5, 0, "2.5"}, // any size but 32 means 64
	}
	for _, tt := range tests {
		if got := string(AppendFloat([]byte("x"), tt.v, tt.bits)); got != "x"+tt.want {
			t.Errorf("AppendFloat(%v, %d) = %s, want x%s", tt.v, tt.bits, got, tt.want)
		}
	}
}

func TestParseFloat(t *testing.T) {
	tests := []struct {
		s    string
		bits int
		want float64
		err  string
	}{
		{"1.5", 64, 1.5, ""},
		{"-0.25e2", 64, -25, ""},
		{"1E400", 64, 0, `jsonwire: number 1E400 out of range for float64`},
		{"3.5e38", 32, 0, `jsonwire: number 3.5e38 out of range for float32`},
		{"3.4e38", 32, float64(float32(3.4e38)), ""},
		{"NaN", 64, math.NaN(), ""},
		{"Infinity", 32, math.Inf(1), ""},
		{"-Infinity", 64, math.Inf(-1), ""},
		{"", 64, 0, `jsonwire: invalid number ""`},
		{"inf", 64, 0, `jsonwire: invalid number "inf"`},
		{"+1", 64, 0, `jsonwire: invalid number "+1"`},
		{"01", 64, 0, `jsonwire: invalid number "01"`},
		{"1.", 64, 0, `jsonwire: invalid number "1."`},
		{"0x10", 64, 0, `jsonwire: invalid number "0x10"`},
		{"1_000", 64, 0, `jsonwire: invalid number "1_000"`},
		{" 1", 64, 0, `jsonwire: invalid number " 1"`},
	}
	for _, tt := range tests {
		got, err := ParseFloat(tt.s, tt.bits)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseFloat(%q) error %v, want %q", tt.s, err, tt.err)
			}
			continue
		}
		if err != nil || !(got == tt.want || math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("ParseFloat(%q, %d) = %v, %v, want %v", tt.s, tt.bits, got, err, tt.want)
		}
	}
}

// TestFloatRoundTrip checks that AppendFloat output parses back exactly,
// with both ParseFloat and the Decoder.
func TestFloatRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var w Writer
	var d Decoder
	for i := range 100000 {
		v := math.Float64frombits(r.Uint64())
		if i < 4 {
			v = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}[i]
		}
		for _, bits := range []int{32, 64} {
			if bits == 32 {
				v = float64(float32(v))
			}
			s := string(AppendFloat(nil, v, bits))
			got, err := ParseFloat(s, bits)
			if err != nil || math.Float64bits(got) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(got)) {
				t.Fatalf("ParseFloat(AppendFloat(%v, %d) = %s) = %v, %v", v, bits, s, got, err)
			}
			w.Reset()
			w.Float64(v, bits)
			d.Reset(w.Bytes())
			if bits == 32 {
				got = float64(d.Float32())
			} else {
				got = d.Float64()
			}
			if err := d.End(); err != nil || math.Float64bits(got) != math.Float64bits(v) && !(math.IsNaN(v) && math.IsNaN(got)) {
				t.Fatalf("decode(%s) = %v, %v, want %v", w.Bytes(), got, err, v)
			}
		}
	}
}

func TestEpochSeconds(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{t0, "1398796238"},
		{t0ms, "1398796238.123"},
		{t0ns, "1398796238.123456789"},
		{time.Unix(1, 1), "1.000000001"},
		{time.Unix(1, 500e6), "1.5"},
		{time.Unix(0, 0), "0"},
		{time.Unix(0, 100), "0.0000001"},
		{time.Unix(-1, 0), "-1"},
		{time.Unix(-1, 500e6), "-0.5"},
		{time.Unix(-1, 1), "-0.999999999"},
		{time.Unix(-2, 750e6), "-1.25"},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "-62135596800"},
		{time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), "253402300799.999999999"},
		{t0ms.In(time.FixedZone("X", 7200)), "1398796238.123"},
	}
	for _, tt := range tests {
		got := string(AppendEpochSeconds([]byte("x"), tt.t))
		if got != "x"+tt.want {
			t.Errorf("AppendEpochSeconds(%v) = %s, want x%s", tt.t, got, tt.want)
		}
		back, err := ParseEpochSeconds(tt.want)
		if err != nil || !back.Equal(tt.t) || back.Location() != time.UTC {
			t.Errorf("ParseEpochSeconds(%s) = %v, %v, want %v", tt.want, back, err, tt.t)
		}
	}
}

func TestParseEpochSeconds(t *testing.T) {
	tests := []struct {
		s    string
		want time.Time
		ok   bool
	}{
		{"1398796238.123", t0ms, true},
		{"1.398796238123E9", t0ms, true},
		{"1.398796238123e+9", t0ms, true},
		{"1398796238123e-3", t0ms, true},
		{"0.001398796238123e12", t0ms, true},
		{"1398796238.1234567891", t0ns, true},     // truncated below 1ns
		{"-0.0000000019", time.Unix(0, -1), true}, // truncated toward zero
		{"0e999999999999", time.Unix(0, 0), true},
		{"1e-999999999999", time.Unix(0, 0), true},
		{"-0", time.Unix(0, 0), true},
		{"253402300799.999999999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{"253402300800", time.Time{}, false},
		{"-62135596800", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"-62135596800.000000001", time.Time{}, false},
		{"-62135596801", time.Time{}, false},
		{"1e12", time.Time{}, false},
		{"1e999999999999", time.Time{}, false},
		{"99999999999999999999999999", time.Time{}, false},
		{"", time.Time{}, false},
		{"1.", time.Time{}, false},
		{"01", time.Time{}, false},
		{"1 ", time.Time{}, false},
		{"NaN", time.Time{}, false},
		{"Infinity", time.Time{}, false},
		{"2014-04-29T18:30:38Z", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := ParseEpochSeconds(tt.s)
		if !tt.ok {
			want := "jsonwire: invalid epoch-seconds timestamp " + strconv.Quote(tt.s)
			if err == nil || err.Error() != want {
				t.Errorf("ParseEpochSeconds(%q) = %v, %v, want error %s", tt.s, got, err, want)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseEpochSeconds(%q) = %v, %v, want %v", tt.s, got, err, tt.want)
		}
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{t0, "2014-04-29T18:30:38Z"},
		{t0ms, "2014-04-29T18:30:38.123Z"},
		{t0ns, "2014-04-29T18:30:38.123456789Z"},
		{time.Date(2014, 4, 29, 18, 30, 38, 100, time.UTC), "2014-04-29T18:30:38.0000001Z"},
		{t0ms.In(time.FixedZone("PDT", -7*3600)), "2014-04-29T18:30:38.123Z"},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01T00:00:00Z"},
		{time.Date(2000, 2, 29, 23, 59, 59, 0, time.UTC), "2000-02-29T23:59:59Z"},
	}
	for _, tt := range tests {
		got := string(AppendDateTime([]byte("x"), tt.t))
		if got != "x"+tt.want {
			t.Errorf("AppendDateTime(%v) = %s, want x%s", tt.t, got, tt.want)
		}
		back, err := ParseDateTime(tt.want)
		if err != nil || !back.Equal(tt.t) || back.Location() != time.UTC {
			t.Errorf("ParseDateTime(%s) = %v, %v, want %v", tt.want, back, err, tt.t)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	valid := []struct {
		s    string
		want time.Time
	}{
		{"2014-04-29T18:30:38Z", t0},
		{"2014-04-29t18:30:38z", t0},
		{"2014-04-29T18:30:38.1Z", t0.Add(100 * time.Millisecond)},
		{"2014-04-29T18:30:38.123456789123Z", t0ns},
		{"2014-04-29T18:30:38.000Z", t0},
		{"2014-04-29T18:30:38+00:00", t0},
		{"2014-04-29T18:30:38-00:00", t0},
		{"2014-04-29T20:30:38+02:00", t0},
		{"2014-04-29T13:00:38-05:30", t0},
		{"2014-04-30T05:00:38.123+10:30", t0ms},
		{"2014-04-29T18:30:38.123-23:59", t0ms.Add(23*time.Hour + 59*time.Minute)},
		{"2000-02-29T00:00:00Z", time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"2004-02-29T00:00:00Z", time.Date(2004, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"0000-01-01T00:00:00Z", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"9999-12-31T23:59:59.999999999Z", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)},
	}
	for _, tt := range valid {
		got, err := ParseDateTime(tt.s)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseDateTime(%q) = %v, %v, want %v", tt.s, got, err, tt.want)
		}
		// Agreement with the standard library where it applies.
		if std, err := time.Parse(time.RFC3339Nano, tt.s); err == nil && !std.Equal(got) {
			t.Errorf("ParseDateTime(%q) = %v, time.Parse %v", tt.s, got, std)
		}
	}
	invalid := []string{
		"",
		"2014-04-29",
		"2014-04-29T18:30:38",
		"2014-04-29T18:30:38.Z",
		"2014-04-29T18:30:38.123",
		"2014-04-29 18:30:38Z",
		"2014-04-29X18:30:38Z",
		"2014/04/29T18:30:38Z",
		"14-04-29T18:30:38Z",
		"2014-4-29T18:30:38Z",
		"2014-04-29T18:30Z",
		"2014-04-29T18:30:38ZZ",
		"2014-04-29T18:30:38Z ",
		" 2014-04-29T18:30:38Z",
		"2014-04-29T18:30:38+0200",
		"2014-04-29T18:30:38+02",
		"2014-04-29T18:30:38+24:00",
		"2014-04-29T18:30:38+02:60",
		"2014-04-29T18:30:38 +02:00",
		"2014-04-29T18:30:38UTC",
		"2014-00-29T18:30:38Z",
		"2014-13-29T18:30:38Z",
		"2014-04-00T18:30:38Z",
		"2014-04-31T18:30:38Z",
		"2014-02-29T18:30:38Z",
		"1900-02-29T18:30:38Z",
		"2014-04-29T24:00:00Z",
		"2014-04-29T18:60:38Z",
		"2014-04-29T18:30:60Z",
		"+2014-04-29T18:30:38Z",
		"2014-04-29T18:30:3aZ",
		"2014-04-29T18:30:38,123Z",
		"2014-04-29T18:30:38.12a3Z",
		"1398796238",
	}
	for _, s := range invalid {
		if got, err := ParseDateTime(s); err == nil || err.Error() != "jsonwire: invalid date-time timestamp "+strconv.Quote(s) {
			t.Errorf("ParseDateTime(%q) = %v, %v, want error", s, got, err)
		}
	}
}

func TestHTTPDate(t *testing.T) {
	for _, tm := range []time.Time{t0, t0ms, time.Date(1994, 11, 6, 8, 49, 37, 0, time.FixedZone("X", 3600)), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)} {
		got := string(AppendHTTPDate(nil, tm))
		if want := tm.UTC().Format(http.TimeFormat); got != want {
			t.Errorf("AppendHTTPDate(%v) = %s, want %s", tm, got, want)
		}
		back, err := ParseHTTPDate(got)
		if err != nil || !back.Equal(tm.Truncate(time.Second)) || back.Location() != time.UTC {
			t.Errorf("ParseHTTPDate(%s) = %v, %v", got, back, err)
		}
	}
}

func TestParseHTTPDate(t *testing.T) {
	sunday := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	valid := []struct {
		s    string
		want time.Time
	}{
		{"Sun, 06 Nov 1994 08:49:37 GMT", sunday},
		{"Sunday, 06-Nov-94 08:49:37 GMT", sunday},
		{"Sun Nov  6 08:49:37 1994", sunday},
		{"Tue, 29 Apr 2014 18:30:38 GMT", t0},
		{"Mon, 29 Apr 2014 18:30:38 GMT", t0}, // day name not checked against the date
		{"Thu, 29 Feb 2024 00:00:00 GMT", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range valid {
		got, err := ParseHTTPDate(tt.s)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseHTTPDate(%q) = %v, %v, want %v", tt.s, got, err, tt.want)
		}
		if std, err := http.ParseTime(tt.s); err != nil || !std.Equal(got) {
			t.Errorf("ParseHTTPDate(%q) = %v, net/http %v %v", tt.s, got, std, err)
		}
	}
	invalid := []string{
		"",
		"Sun, 06 Nov 1994 08:49:37 UTC",
		"Sun, 06 Nov 1994 08:49:37 gmt",
		"Sun, 6 Nov 1994 08:49:37 GMT",
		"Xyz, 06 Nov 1994 08:49:37 GMT",
		"Sun, 06 Foo 1994 08:49:37 GMT",
		"Sun, 31 Nov 1994 08:49:37 GMT",
		"Sun, 29 Feb 2023 08:49:37 GMT",
		"Sun, 06 Nov 1994 24:49:37 GMT",
		"Sun, 06 Nov 1994 08:60:37 GMT",
		"Sun, 06 Nov 1994 08:49:60 GMT",
		"Sun, 06 Nov 1994 08:49:3x GMT",
		"Sun, 06 Nov 94 08:49:37 GMT",
		"Sun, 06 Nov 1994 08:49:37 GMT ",
		"1994-11-06T08:49:37Z",
		"784111777",
	}
	for _, s := range invalid {
		if got, err := ParseHTTPDate(s); err == nil || err.Error() != "jsonwire: invalid http-date timestamp "+strconv.Quote(s) {
			t.Errorf("ParseHTTPDate(%q) = %v, %v, want error", s, got, err)
		}
	}
}

// TestTimestampRoundTrip checks that random times written by the Writer
// are read back by the Decoder: exactly for epoch-seconds and date-time,
// to the second for http-date.
func TestTimestampRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var w Writer
	var d Decoder
	for i := range 20000 {
		sec := r.Int64N(maxEpochSeconds-minEpochSeconds) + minEpochSeconds
		nsec := r.Int64N(1e9)
		switch i % 4 {
		case 0:
			nsec = 0
		case 1:
			nsec -= nsec % 1e6
		}
		tm := time.Unix(sec, nsec)
		w.Reset()
		w.ArrayStart()
		w.EpochSeconds(tm)
		w.DateTime(tm)
		w.HTTPDate(tm)
		w.ArrayEnd()
		d.Reset(w.Bytes())
		var got []time.Time
		d.ArrayNext()
		got = append(got, d.EpochSeconds())
		d.ArrayNext()
		got = append(got, d.DateTime())
		d.ArrayNext()
		got = append(got, d.HTTPDate())
		d.ArrayNext()
		if err := d.End(); err != nil {
			t.Fatalf("%s: %v", w.Bytes(), err)
		}
		if !got[0].Equal(tm) || !got[1].Equal(tm) || !got[2].Equal(tm.Truncate(time.Second)) {
			t.Fatalf("%v: %s read back as %v", tm, w.Bytes(), got)
		}
	}
}
