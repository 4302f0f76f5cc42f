// Package checksum computes and checks the flexible checksums of AWS requests and
// responses (Smithy's httpChecksum trait): CRC32, CRC32C, CRC64NVME, SHA1 and SHA256,
// each sent base64 in an x-amz-checksum-<algorithm> header. It also checks the CRC32
// that DynamoDB sends in x-amz-crc32.
//
// Everything here is the standard library's: hash/crc32 (IEEE and Castagnoli),
// hash/crc64 with the NVME polynomial, crypto/sha1 and crypto/sha256.
package checksum

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The algorithms, named as the models' ChecksumAlgorithm enums name them.
const (
	CRC32     = "CRC32"
	CRC32C    = "CRC32C"
	CRC64NVME = "CRC64NVME"
	SHA1      = "SHA1"
	SHA256    = "SHA256"
)

// Default is the algorithm used when an operation supports a request checksum and the
// caller names none (what current AWS SDKs do).
const Default = CRC32

// Algorithms are the supported algorithms in the order a response's checksum headers
// are looked at (the SDKs' order: the cheapest first).
var Algorithms = [...]string{CRC64NVME, CRC32, CRC32C, SHA1, SHA256}

// crc64NVME is the table of CRC-64/NVME: polynomial 0xAD93D23594C93659, reflected
// (0x9A6C9329AC4BC9B5 in hash/crc64's bit order), initial value and final xor all ones
// (which hash/crc64 applies). Both tables are made on first use, not at init, so that
// a program that computes no such checksum links neither.
func crc64NVME() *crc64.Table {
	tables.crc64Once.Do(func() { tables.crc64 = crc64.MakeTable(0x9A6C9329AC4BC9B5) })
	return tables.crc64
}

func castagnoli() *crc32.Table {
	tables.crc32Once.Do(func() { tables.crc32 = crc32.MakeTable(crc32.Castagnoli) })
	return tables.crc32
}

var tables struct {
	crc64Once, crc32Once sync.Once
	crc64                *crc64.Table
	crc32                *crc32.Table
}

// Canonical returns the algorithm's name as the constants spell it, and whether it is
// supported. Case is ignored ("crc32" is CRC32).
func Canonical(alg string) (string, bool) {
	for _, a := range Algorithms {
		if strings.EqualFold(a, alg) {
			return a, true
		}
	}
	return "", false
}

// New returns a hash for a supported algorithm (see Canonical); its Sum is the
// digest that the header carries in base64 (big-endian for the CRCs).
func New(alg string) (hash.Hash, error) {
	switch alg {
	case CRC32:
		return crc32.NewIEEE(), nil
	case CRC32C:
		return crc32.New(castagnoli()), nil
	case CRC64NVME:
		return crc64.New(crc64NVME()), nil
	case SHA1:
		return sha1.New(), nil
	case SHA256:
		return sha256.New(), nil
	}
	return nil, &UnsupportedError{Algorithm: alg}
}

// UnsupportedError reports an algorithm this client cannot compute.
type UnsupportedError struct{ Algorithm string }

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("checksum algorithm %q is not supported (supported: CRC32, CRC32C, CRC64NVME, SHA1, SHA256)", e.Algorithm)
}

// Header returns the header that carries an algorithm's checksum, lower case as the
// models write it: "x-amz-checksum-crc32".
func Header(alg string) string {
	switch alg {
	case CRC32:
		return "x-amz-checksum-crc32"
	case CRC32C:
		return "x-amz-checksum-crc32c"
	case CRC64NVME:
		return "x-amz-checksum-crc64nvme"
	case SHA1:
		return "x-amz-checksum-sha1"
	case SHA256:
		return "x-amz-checksum-sha256"
	}
	return "x-amz-checksum-" + strings.ToLower(alg)
}

// Encode returns the base64 of a hash's digest: a checksum header's value.
func Encode(h hash.Hash) string {
	var buf [sha256.Size]byte
	return base64.StdEncoding.EncodeToString(h.Sum(buf[:0]))
}

// Sum returns the base64 checksum of data.
func Sum(alg string, data []byte) (string, error) {
	h, err := New(alg)
	if err != nil {
		return "", err
	}
	h.Write(data)
	return Encode(h), nil
}

// Composite reports a checksum of checksums, as S3 returns for an object uploaded in
// parts ("<base64>-<number of parts>"): it is not the checksum of the bytes, and is
// not checked.
func Composite(value string) bool {
	i := strings.LastIndexByte(value, '-')
	if i < 0 || i == len(value)-1 {
		return false
	}
	for _, c := range value[i+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// MismatchError reports bytes whose checksum is not the one announced.
type MismatchError struct {
	Algorithm string
	Header    string // the header that announced it
	Want, Got string // base64 (decimal for x-amz-crc32)
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("checksum mismatch: %s %s announced %s, the bytes received have %s", e.Header, e.Algorithm, e.Want, e.Got)
}

// Check compares data with an announced checksum.
func Check(alg, header, want string, data []byte) error {
	got, err := Sum(alg, data)
	if err != nil {
		return err
	}
	if got != want {
		return &MismatchError{Algorithm: alg, Header: header, Want: want, Got: got}
	}
	return nil
}

// NewValidatingReader returns body, read through a hash: at the end of the body, a
// checksum that is not want is reported as a *MismatchError in place of io.EOF.
func NewValidatingReader(body io.ReadCloser, alg, header, want string) (io.ReadCloser, error) {
	h, err := New(alg)
	if err != nil {
		return nil, err
	}
	return &validatingReader{body: body, h: h, alg: alg, header: header, want: want}, nil
}

type validatingReader struct {
	body              io.ReadCloser
	h                 hash.Hash
	alg, header, want string
	err               error // the result at the end, once seen
}

func (v *validatingReader) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	n, err := v.body.Read(p)
	v.h.Write(p[:n])
	if err == io.EOF {
		if got := Encode(v.h); got != v.want {
			err = &MismatchError{Algorithm: v.alg, Header: v.header, Want: v.want, Got: got}
		}
		v.err = err
	}
	return n, err
}

func (v *validatingReader) Close() error { return v.body.Close() }

// CheckCRC32 checks DynamoDB's x-amz-crc32 header: the decimal CRC32 (IEEE) of the
// response body as sent.
func CheckCRC32(want string, body []byte) error {
	sum := crc32.ChecksumIEEE(body)
	if w, err := strconv.ParseUint(strings.TrimSpace(want), 10, 32); err == nil && uint32(w) == sum {
		return nil
	}
	return &MismatchError{Algorithm: CRC32, Header: "x-amz-crc32", Want: want, Got: strconv.FormatUint(uint64(sum), 10)}
}
