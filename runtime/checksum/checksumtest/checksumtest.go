// Package checksumtest checks the flexible checksums of requests in tests, against
// reference implementations written from the algorithms' definitions (bit by bit,
// independent of hash/crc32 and hash/crc64's tables, which runtime/checksum uses).
// Test servers of the runtime and of interop suites use Verify.
package checksumtest

import (
	"bufio"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// CRC32 is a reflected CRC-32 with initial value and final xor all ones, bit by bit:
// poly 0xEDB88320 is CRC-32 (IEEE), 0x82F63B78 CRC-32C (Castagnoli).
func CRC32(poly uint32, data []byte) uint32 { return reflectedCRC(poly, data) }

// CRC64NVME is CRC-64/NVME (polynomial 0xAD93D23594C93659, reflected, initial value
// and final xor all ones), bit by bit; the reflected polynomial is computed here from
// the normal one.
func CRC64NVME(data []byte) uint64 {
	const poly uint64 = 0xAD93D23594C93659
	var rev uint64
	for i := range 64 {
		if poly>>i&1 != 0 {
			rev |= 1 << (63 - i)
		}
	}
	return reflectedCRC(rev, data)
}

// reflectedCRC is a reflected CRC of the reflected polynomial poly, initial value and
// final xor all ones, bit by bit.
func reflectedCRC[T uint32 | uint64](poly T, data []byte) T {
	crc := ^T(0)
	for _, b := range data {
		crc ^= T(b)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ poly
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

// Sum returns the base64 checksum of data in an algorithm named as the models name
// them (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), from the references.
func Sum(alg string, data []byte) (string, error) {
	var digest []byte
	switch strings.ToUpper(alg) {
	case "CRC32":
		digest = binary.BigEndian.AppendUint32(nil, CRC32(0xEDB88320, data))
	case "CRC32C":
		digest = binary.BigEndian.AppendUint32(nil, CRC32(0x82F63B78, data))
	case "CRC64NVME":
		digest = binary.BigEndian.AppendUint64(nil, CRC64NVME(data))
	case "SHA1":
		s := sha1.Sum(data)
		digest = s[:]
	case "SHA256":
		s := sha256.Sum256(data)
		digest = s[:]
	default:
		return "", fmt.Errorf("no reference for %q", alg)
	}
	return base64.StdEncoding.EncodeToString(digest), nil
}

// Checked is what Verify found in a request.
type Checked struct {
	Body      []byte // the payload, aws-chunked decoded
	Algorithm string // upper case; empty when the request has no checksum
	Value     string
	Trailer   bool // the checksum came in an aws-chunked trailer
}

// Verify reads a request's body (decoding aws-chunked when Content-Encoding says so,
// checking X-Amz-Decoded-Content-Length) and checks its x-amz-checksum-* header or
// trailer against the references. A request with no checksum is not an error: look at
// Checked.Algorithm.
func Verify(r *http.Request) (Checked, error) {
	var c Checked
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return c, err
	}
	c.Body = raw
	values := map[string]string{}
	for k, v := range r.Header {
		if k := strings.ToLower(k); strings.HasPrefix(k, "x-amz-checksum-") && k != "x-amz-checksum-mode" && k != "x-amz-checksum-type" && k != "x-amz-checksum-algorithm" {
			values[k] = v[0]
		}
	}
	if chunked := strings.Contains(strings.ToLower(r.Header.Get("Content-Encoding")), "aws-chunked"); chunked {
		body, trailers, err := decodeChunked(raw)
		if err != nil {
			return c, err
		}
		c.Body = body
		if d := r.Header.Get("X-Amz-Decoded-Content-Length"); d != strconv.Itoa(len(body)) {
			return c, fmt.Errorf("X-Amz-Decoded-Content-Length %q, the decoded body has %d bytes", d, len(body))
		}
		want := strings.ToLower(r.Header.Get("X-Amz-Trailer"))
		for k, v := range trailers {
			if k != want {
				return c, fmt.Errorf("trailer %q not announced in X-Amz-Trailer %q", k, want)
			}
			values[k] = v
			c.Trailer = true
		}
		if want != "" && !c.Trailer {
			return c, fmt.Errorf("X-Amz-Trailer %q announced, no trailer sent", want)
		}
	}
	if len(values) > 1 {
		return c, fmt.Errorf("more than one checksum: %v", values)
	}
	for k, v := range values {
		c.Algorithm, c.Value = strings.ToUpper(strings.TrimPrefix(k, "x-amz-checksum-")), v
		want, err := Sum(c.Algorithm, c.Body)
		if err != nil {
			return c, err
		}
		if v != want {
			return c, fmt.Errorf("%s %s is not the checksum of the %d bytes sent (%s)", k, v, len(c.Body), want)
		}
		if a := r.Header.Get("X-Amz-Sdk-Checksum-Algorithm"); a != "" && !strings.EqualFold(a, c.Algorithm) {
			return c, fmt.Errorf("x-amz-sdk-checksum-algorithm %s, the checksum sent is %s", a, c.Algorithm)
		}
	}
	return c, nil
}

// decodeChunked decodes aws-chunked, written here from S3's description of the format
// (independent of runtime/checksum's decoder).
func decodeChunked(raw []byte) ([]byte, map[string]string, error) {
	br := bufio.NewReader(strings.NewReader(string(raw)))
	var body []byte
	for {
		line, err := br.ReadString('\n')
		if err != nil || !strings.HasSuffix(line, "\r\n") {
			return nil, nil, errors.New("aws-chunked: truncated chunk header")
		}
		size, _, _ := strings.Cut(strings.TrimSuffix(line, "\r\n"), ";")
		n, err := strconv.ParseUint(size, 16, 32)
		if err != nil {
			return nil, nil, fmt.Errorf("aws-chunked: chunk size %q", size)
		}
		if n == 0 {
			break
		}
		chunk := make([]byte, n+2)
		if _, err := io.ReadFull(br, chunk); err != nil || string(chunk[n:]) != "\r\n" {
			return nil, nil, errors.New("aws-chunked: a chunk does not match its size")
		}
		body = append(body, chunk[:n]...)
	}
	trailers := map[string]string{}
	for {
		line, err := br.ReadString('\n')
		if err != nil || !strings.HasSuffix(line, "\r\n") {
			return nil, nil, errors.New("aws-chunked: truncated trailer")
		}
		if line == "\r\n" {
			break
		}
		k, v, ok := strings.Cut(strings.TrimSuffix(line, "\r\n"), ":")
		if !ok {
			return nil, nil, fmt.Errorf("aws-chunked: trailer %q", line)
		}
		trailers[strings.ToLower(k)] = v
	}
	if rest, _ := io.ReadAll(br); len(rest) > 0 {
		return nil, nil, fmt.Errorf("aws-chunked: %d bytes after the end", len(rest))
	}
	return body, trailers, nil
}
