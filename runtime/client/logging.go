package client

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"
)

// Logging. A Config with a Logger and a LogMode (aws-sdk-go-v2's aws.ClientLogMode
// bits) logs, at slog's Debug level, one line per event the mode asks for:
//
//   - aws.LogRequest: each attempt's request (method, URL, headers);
//     aws.LogRequestWithBody adds its body.
//   - aws.LogResponse: each response (status, headers); aws.LogResponseWithBody adds
//     its body.
//   - aws.LogRetries: each retry (the attempt, its error, the wait), and a request
//     signed again for a skewed clock.
//   - aws.LogSigning: each signature (signing name, region, time, signed headers).
//
// No line holds a secret: the Authorization header shows its credential scope and
// signed headers but not its signature, X-Amz-Security-Token shows as redacted, the
// secret key is never logged, and headers and the URL bound to sensitive members
// are redacted (Operation.SensitiveHeaders, SensitiveURL). Bodies are logged only for
// operations with no sensitive member anywhere in their input or output
// (Operation.Sensitive): the line says the body was left out and why. A streaming body
// is never logged (reading it would consume it).
//
// Logging off (no Logger, or a LogMode of 0) costs one test per step and allocates
// nothing.

// Redacted replaces a secret in a log line.
const Redacted = "[redacted]"

// logOn reports whether cfg logs what mode asks for.
func (cfg *Config) logOn(mode aws.ClientLogMode) bool {
	return cfg.Logger != nil && cfg.LogMode&mode != 0
}

func (cfg *Config) log(ctx context.Context, msg string, attrs ...slog.Attr) {
	cfg.Logger.LogAttrs(ctx, slog.LevelDebug, msg, attrs...)
}

// logURL is req's URL for a log line: without its path and query when a sensitive
// member is bound to them.
func logURL(op *Operation, req *http.Request) string {
	if op.SensitiveURL {
		return req.URL.Scheme + "://" + req.URL.Host + "/" + Redacted
	}
	return req.URL.String()
}

// logHeaders is h for a log line, secrets redacted.
func logHeaders(op *Operation, h http.Header) slog.Attr {
	attrs := make([]any, 0, len(h))
	for _, k := range slices.Sorted(maps.Keys(h)) {
		v := strings.Join(h[k], ", ")
		switch {
		case k == "Authorization":
			v = redactSignature(v)
		case k == "X-Amz-Security-Token":
			v = Redacted
		default:
			for _, s := range op.SensitiveHeaders {
				if strings.EqualFold(k, s) || strings.HasSuffix(s, "*") && len(k) >= len(s)-1 && strings.EqualFold(k[:len(s)-1], s[:len(s)-1]) {
					v = Redacted
				}
			}
		}
		attrs = append(attrs, slog.String(k, v))
	}
	return slog.Group("header", attrs...)
}

// redactSignature keeps a SigV4 Authorization header's algorithm, credential scope and
// signed headers, and replaces its signature.
func redactSignature(v string) string {
	i := strings.Index(v, "Signature=")
	if i < 0 {
		return Redacted
	}
	return v[:i] + "Signature=" + Redacted
}

// logBody is a body for a log line: its text, or why it is left out.
func logBody(op *Operation, body []byte) slog.Attr {
	switch {
	case op.Sensitive:
		return slog.String("body", fmt.Sprintf("(%d bytes, not logged: %s has sensitive members)", len(body), op.Name))
	case !utf8.Valid(body):
		return slog.String("body", fmt.Sprintf("(%d bytes, binary, not logged)", len(body)))
	}
	return slog.String("body", string(body))
}

func (cfg *Config) logRequest(ctx context.Context, op *Operation, r *Request, req *http.Request, attempt int) {
	attrs := []slog.Attr{slog.String("operation", op.Name), slog.Int("attempt", attempt),
		slog.String("method", req.Method), slog.String("url", logURL(op, req)), logHeaders(op, req.Header)}
	if cfg.LogMode&aws.LogRequestWithBody != 0 {
		if r.BodyReader != nil {
			attrs = append(attrs, slog.String("body", "(streaming, not logged)"))
		} else {
			attrs = append(attrs, logBody(op, r.Body))
		}
	}
	cfg.log(ctx, "request", attrs...)
}

// logResponse logs a response; body is nil for a streaming one.
func (cfg *Config) logResponse(ctx context.Context, op *Operation, resp *http.Response, body []byte, streaming bool, attempt int) {
	attrs := []slog.Attr{slog.String("operation", op.Name), slog.Int("attempt", attempt),
		slog.Int("status", resp.StatusCode), logHeaders(op, resp.Header)}
	if cfg.LogMode&aws.LogResponseWithBody != 0 {
		if streaming {
			attrs = append(attrs, slog.String("body", "(streaming, not logged)"))
		} else {
			attrs = append(attrs, logBody(op, body))
		}
	}
	cfg.log(ctx, "response", attrs...)
}

func (cfg *Config) logSigning(ctx context.Context, op *Operation, req *http.Request, at time.Time, attempt int) {
	cfg.log(ctx, "signed", slog.String("operation", op.Name), slog.Int("attempt", attempt),
		slog.String("signingName", cfg.SigningName), slog.String("region", cfg.Region),
		slog.Time("time", at), slog.String("authorization", redactSignature(req.Header.Get("Authorization"))))
}

func (cfg *Config) logRetry(ctx context.Context, op *Operation, attempt int, wait time.Duration, cause error) {
	cfg.log(ctx, "retrying", slog.String("operation", op.Name), slog.Int("attempt", attempt),
		slog.Duration("wait", wait), slog.String("error", cause.Error()))
}

// SmithyLogger returns a *slog.Logger that writes each record to l (aws.Config's
// Logger) as one Debug line: "msg key=value ...". NewFromConfig uses it when the
// aws.Config asks for logging (a ClientLogMode).
func SmithyLogger(l logging.Logger) *slog.Logger {
	return slog.New(smithyHandler{l: l})
}

type smithyHandler struct {
	l      logging.Logger
	prefix string // attributes added by WithAttrs, formatted
	group  string
}

func (h smithyHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h smithyHandler) Handle(ctx context.Context, rec slog.Record) error {
	var b strings.Builder
	b.WriteString(rec.Message)
	b.WriteString(h.prefix)
	rec.Attrs(func(a slog.Attr) bool {
		appendAttr(&b, h.group, a)
		return true
	})
	class := logging.Debug
	if rec.Level >= slog.LevelWarn {
		class = logging.Warn
	}
	logging.WithContext(ctx, h.l).Logf(class, "%s", b.String())
	return nil
}

func appendAttr(b *strings.Builder, group string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	key := a.Key
	if group != "" {
		key = group + "." + key
	}
	if a.Value.Kind() == slog.KindGroup {
		for _, g := range a.Value.Group() {
			appendAttr(b, key, g)
		}
		return
	}
	fmt.Fprintf(b, " %s=%q", key, a.Value.String())
}

func (h smithyHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.prefix)
	for _, a := range attrs {
		appendAttr(&b, h.group, a)
	}
	h.prefix = b.String()
	return h
}

func (h smithyHandler) WithGroup(name string) slog.Handler {
	if h.group != "" {
		name = h.group + "." + name
	}
	h.group = name
	return h
}
