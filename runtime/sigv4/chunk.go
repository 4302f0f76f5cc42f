package sigv4

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// ChunkSigner signs a sequence of payloads over a request's signature: the chunks of
// an aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, headers empty) or the
// events of an event stream (STREAMING-AWS4-HMAC-SHA256-EVENTS, headers the event's
// encoded :date header). Each signature is HMAC-SHA256 under the request's signing
// key of
//
//	AWS4-HMAC-SHA256-PAYLOAD
//	<X-Amz-Date of t>
//	<credential scope>
//	<previous signature, hex>
//	<SHA-256 of headers, hex>
//	<SHA-256 of payload, hex>
//
// the first one over the seed (the request's signature), each next over the one
// before: aws-sdk-go-v2's StreamSigner computes the same bytes. A ChunkSigner signs
// one stream; it is not safe for concurrent use.
type ChunkSigner struct {
	signer          *Signer
	secret          string
	service, region string
	prev            [sha256.Size]byte
	buf, mac        []byte
}

// NewChunkSigner returns a ChunkSigner for the stream whose request was signed with
// seed (the raw bytes of its signature: the Authorization header's hex decoded).
func (s *Signer) NewChunkSigner(creds aws.Credentials, service, region string, seed []byte) *ChunkSigner {
	c := &ChunkSigner{signer: s, secret: creds.SecretAccessKey, service: service, region: region}
	copy(c.prev[:], seed)
	return c
}

// Sign returns the signature of the next chunk or event (headers: its encoded
// headers, empty for a body chunk) at time t, and makes it the previous one. The
// array is returned by value: the caller keeps it as long as it likes.
func (c *ChunkSigner) Sign(headers, payload []byte, t time.Time) [sha256.Size]byte {
	st := c.signer.stampOf(t)
	b := append(c.buf[:0], "AWS4-HMAC-SHA256-PAYLOAD\n"...)
	b = append(b, st.amz...)
	b = append(b, '\n')
	b = appendScope(b, st.day, c.region, c.service)
	b = append(b, '\n')
	b = hex.AppendEncode(b, c.prev[:])
	b = append(b, '\n')
	h := sha256.Sum256(headers)
	b = hex.AppendEncode(b, h[:])
	b = append(b, '\n')
	h = sha256.Sum256(payload)
	b = hex.AppendEncode(b, h[:])
	c.buf = b
	k := c.signer.keyFor(c.secret, st.day, c.region, c.service)
	c.prev = k.mac(&c.mac, b)
	return c.prev
}
