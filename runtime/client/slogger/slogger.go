// Package slogger writes a client's log lines to a *slog.Logger:
//
//	eks.New(eks.Options{Logger: slogger.New(slog.Default()), ClientLogMode: aws.LogRequest})
//
// It is a package of its own so that a program that does not log to log/slog does
// not link it (runtime/client does not import log/slog).
package slogger

import (
	"context"
	"log/slog"
	"time"

	"github.com/svcgen/svcgen/runtime/client"
)

// New returns a client.Logger that logs each line to l at Debug level, as a record
// with the line's message and attributes (a group as slog.Group).
func New(l *slog.Logger) client.Logger { return logger{l} }

type logger struct{ l *slog.Logger }

func (g logger) LogDebug(ctx context.Context, msg string, attrs []client.LogAttr) {
	if !g.l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	g.l.LogAttrs(ctx, slog.LevelDebug, msg, Attrs(attrs)...)
}

// Attrs converts a line's attributes to slog's: a string, int, time.Time or
// time.Duration to the same kind of slog.Value, a []client.LogAttr to a group.
func Attrs(attrs []client.LogAttr) []slog.Attr {
	out := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		switch v := a.Value.(type) {
		case string:
			out[i] = slog.String(a.Key, v)
		case int:
			out[i] = slog.Int(a.Key, v)
		case time.Time:
			out[i] = slog.Time(a.Key, v)
		case time.Duration:
			out[i] = slog.Duration(a.Key, v)
		case []client.LogAttr:
			out[i] = slog.Attr{Key: a.Key, Value: slog.GroupValue(Attrs(v)...)}
		default:
			out[i] = slog.Any(a.Key, v)
		}
	}
	return out
}
