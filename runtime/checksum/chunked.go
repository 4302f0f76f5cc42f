package checksum

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
)

// ChunkSize is the size of the chunks of an aws-chunked body (the last one may be
// shorter).
const ChunkSize = 64 << 10

// ChunkedReader encodes a body of known length as aws-chunked with its checksum in a
// trailer, as S3 takes a body whose checksum is not known before it is sent (the
// x-amz-content-sha256 STREAMING-UNSIGNED-PAYLOAD-TRAILER): each chunk is its size in
// hex, CRLF, the bytes, CRLF; then "0" CRLF, the trailer "x-amz-checksum-<alg>:<base64>"
// CRLF, and CRLF.
//
// The request carries Content-Encoding: aws-chunked, X-Amz-Decoded-Content-Length (the
// body's length), X-Amz-Trailer (the trailer's name) and Content-Length EncodedLength.
type ChunkedReader struct {
	body    io.Reader
	h       hash.Hash
	trailer string
	left    int64 // bytes of the body still to encode
	buf     []byte
	pending []byte // encoded bytes not yet returned
	done    bool
}

// NewChunkedReader returns the aws-chunked encoding of the length bytes of body.
func NewChunkedReader(body io.Reader, length int64, alg string) (*ChunkedReader, error) {
	h, err := New(alg)
	if err != nil {
		return nil, err
	}
	return &ChunkedReader{body: body, h: h, trailer: Header(alg), left: length}, nil
}

// Trailer is the name of the trailer (X-Amz-Trailer's value).
func (c *ChunkedReader) Trailer() string { return c.trailer }

// EncodedLength is the length of the encoding of a body of length bytes with alg's
// trailer.
func EncodedLength(length int64, alg string) int64 {
	h, err := New(alg)
	if err != nil {
		return -1
	}
	chunk := func(n int64) int64 { return int64(len(strconv.FormatInt(n, 16))) + 2 + n + 2 }
	total := length / ChunkSize * chunk(ChunkSize)
	if rem := length % ChunkSize; rem > 0 {
		total += chunk(rem)
	}
	trailer := int64(len(Header(alg))) + 1 + int64(base64.StdEncoding.EncodedLen(h.Size())) + 2
	return total + 3 + trailer + 2
}

func (c *ChunkedReader) Read(p []byte) (int, error) {
	for len(c.pending) == 0 {
		if c.done {
			return 0, io.EOF
		}
		if err := c.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// next encodes the next chunk, or the end and the trailer.
func (c *ChunkedReader) next() error {
	if c.left == 0 {
		c.done = true
		out := append(c.buf[:0], "0\r\n"...)
		out = append(out, c.trailer...)
		out = append(out, ':')
		out = append(out, Encode(c.h)...)
		out = append(out, "\r\n\r\n"...)
		c.buf, c.pending = out, out
		return nil
	}
	n := min(c.left, ChunkSize)
	if c.buf == nil {
		c.buf = make([]byte, 0, ChunkSize+32)
	}
	head := strconv.AppendInt(c.buf[:0], n, 16)
	head = append(head, '\r', '\n')
	out := head[:len(head)+int(n)]
	if _, err := io.ReadFull(c.body, out[len(head):]); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return io.ErrUnexpectedEOF // the body is shorter than its announced length
		}
		return err
	}
	c.h.Write(out[len(head):])
	c.left -= n
	out = append(out, '\r', '\n')
	c.buf, c.pending = out, out
	return nil
}

// DecodeChunked reads an aws-chunked body (as ChunkedReader writes it, chunk
// extensions such as chunk signatures ignored) and returns the bytes it carries and its
// trailers by lower-case name. A malformed encoding is an error.
func DecodeChunked(r io.Reader) ([]byte, map[string]string, error) {
	br := bufio.NewReader(r)
	line := func() (string, error) {
		s, err := br.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("aws-chunked: %w", io.ErrUnexpectedEOF)
		}
		if !strings.HasSuffix(s, "\r\n") {
			return "", errors.New("aws-chunked: a line does not end with CRLF")
		}
		return s[:len(s)-2], nil
	}
	var body []byte
	for {
		s, err := line()
		if err != nil {
			return nil, nil, err
		}
		size, _, _ := strings.Cut(s, ";")
		n, err := strconv.ParseInt(size, 16, 64)
		if err != nil || n < 0 {
			return nil, nil, fmt.Errorf("aws-chunked: bad chunk size %q", s)
		}
		if n == 0 {
			break
		}
		start := len(body)
		body = append(body, make([]byte, n)...)
		if _, err := io.ReadFull(br, body[start:]); err != nil {
			return nil, nil, fmt.Errorf("aws-chunked: %w", io.ErrUnexpectedEOF)
		}
		if s, err := line(); err != nil || s != "" {
			return nil, nil, errors.New("aws-chunked: a chunk is longer than its size")
		}
	}
	trailers := map[string]string{}
	for {
		s, err := line()
		if err != nil {
			return nil, nil, err
		}
		if s == "" {
			return body, trailers, nil
		}
		k, v, ok := strings.Cut(s, ":")
		if !ok {
			return nil, nil, fmt.Errorf("aws-chunked: bad trailer %q", s)
		}
		trailers[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
}
