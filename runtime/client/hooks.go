package client

import (
	"context"
	"net/http"
)

// Hooks wrap calls and their attempts: a way to add headers, metrics or tracing
// without replacing the HTTP client. Call hooks run once a call, around all its
// attempts; BeforeSign and Send run on every attempt (a call retried twice runs them
// three times), and Attempt tells which call and which attempt.
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
	// Call wrap each call, the first outermost, from serializing its input to its
	// result (retries included): next runs the call with the context it is given (one
	// holding a tracing span, say) and returns the call's error, which the hook
	// returns (or another).
	Call []func(ctx context.Context, c *CallInfo, next func(context.Context) error) error
	// BeforeSign run in order on each attempt's request, before it is signed. Set
	// headers with req.Header.Set (req.Header is the request's own map; a retry
	// runs the hook again on the same headers). An error ends the call with it.
	BeforeSign []func(a *Attempt, req *http.Request) error
	// Send wrap each attempt's send (the first is the outermost): call next.Do(req)
	// and return its response (the caller's deserializer reads the body), or return an
	// error, which is handled as a send error (retried when the attempts allow).
	Send []func(a *Attempt, req *http.Request, next HTTPClient) (*http.Response, error)
}

// CallInfo describes a call to the hooks.
type CallInfo struct {
	// Operation is the operation's name ("CreatePodIdentityAssociation").
	Operation string
	// Input is the call's input, the *<Operation>Input the caller passed (do not
	// modify it: attempt hooks see it serialized already).
	Input any
}

// Attempt describes one attempt of a call to the hooks.
type Attempt struct {
	CallInfo
	// Number counts the attempts of the call, 1 for the first.
	Number int
}

// callHooked runs a call inside the Call hooks, the first outermost.
func callHooked(ctx context.Context, cfg *Config, op *Operation, input any, c *codec, decodeError ErrorDecoder) error {
	info := &CallInfo{Operation: op.Name, Input: input}
	next := func(ctx context.Context) error {
		return operationError(cfg, op, invoke(ctx, cfg, op, input, c, decodeError))
	}
	for i := len(cfg.Hooks.Call) - 1; i >= 0; i-- {
		h, inner := cfg.Hooks.Call[i], next
		next = func(ctx context.Context) error { return h(ctx, info, inner) }
	}
	return next(ctx)
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
