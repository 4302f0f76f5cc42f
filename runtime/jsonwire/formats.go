package jsonwire

// Scalar formats shared by the JSON body codecs and by the header, query and
// URI serializers of generated code: floats with the AWS spellings of the
// special values, and the three Smithy timestamp formats.

import (
	"errors"
	"math"
	"strconv"
	"time"
)

const (
	httpDateLayout = "Mon, 02 Jan 2006 15:04:05 GMT"  // RFC 7231 IMF-fixdate
	rfc850Layout   = "Monday, 02-Jan-06 15:04:05 GMT" // obsolete RFC 850 form
	asctimeLayout  = "Mon Jan _2 15:04:05 2006"       // obsolete asctime() form
)

// Epoch-seconds values are accepted for years 0001 through 9999, the years a
// date-time string can represent.
const (
	minEpochSeconds = -62135596800 // 0001-01-01T00:00:00Z
	maxEpochSeconds = 253402300799 // 9999-12-31T23:59:59Z
)

var pow10 = [...]int{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// AppendFloat appends v formatted as encoding/json formats a float of the
// given bit size (32 or 64): the shortest representation that parses back
// to the same value, in exponent form only below 1e-6 and from 1e21. NaN and
// the infinities are written as the bare words NaN, Infinity and -Infinity.
func AppendFloat(dst []byte, v float64, bits int) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, "NaN"...)
	case math.IsInf(v, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(v, -1):
		return append(dst, "-Infinity"...)
	}
	if bits != 32 {
		bits = 64
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, v, format, -1, bits)
	if format == 'e' { // shorten e-09 to e-9, as encoding/json does
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// ParseFloat parses a JSON number, or one of the words NaN, Infinity and
// -Infinity, as a float of the given bit size (32 or 64). Values too large
// for the bit size are an error; values too small round to zero.
func ParseFloat(s string, bits int) (float64, error) {
	if v, ok := specialFloat(s); ok {
		return v, nil
	}
	if end, _, ok := scanNumber(s, 0); !ok || end != len(s) {
		return 0, errors.New("jsonwire: invalid number " + strconv.Quote(abbrev(s)))
	}
	if bits != 32 {
		bits = 64
	}
	v, err := strconv.ParseFloat(s, bits)
	if err != nil { // the syntax is valid, so this is a range error
		return 0, errors.New("jsonwire: " + outOfRange(s, "float", bits))
	}
	return v, nil
}

func outOfRange[T string | []byte](num T, kind string, bits int) string {
	return "number " + abbrev(num) + " out of range for " + kind + strconv.Itoa(bits)
}

// abbrev returns s, shortened if it is too long to quote in full in an
// error message.
func abbrev[T string | []byte](s T) string {
	if len(s) > 40 {
		return string(s[:40]) + "..."
	}
	return string(s)
}

// specialFloat returns the value of the words NaN, Infinity and -Infinity.
func specialFloat[T string | []byte](s T) (float64, bool) {
	switch string(s) {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	return 0, false
}

// scanNumber scans the JSON number starting at s[i]. It returns the end of
// the number and whether it is an integer (no fraction, no exponent). If the
// syntax is invalid, ok is false and end is the offset of the offending byte.
func scanNumber[T string | []byte](s T, i int) (end int, isInt, ok bool) {
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		i = skipDigits(s, i)
	default:
		return i, false, false
	}
	isInt = true
	if i < len(s) && s[i] == '.' {
		isInt = false
		if i++; i == len(s) || !isDigit(s[i]) {
			return i, false, false
		}
		i = skipDigits(s, i)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		isInt = false
		if i++; i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || !isDigit(s[i]) {
			return i, false, false
		}
		i = skipDigits(s, i)
	}
	return i, isInt, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func skipDigits[T string | []byte](s T, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// AppendEpochSeconds appends t as a number of seconds since the Unix epoch,
// with the shortest exact decimal fraction when t has a sub-second part:
// 1398796238, 1398796238.5, 1398796238.000000001, -0.25.
func AppendEpochSeconds(dst []byte, t time.Time) []byte {
	sec, nsec := t.Unix(), int64(t.Nanosecond())
	if sec < 0 {
		dst = append(dst, '-')
		if nsec > 0 { // -1s + 0.75s is written -0.25
			sec, nsec = sec+1, 1e9-nsec
		}
		dst = strconv.AppendUint(dst, uint64(-sec), 10)
	} else {
		dst = strconv.AppendInt(dst, sec, 10)
	}
	if nsec == 0 {
		return dst
	}
	digits := 9
	for nsec%10 == 0 {
		nsec /= 10
		digits--
	}
	dst = append(dst, '.')
	for p := pow10[digits-1]; p > 0; p /= 10 {
		dst = append(dst, byte('0'+nsec/int64(p)%10))
	}
	return dst
}

// ParseEpochSeconds parses a JSON number of seconds since the Unix epoch,
// with optional fraction and exponent (1398796238, 1398796238.123,
// 1.398796238123E9). The conversion is exact to the nanosecond; further
// digits are truncated toward zero. Years outside 0001-9999 are an error.
// The result is in UTC.
func ParseEpochSeconds(s string) (time.Time, error) {
	t, ok := parseEpochSeconds(s)
	if !ok {
		return time.Time{}, errors.New("jsonwire: " + badTimestamp("epoch-seconds", s))
	}
	return t, nil
}

func badTimestamp[T string | []byte](format string, s T) string {
	return "invalid " + format + " timestamp " + strconv.Quote(abbrev(s))
}

func parseEpochSeconds[T string | []byte](s T) (time.Time, bool) {
	if end, _, ok := scanNumber(s, 0); !ok || end != len(s) {
		return time.Time{}, false
	}
	// Split into integer digits s[0:intEnd] (after any '-'), fraction digits
	// s[fracStart:fracEnd] and a decimal exponent.
	i, neg := 0, s[0] == '-'
	if neg {
		i++
	}
	intStart := i
	intEnd := skipDigits(s, i)
	fracStart, fracEnd := intEnd, intEnd
	if intEnd < len(s) && s[intEnd] == '.' {
		fracStart = intEnd + 1
		fracEnd = skipDigits(s, fracStart)
	}
	exp := 0
	if i = fracEnd; i < len(s) { // exponent
		i++
		expNeg := s[i] == '-'
		if s[i] == '+' || s[i] == '-' {
			i++
		}
		for ; i < len(s); i++ {
			if exp < 1e6 { // saturate; anything this large is out of range anyway
				exp = exp*10 + int(s[i]-'0')
			}
		}
		if expNeg {
			exp = -exp
		}
	}
	// Mantissa digit k (counting integer then fraction digits) is an integer
	// digit of the value if k < point, else fraction digit k-point.
	nInt := intEnd - intStart
	n := nInt + fracEnd - fracStart
	point := nInt + exp
	var sec, nsec int64
	for k := range n {
		var c byte
		if k < nInt {
			c = s[intStart+k]
		} else {
			c = s[fracStart+k-nInt]
		}
		d := int64(c - '0')
		if pos := k - point; pos < 0 {
			if sec = sec*10 + d; sec > maxEpochSeconds {
				return time.Time{}, false
			}
		} else if pos < 9 {
			nsec += d * int64(pow10[8-pos])
		}
	}
	for k := n; k < point && sec != 0; k++ { // trailing zeros of a positive exponent
		if sec *= 10; sec > maxEpochSeconds {
			return time.Time{}, false
		}
	}
	if neg {
		if sec > -minEpochSeconds || sec == -minEpochSeconds && nsec > 0 {
			return time.Time{}, false
		}
		sec, nsec = -sec, -nsec
	}
	return time.Unix(sec, nsec).UTC(), true
}

// AppendDateTime appends t as an RFC 3339 date-time in UTC, with a
// fractional second only when t has a sub-second part, trimmed of trailing
// zeros: 2014-04-29T18:30:38Z, 2014-04-29T18:30:38.123Z. Years outside
// 0000-9999 cannot be represented in RFC 3339; they are written as
// time.Time.Format writes them, and ParseDateTime rejects the result.
func AppendDateTime(dst []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(dst, "2006-01-02T15:04:05.999999999Z07:00")
}

// ParseDateTime parses an RFC 3339 date-time: YYYY-MM-DDThh:mm:ss with an
// optional fraction of any length (digits beyond nanoseconds are
// truncated), ending in Z or a numeric offset ±hh:mm. As RFC 3339 allows,
// T and Z may be lower case. Field ranges are checked, including the
// number of days in the month; a leap second (60) is rejected because
// time.Time cannot represent it. The result is in UTC.
func ParseDateTime(s string) (time.Time, error) {
	t, ok := parseDateTime(s)
	if !ok {
		return time.Time{}, errors.New("jsonwire: " + badTimestamp("date-time", s))
	}
	return t, nil
}

func parseDateTime[T string | []byte](s T) (time.Time, bool) {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' && s[10] != 't' ||
		s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := fixedDigits(s, 0, 4)
	month, ok2 := fixedDigits(s, 5, 2)
	day, ok3 := fixedDigits(s, 8, 2)
	hour, ok4 := fixedDigits(s, 11, 2)
	minute, ok5 := fixedDigits(s, 14, 2)
	sec, ok6 := fixedDigits(s, 17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || !validDate(year, month, day) ||
		hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	i, nsec := 19, 0
	if s[i] == '.' {
		i++
		start := i
		for ; i < len(s) && isDigit(s[i]); i++ {
			if i-start < 9 {
				nsec = nsec*10 + int(s[i]-'0')
			}
		}
		if i == start {
			return time.Time{}, false
		}
		if digits := i - start; digits < 9 {
			nsec *= pow10[9-digits]
		}
	}
	offset := 0
	switch {
	case i == len(s)-1 && (s[i] == 'Z' || s[i] == 'z'):
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-') && s[i+3] == ':':
		oh, ok1 := fixedDigits(s, i+1, 2)
		om, ok2 := fixedDigits(s, i+4, 2)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		if offset = (oh*60 + om) * 60; s[i] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec-offset, nsec, time.UTC), true
}

// fixedDigits parses the n decimal digits at s[i:i+n].
func fixedDigits[T string | []byte](s T, i, n int) (int, bool) {
	v := 0
	for j := i; j < i+n; j++ {
		c := s[j]
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return day <= 29
		}
		return day <= 28
	case 4, 6, 9, 11:
		return day <= 30
	}
	return day <= 31
}

// AppendHTTPDate appends t as an RFC 7231 IMF-fixdate in GMT, such as
// "Tue, 29 Apr 2014 18:30:38 GMT". The format has no sub-second part, so
// fractions of a second are truncated.
func AppendHTTPDate(dst []byte, t time.Time) []byte {
	return t.UTC().AppendFormat(dst, httpDateLayout)
}

// ParseHTTPDate parses an HTTP date as net/http.ParseTime does: the
// IMF-fixdate form "Tue, 29 Apr 2014 18:30:38 GMT", or one of the obsolete
// forms "Tuesday, 29-Apr-14 18:30:38 GMT" (RFC 850) and
// "Tue Apr 29 18:30:38 2014" (asctime). As in net/http, the day name is
// checked for syntax but not against the date. The result is in UTC.
func ParseHTTPDate(s string) (time.Time, error) {
	t, ok := parseHTTPDate(s)
	if !ok {
		return time.Time{}, errors.New("jsonwire: " + badTimestamp("http-date", s))
	}
	return t, nil
}

const (
	dayNames   = "MonTueWedThuFriSatSun"
	monthNames = "JanFebMarAprMayJunJulAugSepOctNovDec"
)

func parseHTTPDate[T string | []byte](s T) (time.Time, bool) {
	// Fast path for IMF-fixdate: "Tue, 29 Apr 2014 18:30:38 GMT".
	if len(s) == 29 && s[3] == ',' && s[4] == ' ' && s[7] == ' ' && s[11] == ' ' &&
		s[16] == ' ' && s[19] == ':' && s[22] == ':' && string(s[25:]) == " GMT" &&
		nameIndex(dayNames, string(s[0:3])) >= 0 {
		day, ok1 := fixedDigits(s, 5, 2)
		month := nameIndex(monthNames, string(s[8:11])) + 1
		year, ok2 := fixedDigits(s, 12, 4)
		hour, ok3 := fixedDigits(s, 17, 2)
		minute, ok4 := fixedDigits(s, 20, 2)
		sec, ok5 := fixedDigits(s, 23, 2)
		if ok1 && ok2 && ok3 && ok4 && ok5 && validDate(year, month, day) &&
			hour <= 23 && minute <= 59 && sec <= 59 {
			return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), true
		}
		return time.Time{}, false
	}
	for _, layout := range [...]string{rfc850Layout, asctimeLayout} {
		if t, err := time.Parse(layout, string(s)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// nameIndex returns the index of the three-letter name in names, or -1.
func nameIndex(names, name string) int {
	for i := 0; i < len(names); i += 3 {
		if names[i:i+3] == name {
			return i / 3
		}
	}
	return -1
}
