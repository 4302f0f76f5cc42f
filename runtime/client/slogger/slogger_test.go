package slogger_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/svcgen/svcgen/runtime/client"
	"github.com/svcgen/svcgen/runtime/client/slogger"
)

// TestNew: a line reaches the *slog.Logger as slog's own attributes would: typed
// values, groups, at Debug level (and nothing when Debug is off).
func TestNew(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var got, want bytes.Buffer
	h := func(b *bytes.Buffer) *slog.Logger {
		return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug,
			ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}))
	}
	slogger.New(h(&got)).LogDebug(context.Background(), "request", []client.LogAttr{
		{Key: "operation", Value: "Op"}, {Key: "attempt", Value: 2}, {Key: "time", Value: at},
		{Key: "wait", Value: time.Second}, {Key: "header", Value: []client.LogAttr{{Key: "A", Value: "b"}}},
	})
	h(&want).LogAttrs(context.Background(), slog.LevelDebug, "request", slog.String("operation", "Op"), slog.Int("attempt", 2),
		slog.Time("time", at), slog.Duration("wait", time.Second), slog.Group("header", slog.String("A", "b")))
	if got.String() != want.String() {
		t.Errorf("got  %s\nwant %s", got.String(), want.String())
	}
	var quiet bytes.Buffer
	slogger.New(slog.New(slog.NewTextHandler(&quiet, nil))).LogDebug(context.Background(), "request", nil)
	if quiet.Len() != 0 {
		t.Errorf("logged at Info level: %s", quiet.String())
	}
}
