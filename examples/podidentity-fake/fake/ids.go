package fake

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

const (
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	// keyIDAlphabet is the alphabet of AWS access key ids after their prefix.
	keyIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

// randomString returns n characters of alphabet drawn from crypto/rand without
// modulo bias (bytes at or above the largest multiple of len(alphabet) are redrawn).
func randomString(alphabet string, n int) string {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	var buf [32]byte
	for len(out) < n {
		rand.Read(buf[:]) // never fails (Go 1.24+: it crashes the program instead)
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}

// newAssociationID returns "a-" and 17 lower-case letters and digits.
func newAssociationID() string { return "a-" + randomString(lowerAlnum, 17) }

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newAccessKeyID returns a temporary access key id: "ASIA" and 16 characters.
func newAccessKeyID() string { return "ASIA" + randomString(keyIDAlphabet, 16) }

// newSecretAccessKey returns 40 characters of base64, as AWS secret keys look.
func newSecretAccessKey() string {
	var b [30]byte
	rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}

// newSessionToken returns an opaque session token (random base64, no meaning).
func newSessionToken() string {
	var b [192]byte
	rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}

// roleID returns a stable IAM role id ("AROA" and 17 characters) for a role ARN: the
// same role always gets the same id, as in IAM.
func roleID(roleArn string) string {
	sum := sha256.Sum256([]byte(roleArn))
	id := make([]byte, 17)
	for i := range id {
		id[i] = upperAlnum[int(sum[i])%len(upperAlnum)]
	}
	return "AROA" + string(id)
}
