// Package httpbind formats and parses the scalar values that rest protocols bind to URI
// labels, query parameters and headers, for generated clients and servers alike.
package httpbind

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// Timestamp formats, as the model names them.
const (
	EpochSeconds = "unixTimestamp"
	DateTime     = "iso8601"
	HTTPDate     = "rfc822"
)

// FormatTime formats t in one of the model's timestamp formats.
func FormatTime(t time.Time, format string) string {
	switch format {
	case EpochSeconds:
		return string(jsonwire.AppendEpochSeconds(nil, t))
	case HTTPDate:
		return string(jsonwire.AppendHTTPDate(nil, t))
	}
	return string(jsonwire.AppendDateTime(nil, t))
}

// ParseTime parses a timestamp in one of the model's formats.
func ParseTime(s, format string) (time.Time, error) {
	switch format {
	case EpochSeconds:
		return jsonwire.ParseEpochSeconds(s)
	case HTTPDate:
		return jsonwire.ParseHTTPDate(s)
	}
	return jsonwire.ParseDateTime(s)
}

// FormatFloat formats a float as the protocols want (NaN, Infinity, -Infinity).
func FormatFloat(v float64, bits int) string { return string(jsonwire.AppendFloat(nil, v, bits)) }

// ParseFloat parses a float, accepting NaN, Infinity and -Infinity.
func ParseFloat(s string, bits int) (float64, error) { return jsonwire.ParseFloat(s, bits) }

// ParseInt parses a base-10 integer that must fit in bits.
func ParseInt(s string, bits int) (int64, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, bits)
	if err != nil {
		return 0, fmt.Errorf("%q is not a %d-bit integer", s, bits)
	}
	return v, nil
}

// ParseBigInt parses an integer of any size.
func ParseBigInt(s string) (*big.Int, error) { return jsonwire.ParseBigInt(strings.TrimSpace(s)) }

// ParseBigFloat parses a decimal of any size and precision.
func ParseBigFloat(s string) (*big.Float, error) { return jsonwire.ParseBigFloat(strings.TrimSpace(s)) }

// FormatBigFloat formats a decimal with the fewest digits that give it back.
func FormatBigFloat(v *big.Float) string { return string(jsonwire.AppendBigFloat(nil, v)) }

// ParseBool parses true or false.
func ParseBool(s string) (bool, error) {
	switch strings.TrimSpace(s) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

// EncodeJSONValue base64-encodes a JSON value for a header.
func EncodeJSONValue(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// DecodeJSONValue decodes a base64-encoded JSON value from a header.
func DecodeJSONValue(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("header value is not base64: %w", err)
	}
	return string(b), nil
}

// JoinHeaderList joins list values into one header value, quoting those that hold a
// comma or a double quote.
func JoinHeaderList(values []string) string {
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		if strings.ContainsAny(v, ",\"") {
			b.WriteString(strconv.Quote(v))
		} else {
			b.WriteString(v)
		}
	}
	return b.String()
}

// JoinHeaderTimes joins HTTP dates into one header value. Their own commas ("Mon, 02
// Jan ...") are not quoted, as AWS protocols want: SplitHeaderTimes takes them apart.
func JoinHeaderTimes(values []string) string { return strings.Join(values, ", ") }

// SplitHeaderList splits header values into list items: each value on commas outside
// double quotes, items trimmed and unquoted.
func SplitHeaderList(values []string) []string {
	var out []string
	for _, v := range values {
		for len(v) > 0 {
			v = strings.TrimLeft(v, " \t")
			if strings.HasPrefix(v, `"`) {
				end := 1
				for end < len(v) && v[end] != '"' {
					if v[end] == '\\' {
						end++
					}
					end++
				}
				item := v[:min(end+1, len(v))]
				if u, err := strconv.Unquote(item); err == nil {
					out = append(out, u)
				} else {
					out = append(out, strings.Trim(item, `"`))
				}
				v = v[min(end+1, len(v)):]
				v = strings.TrimLeft(v, " \t")
				v = strings.TrimPrefix(v, ",")
				continue
			}
			item, rest, found := strings.Cut(v, ",")
			out = append(out, strings.TrimSpace(item))
			v = rest
			if !found {
				break
			}
		}
	}
	return out
}

// SplitHeaderTimes splits a header of HTTP dates, whose own commas ("Mon, 02 Jan ...")
// are not separators: every second comma is.
func SplitHeaderTimes(values []string) []string {
	var out []string
	for _, v := range values {
		parts := strings.Split(v, ",")
		for i := 0; i+1 < len(parts); i += 2 {
			out = append(out, strings.TrimSpace(parts[i]+","+parts[i+1]))
		}
	}
	return out
}

// UUID returns a random (version 4) UUID, for idempotency tokens.
func UUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("httpbind: no randomness: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hex = "0123456789abcdef"
	var s [36]byte
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hex[c>>4], hex[c&15]
		j += 2
	}
	return string(s[:])
}
