package client

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"
)

// Logging. A Config with a Logger and a LogMode (aws-sdk-go-v2's aws.ClientLogMode
// bits) logs, at Debug level, one line per event the mode asks for:
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
// nothing. This package does not import log/slog: a program links it (and its
// default handler's init) only when it logs to a *slog.Logger, through
// runtime/client/slogger.

// A Logger receives a client's log lines (Config.Logger, a generated client's
// Options.Logger): slogger.New(l) (package runtime/client/slogger) writes them to a
// *slog.Logger at Debug level, SmithyLogger to aws-sdk-go-v2's logging.Logger.
type Logger interface {
	// LogDebug receives one line: its message ("request", "response", "retrying",
	// "signed") and attributes.
	LogDebug(ctx context.Context, msg string, attrs []LogAttr)
}

// LogAttr is one attribute of a log line. Value is a string, an int, a time.Time, a
// time.Duration, or a []LogAttr (a group, as slog.Group makes).
type LogAttr struct {
	Key   string
	Value any
}

// Redacted replaces a secret in a log line.
const Redacted = "[redacted]"

// logOn reports whether cfg logs what mode asks for.
func (cfg *Config) logOn(mode aws.ClientLogMode) bool {
	return cfg.Logger != nil && cfg.LogMode&mode != 0
}

func (cfg *Config) log(ctx context.Context, msg string, attrs ...LogAttr) {
	cfg.Logger.LogDebug(ctx, msg, attrs)
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
func logHeaders(op *Operation, h http.Header) LogAttr {
	attrs := make([]LogAttr, 0, len(h))
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
		attrs = append(attrs, LogAttr{k, v})
	}
	return LogAttr{"header", attrs}
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
func logBody(op *Operation, body []byte) LogAttr {
	switch {
	case op.Sensitive:
		return logAttr("body", fmt.Sprintf("(%d bytes, not logged: %s has sensitive members)", len(body), op.Name))
	case !utf8.Valid(body):
		return logAttr("body", fmt.Sprintf("(%d bytes, binary, not logged)", len(body)))
	}
	return logAttr("body", string(body))
}

func (cfg *Config) logRequest(ctx context.Context, op *Operation, r *Request, req *http.Request, attempt int) {
	attrs := []LogAttr{logAttr("operation", op.Name), logAttr("attempt", attempt),
		logAttr("method", req.Method), logAttr("url", logURL(op, req)), logHeaders(op, req.Header)}
	if cfg.LogMode&aws.LogRequestWithBody != 0 {
		if r.BodyReader != nil {
			attrs = append(attrs, logAttr("body", "(streaming, not logged)"))
		} else {
			attrs = append(attrs, logBody(op, r.Body))
		}
	}
	cfg.log(ctx, "request", attrs...)
}

// logResponse logs a response; body is nil for a streaming one.
func (cfg *Config) logResponse(ctx context.Context, op *Operation, resp *http.Response, body []byte, streaming bool, attempt int) {
	attrs := []LogAttr{logAttr("operation", op.Name), logAttr("attempt", attempt),
		logAttr("status", resp.StatusCode), logHeaders(op, resp.Header)}
	if cfg.LogMode&aws.LogResponseWithBody != 0 {
		if streaming {
			attrs = append(attrs, logAttr("body", "(streaming, not logged)"))
		} else {
			attrs = append(attrs, logBody(op, body))
		}
	}
	cfg.log(ctx, "response", attrs...)
}

func (cfg *Config) logSigning(ctx context.Context, op *Operation, req *http.Request, at time.Time, attempt int) {
	cfg.log(ctx, "signed", logAttr("operation", op.Name), logAttr("attempt", attempt),
		logAttr("signingName", cfg.SigningName), logAttr("region", cfg.Region),
		logAttr("time", at), logAttr("authorization", redactSignature(req.Header.Get("Authorization"))))
}

func (cfg *Config) logRetry(ctx context.Context, op *Operation, attempt int, wait time.Duration, cause error) {
	cfg.log(ctx, "retrying", logAttr("operation", op.Name), logAttr("attempt", attempt),
		logAttr("wait", wait), logAttr("error", cause.Error()))
}

func logAttr(key string, value any) LogAttr { return LogAttr{key, value} }

// SmithyLogger returns a Logger that writes each line to l (aws.Config's Logger) as
// one Debug line: "msg key=\"value\" ...", a group's attributes as "group.key".
// NewFromConfig uses it when the aws.Config asks for logging (a ClientLogMode).
func SmithyLogger(l logging.Logger) Logger { return smithyLogger{l} }

type smithyLogger struct{ l logging.Logger }

func (s smithyLogger) LogDebug(ctx context.Context, msg string, attrs []LogAttr) {
	var b strings.Builder
	b.WriteString(msg)
	for _, a := range attrs {
		appendAttr(&b, "", a)
	}
	logging.WithContext(ctx, s.l).Logf(logging.Debug, "%s", b.String())
}

// appendAttr writes a as " key=\"value\"", the value as slog's Value.String shows it.
func appendAttr(b *strings.Builder, group string, a LogAttr) {
	key := a.Key
	if group != "" {
		key = group + "." + key
	}
	var v string
	switch x := a.Value.(type) {
	case []LogAttr:
		for _, g := range x {
			appendAttr(b, key, g)
		}
		return
	case string:
		v = x
	case int:
		v = strconv.Itoa(x)
	case time.Time:
		v = x.Round(0).String() // without the monotonic reading, as slog keeps it
	case time.Duration:
		v = x.String()
	default:
		v = fmt.Sprint(x)
	}
	fmt.Fprintf(b, " %s=%q", key, v)
}
