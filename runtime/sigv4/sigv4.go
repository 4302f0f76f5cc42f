// Package sigv4 signs HTTP requests with AWS Signature Version 4 (AWS4-HMAC-SHA256):
// in the Authorization header (SignHTTP), in the query string (PresignHTTP), and
// payload chunks or event-stream events over the request's signature (ChunkSigner).
//
// It signs what aws-sdk-go-v2's v4 signer signs, byte for byte (its property test
// checks thousands of generated requests against that signer, the oracle), with the
// same rules: the headers it leaves out (Authorization, User-Agent, X-Amzn-Trace-Id,
// Expect, Transfer-Encoding), Content-Length signed from the request's
// ContentLength, header values trimmed and their runs of spaces folded to one, the
// query's pairs decoded, AWS-encoded and sorted by key then value, the host without
// its scheme's default port, the path URI-encoded once more unless
// Options.DisableURIPathEscaping (S3 signs the path as sent), and, when presigning,
// the X-Amz-* headers S3 does not require in the signed headers moved to the query.
// The payload hash is the caller's: a hex SHA-256, UNSIGNED-PAYLOAD,
// STREAMING-UNSIGNED-PAYLOAD-TRAILER, or any other value the service takes; the
// signer does not read the body, and it does not set X-Amz-Content-Sha256 (S3's
// callers set that header to the same value before signing).
//
// Unlike aws-sdk-go-v2's signer, SignHTTP leaves the request's query string as it
// is (the signature covers its canonical form, which a server computes the same
// way), and it allocates little: the canonical request is built in a pooled buffer,
// HMAC-SHA256 runs on stack arrays, and the derived signing key is kept per secret,
// day, region and service, so a signature costs the Authorization and X-Amz-Date
// strings and nothing more.
package sigv4

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

const (
	algorithm = "AWS4-HMAC-SHA256"
	// UnsignedPayload is the payload hash of a body the signature does not cover.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// StreamingUnsignedPayloadTrailer is the payload hash of an aws-chunked body with a
	// trailing checksum, not signed chunk by chunk.
	StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	// EmptyPayloadHash is the hex SHA-256 of no bytes.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// TimeFormat is X-Amz-Date's layout; DateFormat is the credential scope's date.
	TimeFormat = "20060102T150405Z"
	DateFormat = "20060102"
)

// Options change how a request is signed.
type Options struct {
	// DisableURIPathEscaping signs the path as sent (its escaped form), not encoded a
	// second time: S3, and any path SigV4's encoding would leave unchanged.
	DisableURIPathEscaping bool
	// DisableHeaderHoisting keeps every header in the signed headers when presigning,
	// rather than moving the X-Amz-* headers S3 does not require there to the query.
	DisableHeaderHoisting bool
}

// Signer signs requests. It is safe for concurrent use; it keeps the last derived
// signing key and the last formatted signing time, so one Signer per client is best.
// The zero value is ready to use.
type Signer struct {
	key   atomic.Pointer[derivedKey]
	stamp atomic.Pointer[timeStamp]
}

// New returns a Signer.
func New() *Signer { return &Signer{} }

// ErrNoCredentials reports credentials without an access key ID.
var ErrNoCredentials = errors.New("sigv4: the credentials have no access key ID")

// derivedKey is the signing key for one secret, day, region and service, kept as the
// HMAC's inner and outer key blocks.
type derivedKey struct {
	secret, day, region, service string
	inner, outer                 [sha256.BlockSize]byte
}

// timeStamp is one signing time, formatted.
type timeStamp struct {
	unix     int64
	amz, day string
}

// stampOf returns t formatted, reusing the last second's strings.
func (s *Signer) stampOf(t time.Time) *timeStamp {
	t = t.UTC()
	if st := s.stamp.Load(); st != nil && st.unix == t.Unix() {
		return st
	}
	amz := t.Format(TimeFormat)
	st := &timeStamp{unix: t.Unix(), amz: amz, day: amz[:8]}
	s.stamp.Store(st)
	return st
}

// keyFor returns the signing key for the secret, day, region and service.
func (s *Signer) keyFor(secret, day, region, service string) *derivedKey {
	if k := s.key.Load(); k != nil && k.secret == secret && k.day == day && k.region == region && k.service == service {
		return k
	}
	k := &derivedKey{secret: secret, day: day, region: region, service: service}
	buf := make([]byte, 0, 4+len(secret))
	buf = append(append(buf, "AWS4"...), secret...)
	mac := hmacSum(buf, []byte(day))
	mac = hmacSum(mac[:], []byte(region))
	mac = hmacSum(mac[:], []byte(service))
	mac = hmacSum(mac[:], []byte("aws4_request"))
	k.inner, k.outer = hmacBlocks(mac[:])
	s.key.Store(k)
	return k
}

// hmacBlocks returns HMAC-SHA256's inner and outer key blocks for key.
func hmacBlocks(key []byte) (inner, outer [sha256.BlockSize]byte) {
	if len(key) > sha256.BlockSize {
		sum := sha256.Sum256(key)
		key = sum[:]
	}
	copy(inner[:], key)
	copy(outer[:], key)
	for i := range inner {
		inner[i] ^= 0x36
		outer[i] ^= 0x5c
	}
	return inner, outer
}

// hmacSum is HMAC-SHA256(key, msg), for deriving keys.
func hmacSum(key, msg []byte) [sha256.Size]byte {
	inner, outer := hmacBlocks(key)
	var buf []byte
	return (&derivedKey{inner: inner, outer: outer}).mac(&buf, msg)
}

// mac is HMAC-SHA256 of msg under k; scratch is a buffer it may use (and grow).
func (k *derivedKey) mac(scratch *[]byte, msg []byte) [sha256.Size]byte {
	buf := append(append((*scratch)[:0], k.inner[:]...), msg...)
	*scratch = buf
	in := sha256.Sum256(buf)
	var outer [sha256.BlockSize + sha256.Size]byte
	copy(outer[:], k.outer[:])
	copy(outer[sha256.BlockSize:], in[:])
	return sha256.Sum256(outer[:])
}

// scratch is the working memory of one signature, pooled.
type scratch struct {
	buf     []byte // the canonical request, then the string to sign
	names   []byte // lower-case header names, encoded query pairs
	headers []header
	query   []pair
	mac     []byte
}

type header struct {
	start, end int // the lower-case name in names
	key        string
	values     []string
}

type pair struct{ k0, k1, v0, v1 int } // encoded key and value in names

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// SignHTTP signs r in its Authorization header, for service and region at time t,
// with payloadHash as the hash of the body. It sets X-Amz-Date, X-Amz-Security-Token
// (for a session token) and Authorization, reusing the slices already there, and sets
// r.Host to the host that was signed (the scheme's default port is not).
func (s *Signer) SignHTTP(creds aws.Credentials, r *http.Request, payloadHash, service, region string, t time.Time, o Options) error {
	if creds.AccessKeyID == "" {
		return ErrNoCredentials
	}
	st := s.stampOf(t)
	r.Header["X-Amz-Date"] = append(r.Header["X-Amz-Date"][:0], st.amz)
	if creds.SessionToken != "" {
		r.Header["X-Amz-Security-Token"] = append(r.Header["X-Amz-Security-Token"][:0], creds.SessionToken)
	}
	host := signingHost(r)
	if host != r.Host && (r.Host != "" || host != r.URL.Host) {
		r.Host = host
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.names = sc.names[:0]

	b := append(sc.buf[:0], r.Method...)
	b = append(b, '\n')
	b = appendURI(b, r.URL, !o.DisableURIPathEscaping)
	b = append(b, '\n')
	sc.query = sc.query[:0]
	sc.addRawQuery(r.URL.RawQuery)
	b = sc.appendQuery(b)
	b = append(b, '\n')
	sc.collectHeaders(r.Header, r.ContentLength, nil)
	b = sc.appendHeaders(b, host, r.ContentLength)
	b = append(b, '\n')
	signed := len(b)
	b = sc.appendSignedHeaders(b)
	signedEnd := len(b)
	b = append(b, '\n')
	b = append(b, payloadHash...)

	sig, b := s.sign(sc, b, creds.SecretAccessKey, st, region, service)

	// Authorization: AWS4-HMAC-SHA256 Credential=ID/scope, SignedHeaders=..., Signature=...
	auth := len(b)
	b = append(b, algorithm+" Credential="...)
	b = append(b, creds.AccessKeyID...)
	b = append(b, '/')
	b = appendScope(b, st.day, region, service)
	b = append(b, ", SignedHeaders="...)
	b = append(b, b[signed:signedEnd]...)
	b = append(b, ", Signature="...)
	b = hex.AppendEncode(b, sig[:])
	r.Header["Authorization"] = append(r.Header["Authorization"][:0], string(b[auth:]))
	sc.buf = b
	return nil
}

// sign hashes the canonical request in b and signs the string to sign, which it
// appends to b after it (b is returned, grown).
func (s *Signer) sign(sc *scratch, b []byte, secret string, st *timeStamp, region, service string) ([sha256.Size]byte, []byte) {
	sum := sha256.Sum256(b)
	start := len(b)
	b = append(b, algorithm+"\n"...)
	b = append(b, st.amz...)
	b = append(b, '\n')
	b = appendScope(b, st.day, region, service)
	b = append(b, '\n')
	b = hex.AppendEncode(b, sum[:])
	k := s.keyFor(secret, st.day, region, service)
	return k.mac(&sc.mac, b[start:]), b
}

func appendScope(b []byte, day, region, service string) []byte {
	b = append(b, day...)
	b = append(b, '/')
	b = append(b, region...)
	b = append(b, '/')
	b = append(b, service...)
	return append(b, "/aws4_request"...)
}

// signingHost returns the host that is signed: r.Host, else the URL's, without the
// port when it is the scheme's default.
func signingHost(r *http.Request) string {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	port := portOnly(host)
	if port == "80" && strings.EqualFold(r.URL.Scheme, "http") || port == "443" && strings.EqualFold(r.URL.Scheme, "https") {
		return stripPort(host)
	}
	return host
}

func stripPort(hostport string) string {
	colon := strings.IndexByte(hostport, ':')
	if colon == -1 {
		return hostport
	}
	if i := strings.IndexByte(hostport, ']'); i != -1 {
		return strings.TrimPrefix(hostport[:i], "[")
	}
	return hostport[:colon]
}

func portOnly(hostport string) string {
	colon := strings.IndexByte(hostport, ':')
	if colon == -1 {
		return ""
	}
	if i := strings.Index(hostport, "]:"); i != -1 {
		return hostport[i+len("]:"):]
	}
	if strings.Contains(hostport, "]") {
		return ""
	}
	return hostport[colon+len(":"):]
}

// appendURI appends the canonical URI: the escaped path ("/" when empty), encoded
// once more when escape.
func appendURI(b []byte, u *url.URL, escape bool) []byte {
	var path string
	if u.Opaque != "" {
		opaque := u.Opaque
		if i := strings.IndexByte(opaque, '?'); i >= 0 {
			opaque = opaque[:i]
		}
		opaque = strings.TrimPrefix(opaque, "//")
		if i := strings.IndexByte(opaque, '/'); i >= 0 {
			path = opaque[i:]
		}
	} else if u.RawPath == "" && !needsEscape(u.Path) {
		path = u.Path // what EscapedPath returns, without its checks
	} else {
		path = u.EscapedPath()
	}
	if path == "" {
		path = "/"
	}
	if !escape {
		return append(b, path...)
	}
	return appendEscaped(b, path, true)
}

// needsEscape reports whether a path holds a byte other than unreserved ones and '/'.
func needsEscape(path string) bool {
	for i := 0; i < len(path); i++ {
		if c := path[i]; !unreserved(c) && c != '/' {
			return true
		}
	}
	return false
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

const upperHex = "0123456789ABCDEF"

// appendEscaped percent-encodes every byte of s but the unreserved ones (and '/'
// when keepSlash).
func appendEscaped(b []byte, s string, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || keepSlash && c == '/' {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b
}

// addRawQuery adds the pairs of a raw query string, as url.ParseQuery reads them (a
// pair with a ';' or a bad escape is dropped), each part decoded and AWS-encoded.
func (sc *scratch) addRawQuery(q string) {
	for q != "" {
		var part string
		part, q, _ = strings.Cut(q, "&")
		if part == "" || strings.IndexByte(part, ';') >= 0 {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		mark := len(sc.names)
		var p pair
		var ok bool
		p.k0 = len(sc.names)
		if sc.names, ok = appendRecoded(sc.names, key); !ok {
			sc.names = sc.names[:mark]
			continue
		}
		p.k1, p.v0 = len(sc.names), len(sc.names)
		if sc.names, ok = appendRecoded(sc.names, value); !ok {
			sc.names = sc.names[:mark]
			continue
		}
		p.v1 = len(sc.names)
		sc.query = append(sc.query, p)
	}
}

// addPair adds a decoded key and value.
func (sc *scratch) addPair(key, value string) {
	var p pair
	p.k0 = len(sc.names)
	sc.names = appendEscaped(sc.names, key, false)
	p.k1, p.v0 = len(sc.names), len(sc.names)
	sc.names = appendEscaped(sc.names, value, false)
	p.v1 = len(sc.names)
	sc.query = append(sc.query, p)
}

// appendRecoded appends s (query-encoded: '+' is a space) decoded then AWS-encoded;
// false for a bad escape.
func appendRecoded(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, "%20"...)
			continue
		case c == '%':
			if i+2 >= len(s) || !ishex(s[i+1]) || !ishex(s[i+2]) {
				return b, false
			}
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b, true
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// appendQuery appends the canonical query: the pairs sorted by key, then value.
func (sc *scratch) appendQuery(b []byte) []byte {
	names := sc.names
	sortPairs(names, sc.query)
	for i, p := range sc.query {
		if i > 0 {
			b = append(b, '&')
		}
		b = append(b, names[p.k0:p.k1]...)
		b = append(b, '=')
		b = append(b, names[p.v0:p.v1]...)
	}
	return b
}

// ignored reports the headers that are never signed (aws-sdk-go-v2's IgnoredHeaders:
// the names as the map holds them, canonical).
func ignored(k string) bool {
	switch k {
	case "Authorization", "User-Agent", "X-Amzn-Trace-Id", "Expect", "Transfer-Encoding":
		return true
	}
	return false
}

// collectHeaders gathers the signed headers: host, Content-Length when length > 0,
// and every header of h but the ignored ones, Content-Length and those skip reports.
func (sc *scratch) collectHeaders(h http.Header, length int64, skip func(string) bool) {
	sc.headers = sc.headers[:0]
	sc.addHeader("host", "", nil)
	if length > 0 {
		start := len(sc.names)
		sc.names = append(sc.names, "content-length"...)
		end := len(sc.names)
		sc.headers = append(sc.headers, header{start: start, end: end, key: "Content-Length"})
	}
	for k, v := range h {
		if ignored(k) || strings.EqualFold(k, "Content-Length") || strings.EqualFold(k, "Host") || skip != nil && skip(k) {
			continue
		}
		sc.addHeader("", k, v)
	}
	// Names that differ only in case become one header; their values go in the
	// order of the names as sent (aws-sdk-go-v2's order is the map's).
	sortHeaders(sc.names, sc.headers)
}

// Sorting. A request has a few headers and query pairs: they are sorted by insertion
// (what pdqsort does below 12 elements), more of them with sort.Sort, whose code every
// net/http program links already; slices.SortFunc would link a copy of pdqsort for
// each element type (18 kB).
const insertionMax = 12

// pairLess orders query pairs by encoded key, then value.
func pairLess(names []byte, x, y pair) bool {
	if c := bytes.Compare(names[x.k0:x.k1], names[y.k0:y.k1]); c != 0 {
		return c < 0
	}
	return bytes.Compare(names[x.v0:x.v1], names[y.v0:y.v1]) < 0
}

// headerLess orders headers by lower-case name, then by the name as sent.
func headerLess(names []byte, x, y header) bool {
	if c := bytes.Compare(names[x.start:x.end], names[y.start:y.end]); c != 0 {
		return c < 0
	}
	return x.key < y.key
}

func sortPairs(names []byte, ps []pair) {
	if len(ps) > insertionMax {
		sort.Sort(pairsSorter{names, ps})
		return
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && pairLess(names, ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func sortHeaders(names []byte, hs []header) {
	if len(hs) > insertionMax {
		sort.Sort(headersSorter{names, hs})
		return
	}
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && headerLess(names, hs[j], hs[j-1]); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

type pairsSorter struct {
	names []byte
	ps    []pair
}

func (s pairsSorter) Len() int           { return len(s.ps) }
func (s pairsSorter) Less(i, j int) bool { return pairLess(s.names, s.ps[i], s.ps[j]) }
func (s pairsSorter) Swap(i, j int)      { s.ps[i], s.ps[j] = s.ps[j], s.ps[i] }

type headersSorter struct {
	names []byte
	hs    []header
}

func (s headersSorter) Len() int           { return len(s.hs) }
func (s headersSorter) Less(i, j int) bool { return headerLess(s.names, s.hs[i], s.hs[j]) }
func (s headersSorter) Swap(i, j int)      { s.hs[i], s.hs[j] = s.hs[j], s.hs[i] }

func (sc *scratch) addHeader(lower, key string, values []string) {
	start := len(sc.names)
	if lower != "" {
		sc.names = append(sc.names, lower...)
	} else {
		for i := 0; i < len(key); i++ {
			c := key[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			sc.names = append(sc.names, c)
		}
	}
	sc.headers = append(sc.headers, header{start: start, end: len(sc.names), key: key, values: values})
}

// appendHeaders appends the canonical headers, a line each: the host, Content-Length
// (length), then the others, the values of names that differ only in case joined.
func (sc *scratch) appendHeaders(b []byte, host string, length int64) []byte {
	names := sc.names
	for i, h := range sc.headers {
		name := names[h.start:h.end]
		same := i > 0 && bytes.Equal(name, names[sc.headers[i-1].start:sc.headers[i-1].end])
		if same {
			b = b[:len(b)-1] // the previous line's newline
			if len(h.values) > 0 && len(sc.headers[i-1].values) > 0 {
				b = append(b, ',')
			}
		} else {
			b = append(b, name...)
			b = append(b, ':')
		}
		switch {
		case h.key == "" && h.values == nil:
			b = appendValue(b, host, false)
		case h.key == "Content-Length" && h.values == nil:
			b = strconv.AppendInt(b, length, 10)
		default:
			for j, v := range h.values {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendValue(b, v, true)
			}
		}
		b = append(b, '\n')
	}
	return b
}

// appendSignedHeaders appends the signed header names, ';' between them.
func (sc *scratch) appendSignedHeaders(b []byte) []byte {
	for i, h := range sc.headers {
		name := sc.names[h.start:h.end]
		if i > 0 && bytes.Equal(name, sc.names[sc.headers[i-1].start:sc.headers[i-1].end]) {
			continue
		}
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, name...)
	}
	return b
}

// appendValue appends a header value as signed: its runs of spaces folded to one and
// its ends trimmed of spaces, then of any white space (aws-sdk-go-v2's
// StripExcessSpaces, then strings.TrimSpace).
func appendValue(b []byte, v string, trim bool) []byte {
	start := len(b)
	i, j := 0, len(v)
	for j > 0 && v[j-1] == ' ' {
		j--
	}
	for i < j && v[i] == ' ' {
		i++
	}
	v = v[i:j]
	space := false
	for k := 0; k < len(v); k++ {
		c := v[k]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b = append(b, c)
	}
	if !trim {
		return b
	}
	t := bytes.TrimSpace(b[start:])
	n := copy(b[start:], t)
	return b[:start+n]
}

// PresignHTTP signs r in its query string, valid for what r's X-Amz-Expires query
// parameter says (the caller sets it), and returns the signed URL and the headers the
// signature covers, which the request must be sent with (Host among them). r is not
// changed.
func (s *Signer) PresignHTTP(creds aws.Credentials, r *http.Request, payloadHash, service, region string, t time.Time, o Options) (string, http.Header, error) {
	if creds.AccessKeyID == "" {
		return "", nil, ErrNoCredentials
	}
	st := s.stampOf(t)
	host := signingHost(r)
	sc := &scratch{}

	query := r.URL.Query() // the pairs that can be read, as aws-sdk-go-v2 keeps them
	query.Set("X-Amz-Algorithm", algorithm)
	if creds.SessionToken != "" {
		query.Set("X-Amz-Security-Token", creds.SessionToken)
	}
	query.Set("X-Amz-Date", st.amz)
	scope := string(appendScope(nil, st.day, region, service))
	query.Set("X-Amz-Credential", creds.AccessKeyID+"/"+scope)
	var hoisted func(string) bool
	if !o.DisableHeaderHoisting {
		hoisted = func(k string) bool { return hoist(queryName(k)) }
		for k, v := range r.Header {
			if k = queryName(k); hoist(k) {
				query[k] = v
			}
		}
	}
	sc.collectHeaders(r.Header, r.ContentLength, hoisted)
	signedHeaders := string(sc.appendSignedHeaders(nil))
	query.Set("X-Amz-SignedHeaders", signedHeaders)
	for k, vs := range query {
		for _, v := range vs {
			sc.addPair(k, v)
		}
	}

	b := append([]byte(r.Method), '\n')
	b = appendURI(b, r.URL, !o.DisableURIPathEscaping)
	b = append(b, '\n')
	qStart := len(b)
	b = sc.appendQuery(b)
	canonicalQuery := string(b[qStart:])
	b = append(b, '\n')
	b = sc.appendHeaders(b, host, r.ContentLength)
	b = append(b, '\n')
	b = append(b, signedHeaders...)
	b = append(b, '\n')
	b = append(b, payloadHash...)
	sig, _ := s.sign(sc, b, creds.SecretAccessKey, st, region, service)

	u := *r.URL
	u.RawQuery = canonicalQuery + "&X-Amz-Signature=" + hex.EncodeToString(sig[:])
	signed := make(http.Header, len(sc.headers))
	for _, h := range sc.headers {
		key := textproto.CanonicalMIMEHeaderKey(string(sc.names[h.start:h.end]))
		switch {
		case h.key == "" && h.values == nil && key == "Host":
			signed[key] = append(signed[key], host)
		case h.key == "Content-Length" && h.values == nil:
			signed[key] = append(signed[key], strconv.FormatInt(r.ContentLength, 10))
		default:
			signed[key] = append(signed[key], h.values...)
		}
	}
	return u.String(), signed, nil
}

// queryName is the query parameter a hoisted header becomes (two S3 headers go in
// lower case, as aws-sdk-go-v2 sends them).
func queryName(k string) string {
	switch k {
	case "X-Amz-Expected-Bucket-Owner":
		return "x-amz-expected-bucket-owner"
	case "X-Amz-Request-Payer":
		return "x-amz-request-payer"
	}
	return k
}

// hoist reports whether a presigned request carries header k in its query rather than
// its signed headers: an X-Amz-* header that S3 does not require signed as a header.
func hoist(k string) bool {
	return hasPrefixFold(k, "X-Amz-") && !requiredSigned(k)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// requiredSigned reports the headers a presigned request keeps signed as headers
// (aws-sdk-go-v2's RequiredSignedHeaders: names matched as the list writes them,
// "X-Amz-Grant-Full-control" included).
func requiredSigned(k string) bool {
	switch k {
	case "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language",
		"Content-Md5", "Content-Type", "Expires", "If-Match", "If-Modified-Since",
		"If-None-Match", "If-Unmodified-Since", "Range", "X-Amz-Acl", "X-Amz-Copy-Source",
		"X-Amz-Copy-Source-If-Match", "X-Amz-Copy-Source-If-Modified-Since",
		"X-Amz-Copy-Source-If-None-Match", "X-Amz-Copy-Source-If-Unmodified-Since",
		"X-Amz-Copy-Source-Range", "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Algorithm",
		"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key",
		"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key-Md5",
		"X-Amz-Grant-Full-control", "X-Amz-Grant-Read", "X-Amz-Grant-Read-Acp",
		"X-Amz-Grant-Write", "X-Amz-Grant-Write-Acp", "X-Amz-Metadata-Directive", "X-Amz-Mfa",
		"X-Amz-Server-Side-Encryption", "X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id",
		"X-Amz-Server-Side-Encryption-Context", "X-Amz-Server-Side-Encryption-Customer-Algorithm",
		"X-Amz-Server-Side-Encryption-Customer-Key", "X-Amz-Server-Side-Encryption-Customer-Key-Md5",
		"X-Amz-Storage-Class", "X-Amz-Website-Redirect-Location", "X-Amz-Content-Sha256",
		"X-Amz-Tagging":
		return true
	}
	return hasPrefixFold(k, "X-Amz-Checksum-") && !hasPrefixFold(k, "X-Amz-Checksum-Mode") ||
		hasPrefixFold(k, "X-Amz-Object-Lock-") || hasPrefixFold(k, "X-Amz-Meta-")
}
