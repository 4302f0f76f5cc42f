package client

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"sync"
)

// DefaultRequestMinCompressSize is the smallest body a client compresses unless its
// options say otherwise: the AWS SDKs' default (10 KiB).
const DefaultRequestMinCompressSize = 10240

// maxRequestMinCompressSize is the largest minimum the AWS SDKs accept (10 MiB).
const maxRequestMinCompressSize = 10485760

var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// GzipRequest is the Compress of an operation with the requestcompression trait
// (encodings ["gzip"]): it gzips the body when it has at least the minimum size, and
// adds gzip to its Content-Encoding. The signature then covers the compressed body, as
// the service reads it. A streaming body is sent as it is.
func GzipRequest(cfg *Config, r *Request) error {
	minSize := cfg.RequestMinCompressSizeBytes
	switch {
	case minSize == 0:
		minSize = DefaultRequestMinCompressSize
	case minSize < 0 || minSize > maxRequestMinCompressSize:
		return fmt.Errorf("RequestMinCompressSizeBytes %d is outside 0..%d", minSize, maxRequestMinCompressSize)
	}
	if cfg.DisableRequestCompression || r.BodyReader != nil || int64(len(r.Body)) < minSize {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(r.Body) / 4)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(r.Body); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	r.Body = buf.Bytes()
	// A Content-Encoding the input set (under the model's spelling of the name) comes
	// first: the service undoes the encodings from the last.
	enc := "gzip"
	for k, v := range r.Header {
		if strings.EqualFold(k, "Content-Encoding") {
			if prev := strings.Join(v, ", "); prev != "" {
				enc = prev + ", gzip"
			}
			delete(r.Header, k)
		}
	}
	r.SetHeader("Content-Encoding", enc)
	return nil
}
