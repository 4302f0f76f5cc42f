package server

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestServe: a request in flight when ctx is done is answered before Serve returns
// nil; a request that outlives the grace period makes Serve return the deadline error.
func TestServe(t *testing.T) {
	for _, tc := range []struct {
		name    string
		grace   time.Duration
		wantErr error
	}{
		{"drained", time.Minute, nil},
		{"grace exceeded", time.Millisecond, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			started, release := make(chan struct{}), make(chan struct{})
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				close(started)
				<-release
				io.WriteString(w, "done")
			})}
			ctx, cancel := context.WithCancel(context.Background())
			served := make(chan error, 1)
			go func() { served <- Serve(ctx, srv, ln, tc.grace) }()
			answered := make(chan string, 1)
			go func() {
				resp, err := http.Get("http://" + ln.Addr().String())
				if err != nil {
					answered <- err.Error()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				answered <- string(b)
			}()
			<-started
			cancel()
			if tc.wantErr != nil {
				err := <-served // the handler is still blocked: the grace period runs out
				close(release)
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("Serve: %v, want %v", err, tc.wantErr)
				}
				<-answered
				return
			}
			close(release)
			if got := <-answered; got != "done" {
				t.Errorf("the request in flight got %q", got)
			}
			if err := <-served; err != nil {
				t.Fatalf("Serve: %v", err)
			}
		})
	}
}
