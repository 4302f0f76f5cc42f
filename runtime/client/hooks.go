package client

import "net/http"

// Hooks wrap the attempts of a call: a way to add headers, metrics or tracing without
// replacing the HTTP client. Every attempt runs them (a call retried twice runs them
// three times); Attempt tells which call and which attempt.
//
// Requests are signed with SigV4 before they are sent, so a hook that adds headers
// must run before signing (BeforeSign): the headers it sets are signed and sent. Send
// runs after signing, around the send itself: it sees the signed request and the
// response, and must not alter a signed header (the service would refuse the
// signature); headers it adds are sent unsigned.
//
// To hook one call only, add hooks in the call's option functions (with a new slice:
// append to a copy, slices.Clip(o.Hooks.BeforeSign) first, so that the client's
// slice is not shared).
type Hooks struct {
	// BeforeSign run in order on each attempt's request, before it is signed. Set
	// headers with req.Header.Set (req.Header is the request's own map; a retry
	// runs the hook again on the same headers). An error ends the call with it.
	BeforeSign []func(a *Attempt, req *http.Request) error
	// Send wrap each attempt's send (the first is the outermost): call next.Do(req)
	// and return its response (the caller's deserializer reads the body), or return an
	// error, which is handled as a send error (retried when the attempts allow).
	Send []func(a *Attempt, req *http.Request, next HTTPClient) (*http.Response, error)
}

// Attempt describes one attempt of a call to the hooks.
type Attempt struct {
	// Operation is the operation's name ("CreatePodIdentityAssociation").
	Operation string
	// Input is the call's input, the *<Operation>Input the caller passed (do not
	// modify it: it was serialized already).
	Input any
	// Number counts the attempts of the call, 1 for the first.
	Number int
}

func (h *Hooks) empty() bool { return len(h.BeforeSign) == 0 && len(h.Send) == 0 }

// hookedClient runs one Send hook around next.
type hookedClient struct {
	fn   func(a *Attempt, req *http.Request, next HTTPClient) (*http.Response, error)
	a    *Attempt
	next HTTPClient
}

func (h hookedClient) Do(req *http.Request) (*http.Response, error) { return h.fn(h.a, req, h.next) }

// wrapSend returns c wrapped in the Send hooks, the first outermost.
func (h *Hooks) wrapSend(a *Attempt, c HTTPClient) HTTPClient {
	for i := len(h.Send) - 1; i >= 0; i-- {
		c = hookedClient{fn: h.Send[i], a: a, next: c}
	}
	return c
}
