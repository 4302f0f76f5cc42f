package fake

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/svcgen/svcgen/gen/s3/types"
	"github.com/svcgen/svcgen/runtime/checksum"
	rt "github.com/svcgen/svcgen/runtime/server"
)

// errorf is an S3 error the model does not define (PreconditionFailed, InvalidRange,
// BadDigest, …): the generated server answers it with its status and code.
func errorf(status int, code, format string, args ...any) *rt.ServiceError {
	return &rt.ServiceError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// object is a stored object. Its content is held once, as the segments it was written
// in (one for PutObject, one a part for a multipart upload), and is never changed
// after it is stored: GetObject and CopyObject share the segments.
type object struct {
	segments     [][]byte
	size         int64
	etag         string // quoted
	lastModified time.Time
	headers      entityHeaders
	// checksum: the algorithm, its base64 value (with "-N" when composite) and type
	algorithm, checksum, checksumType string
	partsCount                        int32
}

// entityHeaders are the representation headers and user metadata S3 keeps with an
// object.
type entityHeaders struct {
	cacheControl, contentDisposition, contentEncoding, contentLanguage, contentType *string
	expires                                                                         *time.Time
	metadata                                                                        map[string]string
}

// reader reads bytes [start, end) of the object without copying them.
func (o *object) reader(start, end int64) io.Reader {
	var rs []io.Reader
	var off int64
	for _, s := range o.segments {
		n := int64(len(s))
		if off+n > start && off < end {
			lo, hi := max(start-off, 0), min(end-off, n)
			rs = append(rs, bytes.NewReader(s[lo:hi]))
		}
		off += n
	}
	return io.MultiReader(rs...)
}

// hashAll writes every segment to h.
func (o *object) hashAll(h hash.Hash) {
	for _, s := range o.segments {
		h.Write(s)
	}
}

type bucket struct {
	name    string
	region  string
	created time.Time
	objects map[string]*object
	keys    []string // sorted keys of objects
	uploads map[string]*upload
}

func (b *bucket) put(key string, o *object) {
	if _, ok := b.objects[key]; !ok {
		i, _ := slices.BinarySearch(b.keys, key)
		b.keys = slices.Insert(b.keys, i, key)
	}
	b.objects[key] = o
}

func (b *bucket) remove(key string) {
	if _, ok := b.objects[key]; !ok {
		return
	}
	delete(b.objects, key)
	if i, found := slices.BinarySearch(b.keys, key); found {
		b.keys = slices.Delete(b.keys, i, i+1)
	}
}

type upload struct {
	id, key                 string
	initiated               time.Time
	headers                 entityHeaders
	algorithm, checksumType string
	parts                   map[int32]*part
}

type part struct {
	data         []byte
	etag         string
	checksum     string
	lastModified time.Time
}

// readBody reads a request body once, into a buffer of the declared length when there
// is one (so a large body is not copied as a growing buffer would), and returns it
// with its MD5 and the values of the checksum algorithms asked for.
func readBody(body io.Reader, length *int64, limit int64) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	if length != nil && *length >= 0 {
		if *length > limit {
			return nil, errorf(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
		}
		buf := make([]byte, *length)
		_, err := io.ReadFull(body, buf)
		if err == nil {
			// reach the end: a body checked as it is read is checked there
			var one [1]byte
			if n, rerr := body.Read(one[:]); n > 0 {
				err = errors.New("the body is longer than its Content-Length")
			} else if rerr != io.EOF {
				err = rerr
			}
		}
		if err != nil {
			return nil, bodyError(err)
		}
		return buf, nil
	}
	buf, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, bodyError(err)
	}
	if int64(len(buf)) > limit {
		return nil, errorf(http.StatusBadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
	}
	return buf, nil
}

// bodyError is the answer to a body that could not be read: the error itself when it
// says what to answer (a body that does not match its signed hash), IncompleteBody
// otherwise.
func bodyError(err error) error {
	var coded interface {
		HTTPStatusCode() int
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &coded) {
		return &rt.ServiceError{Status: coded.HTTPStatusCode(), Code: coded.ErrorCode(), Message: coded.ErrorMessage()}
	}
	return errorf(http.StatusBadRequest, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header")
}

// sums are the checksum headers of a request or response, by algorithm.
type sums map[string]*string

// given returns the one algorithm whose checksum the request sends, or "".
func (s sums) given() (string, string, error) {
	alg, val := "", ""
	for _, a := range checksum.Algorithms {
		if v := s[a]; v != nil {
			if alg != "" {
				return "", "", errorf(http.StatusBadRequest, "InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
			}
			alg, val = a, *v
		}
	}
	return alg, val, nil
}

// verify checks the Content-MD5 and checksum headers of a body and returns the
// checksum algorithm to store (the one sent, or want, or CRC64NVME as S3 does by
// default) with its value.
func verify(data []byte, contentMD5 *string, sent sums, want *types.ChecksumAlgorithm) (etag, alg, value string, err error) {
	sum := md5.Sum(data)
	if contentMD5 != nil {
		got, derr := base64.StdEncoding.DecodeString(*contentMD5)
		if derr != nil || len(got) != md5.Size {
			return "", "", "", errorf(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.")
		}
		if !bytes.Equal(got, sum[:]) {
			return "", "", "", errorf(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.")
		}
	}
	alg, given, err := sent.given()
	if err != nil {
		return "", "", "", err
	}
	if alg == "" {
		alg = checksum.CRC64NVME
		if want != nil {
			alg = string(*want)
		}
	} else if want != nil && !strings.EqualFold(string(*want), alg) {
		return "", "", "", errorf(http.StatusBadRequest, "InvalidRequest", "Value for x-amz-sdk-checksum-algorithm header is invalid.")
	}
	value, err = checksum.Sum(alg, data)
	if err != nil {
		return "", "", "", errorf(http.StatusBadRequest, "InvalidRequest", "Checksum algorithm %q is not supported.", alg)
	}
	if given != "" && given != value {
		return "", "", "", errorf(http.StatusBadRequest, "BadDigest", "The %s you specified did not match the calculated checksum.", alg)
	}
	return `"` + hex.EncodeToString(sum[:]) + `"`, alg, value, nil
}

// setSums fills the checksum members of a response (pointers to its fields) from an
// algorithm and value.
func setSums(alg, value string, crc32, crc32c, crc64, sha1, sha256 **string) {
	p := map[string]**string{checksum.CRC32: crc32, checksum.CRC32C: crc32c, checksum.CRC64NVME: crc64, checksum.SHA1: sha1, checksum.SHA256: sha256}[alg]
	if p != nil && value != "" {
		v := value
		*p = &v
	}
}

// unquote is an ETag without its quotes.
func unquote(etag string) string { return strings.Trim(strings.TrimSpace(etag), `"`) }

// etagMatches: an If-Match or If-None-Match list (or "*") names etag.
func etagMatches(list, etag string) bool {
	for _, e := range strings.Split(list, ",") {
		e = strings.TrimPrefix(strings.TrimSpace(e), "W/")
		if e == "*" || unquote(e) == unquote(etag) {
			return true
		}
	}
	return false
}

// preconditions evaluates the conditional headers of a GET or HEAD as S3 does (RFC
// 9110 13.2.2): If-Match, else If-Unmodified-Since (412); If-None-Match, else
// If-Modified-Since (304).
func preconditions(o *object, ifMatch, ifNoneMatch *string, ifModifiedSince, ifUnmodifiedSince *time.Time) error {
	switch {
	case ifMatch != nil:
		if !etagMatches(*ifMatch, o.etag) {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	case ifUnmodifiedSince != nil:
		if o.lastModified.After(*ifUnmodifiedSince) {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	}
	switch {
	case ifNoneMatch != nil:
		if etagMatches(*ifNoneMatch, o.etag) {
			return errorf(http.StatusNotModified, "NotModified", "Not Modified")
		}
	case ifModifiedSince != nil:
		if !o.lastModified.After(*ifModifiedSince) {
			return errorf(http.StatusNotModified, "NotModified", "Not Modified")
		}
	}
	return nil
}

// parseRange reads a Range header ("bytes=a-b", "bytes=a-", "bytes=-n") against an
// object of size bytes: ok false means the whole object (no header, or one S3
// ignores: another unit, several ranges, a syntax error).
func parseRange(h string, size int64) (start, end int64, ok bool, err error) {
	spec, found := strings.CutPrefix(strings.TrimSpace(h), "bytes=")
	if !found || strings.Contains(spec, ",") {
		return 0, size, false, nil
	}
	first, last, found := strings.Cut(spec, "-")
	if !found {
		return 0, size, false, nil
	}
	unsatisfiable := errorf(http.StatusRequestedRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable")
	if first == "" {
		n, perr := strconv.ParseInt(last, 10, 64)
		if perr != nil || n < 0 {
			return 0, size, false, nil
		}
		if n == 0 || size == 0 {
			return 0, 0, false, unsatisfiable
		}
		return max(size-n, 0), size, true, nil
	}
	a, perr := strconv.ParseInt(first, 10, 64)
	if perr != nil || a < 0 {
		return 0, size, false, nil
	}
	b := size - 1
	if last != "" {
		if b, perr = strconv.ParseInt(last, 10, 64); perr != nil || b < a {
			return 0, size, false, nil
		}
	}
	if a >= size {
		return 0, 0, false, unsatisfiable
	}
	return a, min(b+1, size), true, nil
}

// validBucketName follows S3's general purpose bucket naming rules.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 || strings.Contains(name, "..") {
		return false
	}
	for i, r := range name {
		edge := i == 0 || i == len(name)-1
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case (r == '-' || r == '.') && !edge:
		default:
			return false
		}
	}
	return true
}

// listPage is one page of a ListObjectsV2 over the sorted keys: keys and common
// prefixes in order, at most max of both, after `after`.
// A page that goes on from a common prefix (skipUnder) skips the keys it rolled up.
func listPage(b *bucket, prefix, delimiter, after, skipUnder string, max int) (keys, prefixes []string, truncated bool, last string) {
	i := sort.SearchStrings(b.keys, prefix)
	if after >= prefix {
		i = sort.Search(len(b.keys), func(j int) bool { return b.keys[j] > after })
	}
	if skipUnder != "" {
		for i < len(b.keys) && strings.HasPrefix(b.keys[i], skipUnder) {
			i++
		}
	}
	for i < len(b.keys) && strings.HasPrefix(b.keys[i], prefix) {
		if len(keys)+len(prefixes) == max {
			return keys, prefixes, true, last
		}
		k := b.keys[i]
		if delimiter != "" {
			if d := strings.Index(k[len(prefix):], delimiter); d >= 0 {
				cp := k[:len(prefix)+d+len(delimiter)]
				prefixes = append(prefixes, cp)
				last = cp
				// skip every key under the common prefix
				i = sort.Search(len(b.keys), func(j int) bool { return b.keys[j] >= cp && !strings.HasPrefix(b.keys[j], cp) })
				continue
			}
		}
		keys = append(keys, k)
		last = k
		i++
	}
	return keys, prefixes, false, last
}
