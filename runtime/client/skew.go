package client

import (
	"errors"
	"net/http"
	"time"
)

// Clock-skew correction, as aws-sdk-go-v2 and botocore do it: when a service turns a
// request down because of the time it was signed at, the client learns the offset
// between its clock and the service's from the response's Date header, keeps it (in
// State) for the calls that follow, and signs and sends the request once more.

// skewCodes say that the request's time was off, whatever the Date header shows.
var skewCodes = map[string]bool{
	"RequestTimeTooSkewed": true, "RequestExpired": true, "RequestInTheFuture": true,
}

// maybeSkewCodes are signature errors that a skewed clock also causes: they count as
// skew when the Date header is at least minSkew away from the signing clock.
var maybeSkewCodes = map[string]bool{
	"InvalidSignatureException": true, "SignatureDoesNotMatch": true, "AuthFailure": true,
}

// minSkew is the skew a signature error must show to be taken for one (SigV4 accepts
// requests up to 5 minutes away; aws-sdk-go-v2 corrects from 4).
const minSkew = 4 * time.Minute

// clockSkew returns the offset to add to the signing clock (at signed, the time the
// request was signed at) when the error response says the request's time was skewed.
func clockSkew(resp *http.Response, err error, signed time.Time) (time.Duration, bool) {
	var api interface{ ErrorCode() string }
	if !errors.As(err, &api) {
		return 0, false
	}
	code := api.ErrorCode()
	if !skewCodes[code] && !maybeSkewCodes[code] {
		return 0, false
	}
	date, perr := http.ParseTime(resp.Header.Get("Date"))
	if perr != nil {
		return 0, false
	}
	skew := date.Sub(signed)
	if !skewCodes[code] && skew > -minSkew && skew < minSkew {
		return 0, false
	}
	return skew, true
}
