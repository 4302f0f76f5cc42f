package checksum

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/checksum/checksumtest"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// oracle returns the base64 checksum from the reference implementations.
func oracle(alg string, data []byte) string {
	s, err := checksumtest.Sum(alg, data)
	if err != nil {
		panic(err)
	}
	return s
}

func TestCheckValues(t *testing.T) {
	check := []byte("123456789")
	for _, c := range []struct {
		alg  string
		want []byte
	}{
		{CRC32, be32(0xCBF43926)},
		{CRC32C, be32(0xE3069283)},
		{CRC64NVME, be64(0xAE8B14860A799888)},
	} {
		if got := oracle(c.alg, check); got != b64(c.want) {
			t.Fatalf("the %s oracle gives %s for the check string, want %s", c.alg, got, b64(c.want))
		}
		got, err := Sum(c.alg, check)
		if err != nil || got != b64(c.want) {
			t.Errorf("Sum(%s) = %s, %v; want %s", c.alg, got, err, b64(c.want))
		}
	}
	// Published SHA-256 of "hello" and the CRC32 S3 documents for it.
	if got, _ := Sum(SHA256, []byte("hello")); got != "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=" {
		t.Errorf("SHA256 hello %s", got)
	}
}

func TestAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 8, 63, 64, 1000, 70000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		for _, alg := range Algorithms {
			got, err := Sum(alg, data)
			if err != nil {
				t.Fatal(err)
			}
			if want := oracle(alg, data); got != want {
				t.Errorf("%s of %d bytes: %s, oracle %s", alg, n, got, want)
			}
		}
	}
}

func TestCanonicalAndHeader(t *testing.T) {
	if a, ok := Canonical("crc64nvme"); !ok || a != CRC64NVME || Header(a) != "x-amz-checksum-crc64nvme" {
		t.Errorf("Canonical(crc64nvme) = %q %v", a, ok)
	}
	if _, ok := Canonical("SHA512"); ok {
		t.Error("SHA512 is not supported")
	}
	var u *UnsupportedError
	if _, err := New("MD5"); !errors.As(err, &u) || !strings.Contains(err.Error(), "MD5") {
		t.Errorf("New(MD5): %v", err)
	}
}

func TestComposite(t *testing.T) {
	for v, want := range map[string]bool{"AAAAAA==-3": true, "AAAAAA==": false, "AAAA-": false, "AAAA-x1": false, "i9aeUg==-12": true} {
		if Composite(v) != want {
			t.Errorf("Composite(%q) != %v", v, want)
		}
	}
}

func TestValidatingReader(t *testing.T) {
	data := []byte(strings.Repeat("payload ", 1000))
	good := oracle(CRC32C, data)
	r, err := NewValidatingReader(io.NopCloser(bytes.NewReader(data)), CRC32C, "x-amz-checksum-crc32c", good)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("good body: %v", err)
	}
	r, _ = NewValidatingReader(io.NopCloser(bytes.NewReader(data[1:])), CRC32C, "x-amz-checksum-crc32c", good)
	_, err = io.ReadAll(r)
	var m *MismatchError
	if !errors.As(err, &m) || m.Want != good {
		t.Fatalf("a corrupted body reads with %v, want a *MismatchError", err)
	}
	if _, err := r.Read(make([]byte, 1)); !errors.As(err, &m) {
		t.Errorf("reading again: %v", err)
	}
}

func TestCheckCRC32(t *testing.T) {
	body := []byte(`{"TableNames":[]}`)
	want := checksumtest.CRC32(0xEDB88320, body)
	if err := CheckCRC32(" "+uitoa(want)+" ", body); err != nil {
		t.Error(err)
	}
	var m *MismatchError
	if err := CheckCRC32(uitoa(want+1), body); !errors.As(err, &m) || m.Got != uitoa(want) {
		t.Errorf("a wrong x-amz-crc32: %v", err)
	}
	if err := CheckCRC32("not a number", body); err == nil {
		t.Error("a malformed x-amz-crc32 passes")
	}
}

func uitoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

func TestChunked(t *testing.T) {
	for _, n := range []int{1, 100, ChunkSize, ChunkSize + 1, 3*ChunkSize + 17} {
		data := bytes.Repeat([]byte("abcdefg"), n/7+1)[:n]
		for _, alg := range []string{CRC32, SHA256} {
			c, err := NewChunkedReader(iotestOneByte{bytes.NewReader(data)}, int64(n), alg)
			if err != nil {
				t.Fatal(err)
			}
			enc, err := io.ReadAll(c)
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(enc)) != EncodedLength(int64(n), alg) {
				t.Errorf("%d bytes %s: encoded %d, EncodedLength %d", n, alg, len(enc), EncodedLength(int64(n), alg))
			}
			body, trailers, err := DecodeChunked(bytes.NewReader(enc))
			if err != nil || !bytes.Equal(body, data) {
				t.Fatalf("%d bytes: decoded %d bytes, %v", n, len(body), err)
			}
			if trailers[Header(alg)] != oracle(alg, data) || len(trailers) != 1 {
				t.Errorf("trailers %v, want %s", trailers, oracle(alg, data))
			}
		}
	}
	// The first chunk's framing, written out.
	c, _ := NewChunkedReader(strings.NewReader("hello"), 5, CRC32)
	enc, _ := io.ReadAll(c)
	if want := "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + oracle(CRC32, []byte("hello")) + "\r\n\r\n"; string(enc) != want {
		t.Errorf("encoded %q, want %q", enc, want)
	}
	// A body shorter than announced is an error, not a short upload.
	c, _ = NewChunkedReader(strings.NewReader("hell"), 5, CRC32)
	if _, err := io.ReadAll(c); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a short body: %v", err)
	}
	if _, _, err := DecodeChunked(strings.NewReader("5\r\nhel")); err == nil {
		t.Error("a truncated encoding decodes")
	}
}

// iotestOneByte reads one byte at a time, as a slow network body does.
type iotestOneByte struct{ r io.Reader }

func (o iotestOneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
