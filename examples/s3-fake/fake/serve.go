package fake

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	s3server "github.com/svcgen/svcgen/gen/s3/server"
	rt "github.com/svcgen/svcgen/runtime/server"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

// Defaults of Options.
const (
	DefaultAccessKeyID     = "AKIAS3FAKEEXAMPLE"
	DefaultSecretAccessKey = "s3fake/secret/EXAMPLEKEY"
	DefaultShutdownTimeout = 10 * time.Second
)

// Options configure a Fake. The zero value is usable.
type Options struct {
	// Region is where buckets are created without a LocationConstraint, and the
	// region requests must be signed for (default us-east-1).
	Region string
	// Credentials maps the access key ids the fake accepts to their secrets (default
	// DefaultAccessKeyID: DefaultSecretAccessKey).
	Credentials map[string]string
	// Unsigned serves requests without checking their SigV4 signature.
	Unsigned bool
	// Logger receives server errors and recovered panics (default slog.Default()).
	Logger *slog.Logger
	// ShutdownTimeout bounds how long Serve waits for requests in flight once its
	// context is done (default 10s).
	ShutdownTimeout time.Duration
}

// Fake is the S3 fake: a Store served by the generated S3 server.
type Fake struct {
	*Store
	opts Options
}

// New returns a Fake with no buckets.
func New(o Options) *Fake {
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	if o.Credentials == nil {
		o.Credentials = map[string]string{DefaultAccessKeyID: DefaultSecretAccessKey}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = DefaultShutdownTimeout
	}
	return &Fake{Store: NewStore(o.Region), opts: o}
}

// Handler serves the S3 API (path-style and virtual-hosted buckets) with the
// generated server. Requests must carry a SigV4 signature by a key of
// Options.Credentials, scoped to s3 and the fake's region, unless Options.Unsigned;
// a body is checked against its signed hash as it streams in, never held to be hashed.
// Bodies may be as large as S3's 5 GiB.
func (f *Fake) Handler() http.Handler {
	opts := []rt.Option{rt.WithLogger(f.opts.Logger), rt.WithBodyLimit(MaxObjectSize)}
	if !f.opts.Unsigned {
		lookup := func(id string) (string, bool) {
			s, ok := f.opts.Credentials[id]
			return s, ok
		}
		opts = append(opts, rt.WithAuth(sigv4verify.New(lookup,
			sigv4verify.WithService("s3"), sigv4verify.WithRegion(f.opts.Region),
			sigv4verify.WithSinglePathEncoding(), sigv4verify.WithUnsignedPayload(), sigv4verify.WithStreamedPayload())))
	}
	return partialContent(s3server.NewHandler(f.Store, opts...))
}

// partialContent answers 206 for a response with a Content-Range (a GetObject of a
// range or a part): the model gives GetObject one status, 200.
func partialContent(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&rangeWriter{ResponseWriter: w}, r)
	})
}

type rangeWriter struct {
	http.ResponseWriter
}

func (w *rangeWriter) WriteHeader(code int) {
	if code == http.StatusOK && w.Header().Get("Content-Range") != "" {
		code = http.StatusPartialContent
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *rangeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// NewServer returns an http.Server for h with the timeouts and header limit a server
// facing a network needs; reads and writes of bodies have no deadline, as a large
// object may take long.
func NewServer(h http.Handler, logger *slog.Logger) *http.Server {
	if logger == nil {
		logger = slog.Default()
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve serves Handler on ln until ctx is done, then shuts down gracefully, waiting up
// to Options.ShutdownTimeout for requests in flight. It returns nil after a clean
// shutdown. Serve closes ln.
func (f *Fake) Serve(ctx context.Context, ln net.Listener) error {
	return rt.Serve(ctx, NewServer(f.Handler(), f.opts.Logger), ln, f.opts.ShutdownTimeout)
}
