package sigv4_test

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/sigv4"
)

// An event stream's request is signed as usual (its payload hash
// STREAMING-AWS4-HMAC-SHA256-EVENTS); each event is then signed over the signature
// before it, the first over the request's.
func ExampleSigner_NewChunkSigner() {
	s := sigv4.New()
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}
	at := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	req, _ := http.NewRequest("POST", "https://transcribestreaming.us-east-1.amazonaws.com/stream-transcription", nil)
	if err := s.SignHTTP(creds, req, "STREAMING-AWS4-HMAC-SHA256-EVENTS", "transcribe", "us-east-1", at, sigv4.Options{}); err != nil {
		panic(err)
	}
	auth := req.Header.Get("Authorization")
	seed, _ := hex.DecodeString(auth[strings.LastIndex(auth, "Signature=")+len("Signature="):])

	events := s.NewChunkSigner(creds, "transcribe", "us-east-1", seed)
	// headers: the event's encoded :date header; payload: the encoded event message.
	sig := events.Sign([]byte("encoded :date header"), []byte("encoded event"), at)
	fmt.Println(len(sig), "bytes, the value of the event's :chunk-signature header")
	// Output: 32 bytes, the value of the event's :chunk-signature header
}
