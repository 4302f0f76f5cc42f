/*
Package fake is an in-memory stand-in for EKS Pod Identity: the five
pod-identity-association operations of the EKS API and AssumeRoleForPodIdentity of
the EKS Auth API, served by the generated server stubs (gen/eks/server and
gen/eksauth/server) on one http.Handler. It is safe for concurrent use.

What it models:

  - Clusters are implicit: any cluster name is accepted, and nothing outside the
    associations is stored.
  - Associations get ids "a-" + 17 lower-case letters and digits (crypto/rand), ARNs
    arn:<partition>:eks:<region>:<account>:podidentityassociation/<cluster>/<id>,
    createdAt and modifiedAt (modifiedAt moves on every update), and tags.
  - CreatePodIdentityAssociation is idempotent on clientRequestToken within a
    cluster: the same token with the same parameters returns the association it
    created the first time. The same token with different parameters is an
    InvalidParameterException: AWS answers IdempotentParameterMismatch there, but the
    EKS model does not define that error, so the generated server has no way to send
    it. A token is forgotten when its association is deleted. A second association
    for the same cluster, namespace and service account is a ResourceInUseException.
  - ListPodIdentityAssociations filters by namespace and service account, returns
    associations in the order they were created, and pages with maxResults (default
    100) and an opaque nextToken; a token it did not hand out for that cluster is an
    InvalidParameterException.
  - Describe, Update and Delete of an id the cluster does not have are a
    ResourceNotFoundException with clusterName and message set. Update changes
    roleArn (when given) and keeps the tags; Delete returns the deleted association.
  - AssumeRoleForPodIdentity reads the pod's namespace and service account from the
    token's JWT claims ("sub": "system:serviceaccount:<ns>:<sa>", "exp"). The
    signature is NOT checked: the payload is decoded and trusted, so anyone who can
    reach the fake can mint credentials for any association. Those credentials are
    random strings that nothing else accepts: an ASIA access key id, a secret and
    session token, an expiration CredentialDuration (one hour) ahead, and an
    assumed-role user arn:<partition>:sts::<role's account>:assumed-role/<role
    name>/eks-<cluster>-<service account>-<uuid>. A token it cannot read is an
    InvalidTokenException, an expired one an ExpiredTokenException, and a service
    account without an association in the cluster a ResourceNotFoundException.
  - Requests must be signed with AWS Signature Version 4 by a key of
    Options.Credentials (default "test"/"test"), unless Options.Unsigned is set.
  - Requests that break a constraint of the model are answered by the generated
    server's validation, before the fake sees them. The fake configures that answer
    as a 400 InvalidParameterException (the code both services use for bad
    parameters; neither model defines the stubs' default ValidationException), so the
    generated clients return it as a typed error.
*/
package fake

import (
	"context"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	eksserver "github.com/svcgen/svcgen/gen/eks/server"
	authserver "github.com/svcgen/svcgen/gen/eksauth/server"
	rt "github.com/svcgen/svcgen/runtime/server"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

// Defaults of Options.
const (
	DefaultRegion             = "us-west-2"
	DefaultAccountID          = "111122223333"
	DefaultCredentialDuration = time.Hour
	DefaultShutdownTimeout    = 10 * time.Second
	// DefaultAccessKeyID and DefaultSecretAccessKey are the credentials accepted
	// when Options.Credentials is empty: "test" and "test", as other AWS fakes
	// (LocalStack, moto) take them.
	DefaultAccessKeyID     = "test"
	DefaultSecretAccessKey = "test"
)

// Options configure a Fake. The zero value is usable.
type Options struct {
	// Region goes into association ARNs (default us-west-2). Its partition (aws,
	// aws-cn, aws-us-gov, ...) is derived from its prefix.
	Region string
	// AccountID goes into association ARNs, and into assumed-role ARNs when the
	// role ARN does not name an account (default 111122223333).
	AccountID string
	// Now is the clock (default time.Now); tests set it to move time.
	Now func() time.Time
	// CredentialDuration is how long credentials are valid (default one hour). It is
	// not capped by the expiry of the service account token.
	CredentialDuration time.Duration
	// Logger receives server errors and recovered panics (default slog.Default()).
	Logger *slog.Logger
	// ShutdownTimeout bounds how long Serve waits for requests in flight once its
	// context is done (default 10s).
	ShutdownTimeout time.Duration
	// Credentials are the access key ids the fake accepts, with their secret access
	// keys (default DefaultAccessKeyID with DefaultSecretAccessKey). Every request
	// must be signed with one of them (AWS Signature Version 4, for the signing name
	// "eks" or "eks-auth"), unless Unsigned is set: a request without a signature,
	// with a bad one, a date more than 15 minutes off, or an unknown key is
	// refused with 403 (the code AWS uses: MissingAuthenticationTokenException,
	// InvalidSignatureException, ...), before it is decoded.
	Credentials map[string]string
	// Unsigned accepts requests without checking their signatures (curl, clients
	// configured without credentials).
	Unsigned bool
}

// Fake is the in-memory service. Make one with New.
type Fake struct {
	opts      Options
	partition string

	mu     sync.RWMutex
	seq    uint64                  // creation order; the last value handed out
	byID   map[string]*association // every association, by id
	byName map[saKey]*association  // by cluster, namespace and service account
	// byCluster and byNamespace list the associations of a cluster, and of a namespace
	// in a cluster, in creation order (by seq), so that a page of
	// ListPodIdentityAssociations costs the page, not every association
	byCluster   map[string][]*association
	byNamespace map[nsKey][]*association
	listVisits  atomic.Int64                   // associations List looked at, for tests
	tokens      map[tokenKey]*idempotencyEntry // by cluster and clientRequestToken
}

// New returns an empty Fake.
func New(o Options) *Fake {
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	if o.AccountID == "" {
		o.AccountID = DefaultAccountID
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CredentialDuration <= 0 {
		o.CredentialDuration = DefaultCredentialDuration
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = DefaultShutdownTimeout
	}
	if len(o.Credentials) == 0 {
		o.Credentials = map[string]string{DefaultAccessKeyID: DefaultSecretAccessKey}
	} else {
		o.Credentials = maps.Clone(o.Credentials)
	}
	return &Fake{
		opts:        o,
		partition:   partitionOf(o.Region),
		byID:        map[string]*association{},
		byName:      map[saKey]*association{},
		byCluster:   map[string][]*association{},
		byNamespace: map[nsKey][]*association{},
		tokens:      map[tokenKey]*idempotencyEntry{},
	}
}

// EKS returns the EKS Pod Identity operations, for gen/eks/server.NewHandler.
func (f *Fake) EKS() eksserver.Service { return eksService{f} }

// Auth returns the EKS Auth operation, for gen/eksauth/server.NewHandler.
func (f *Fake) Auth() authserver.Service { return authService{f} }

// bodyLimit is the largest request body the fake reads.
const bodyLimit = 1 << 20

// Handler serves both APIs on one handler.
//
// Both APIs' paths start with /clusters/{name}/, but they never collide: EKS Auth has
// a single route, /clusters/{clusterName}/assume-role-for-pod-identity, and every EKS
// route continues with /pod-identity-associations. So the EKS Auth path (any method,
// so that its own router answers 405 to a GET) goes to the EKS Auth handler, and
// everything else to the EKS handler, which answers unknown paths with its JSON 404.
// No http.ServeMux sits in front of them: it would redirect a path holding "..",
// "." or "//" with a 307 to its cleaned form, where the generated handlers answer
// such a path as naming no operation (404).
func (f *Fake) Handler() http.Handler {
	common := []rt.Option{
		rt.WithLogger(f.opts.Logger),
		rt.WithValidationErrorCode("InvalidParameterException"),
		rt.WithBodyLimit(bodyLimit),
	}
	authOpts, eksOpts := common, common
	if !f.opts.Unsigned {
		lookup := func(id string) (string, bool) {
			secret, ok := f.opts.Credentials[id]
			return secret, ok
		}
		eksOpts = append(slices.Clip(common), rt.WithAuth(sigv4verify.New(lookup, sigv4verify.WithService("eks"), sigv4verify.WithBodyLimit(bodyLimit))))
		authOpts = append(slices.Clip(common), rt.WithAuth(sigv4verify.New(lookup, sigv4verify.WithService("eks-auth"), sigv4verify.WithBodyLimit(bodyLimit))))
	}
	auth := authserver.NewHandler(f.Auth(), authOpts...)
	other := eksserver.NewHandler(f.EKS(), eksOpts...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAuthPath(r.URL.EscapedPath()) {
			auth.ServeHTTP(w, r)
			return
		}
		other.ServeHTTP(w, r)
	})
}

// isAuthPath reports whether p (escaped) is EKS Auth's one path,
// /clusters/{clusterName}/assume-role-for-pod-identity.
func isAuthPath(p string) bool {
	rest, ok := strings.CutPrefix(p, "/clusters/")
	if !ok {
		return false
	}
	name, ok := strings.CutSuffix(rest, "/assume-role-for-pod-identity")
	return ok && name != "" && !strings.Contains(name, "/")
}

// NewServer returns an http.Server for h with the timeouts and header limit a server
// facing a network needs.
func NewServer(h http.Handler, logger *slog.Logger) *http.Server {
	if logger == nil {
		logger = slog.Default()
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve serves Handler on ln until ctx is done, then shuts down gracefully: it stops
// accepting connections and waits up to Options.ShutdownTimeout for requests in
// flight. It returns nil after a clean shutdown. Serve closes ln.
func (f *Fake) Serve(ctx context.Context, ln net.Listener) error {
	return rt.Serve(ctx, NewServer(f.Handler(), f.opts.Logger), ln, f.opts.ShutdownTimeout)
}

// ListenAndServe listens on the TCP address addr and calls Serve.
func (f *Fake) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return f.Serve(ctx, ln)
}

// partitionOf returns the partition of an AWS region, by the regions' prefixes.
func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	case strings.HasPrefix(region, "us-iso-"):
		return "aws-iso"
	case strings.HasPrefix(region, "us-isob-"):
		return "aws-iso-b"
	case strings.HasPrefix(region, "eu-isoe-"):
		return "aws-iso-e"
	case strings.HasPrefix(region, "us-isof-"):
		return "aws-iso-f"
	}
	return "aws"
}
