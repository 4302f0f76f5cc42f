package fake

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/svcgen/svcgen/gen/eksauth"
	authserver "github.com/svcgen/svcgen/gen/eksauth/server"
	"github.com/svcgen/svcgen/gen/eksauth/types"
)

// Audience is the audience of every answer of AssumeRoleForPodIdentity.
const Audience = "pods.eks.amazonaws.com"

// maxSessionName is STS's limit on the length of a role session name.
const maxSessionName = 64

// authService implements the EKS Auth operation on a Fake.
type authService struct {
	f *Fake
}

var _ authserver.Service = authService{}

// AssumeRoleForPodIdentity answers with credentials for the association of the
// token's service account in the cluster.
//
// The token is read as a JWT, header.payload.signature, and only its payload is
// used: the base64url-decoded JSON claims "sub" (system:serviceaccount:<ns>:<sa>) and
// "exp" (seconds since the epoch). The signature is not verified, and neither are
// the issuer, audience or not-before claims. Errors:
//
//   - InvalidTokenException: not three dot-separated parts, a payload that is not
//     base64url or not a JSON object, a missing or malformed "sub", a missing "exp".
//   - ExpiredTokenException: "exp" is not after the current time.
//   - ResourceNotFoundException: the cluster has no association for the namespace
//     and service account.
//
// (A token that does not even match the model's pattern, three runs of
// [A-Za-z0-9-_=] separated by dots, is refused by the generated server's validation
// before it gets here: a 400 InvalidParameterException.)
func (s authService) AssumeRoleForPodIdentity(ctx context.Context, in *eksauth.AssumeRoleForPodIdentityInput) (*eksauth.AssumeRoleForPodIdentityOutput, error) {
	f := s.f
	now := f.opts.Now()
	c, err := parseToken(in.Token)
	if err != nil {
		return nil, &types.InvalidTokenException{Message: ptr("The service account token is not valid: " + err.Error())}
	}
	if !now.Before(c.expires) {
		return nil, &types.ExpiredTokenException{Message: ptr("The service account token expired at " + c.expires.UTC().Format(time.RFC3339) + ".")}
	}

	f.mu.RLock()
	a := f.byName[saKey{in.ClusterName, c.namespace, c.account}]
	var assocID, assocArn, roleArn string
	if a != nil {
		assocID, assocArn, roleArn = a.id, a.arn, a.roleArn
	}
	f.mu.RUnlock()
	if a == nil {
		return nil, &types.ResourceNotFoundException{Message: ptr(fmt.Sprintf(
			"No Pod Identity association found in cluster %s for service account %s in namespace %s.",
			in.ClusterName, c.account, c.namespace))}
	}

	partition, account, roleName := f.parseRoleArn(roleArn)
	session := sessionName(in.ClusterName, c.account)
	return &eksauth.AssumeRoleForPodIdentityOutput{
		Subject:                &types.Subject{Namespace: c.namespace, ServiceAccount: c.account},
		Audience:               Audience,
		PodIdentityAssociation: &types.PodIdentityAssociation{AssociationArn: assocArn, AssociationId: assocID},
		AssumedRoleUser: &types.AssumedRoleUser{
			Arn:          fmt.Sprintf("arn:%s:sts::%s:assumed-role/%s/%s", partition, account, roleName, session),
			AssumeRoleId: roleID(roleArn) + ":" + session,
		},
		Credentials: &types.Credentials{
			AccessKeyId:     newAccessKeyID(),
			SecretAccessKey: newSecretAccessKey(),
			SessionToken:    newSessionToken(),
			Expiration:      now.Add(f.opts.CredentialDuration),
		},
	}, nil
}

// claims is what AssumeRoleForPodIdentity reads from a token.
type claims struct {
	namespace, account string
	expires            time.Time
}

const subjectPrefix = "system:serviceaccount:"

// parseToken reads the claims of a JWT without checking its signature.
func parseToken(token string) (claims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return claims{}, fmt.Errorf("want 3 dot-separated parts (header.payload.signature), have %d", len(parts))
	}
	// base64url without padding is the JWT form; trailing '=' is tolerated.
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return claims{}, errors.New("the payload is not base64url")
	}
	var raw struct {
		Sub *string  `json:"sub"`
		Exp *float64 `json:"exp"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return claims{}, errors.New("the payload is not a JSON object of claims")
	}
	if raw.Sub == nil {
		return claims{}, errors.New(`the "sub" claim is missing`)
	}
	rest, ok := strings.CutPrefix(*raw.Sub, subjectPrefix)
	ns, sa, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || ns == "" || sa == "" || strings.Contains(sa, ":") {
		return claims{}, errors.New(`the "sub" claim is not system:serviceaccount:<namespace>:<name>`)
	}
	if raw.Exp == nil || math.IsNaN(*raw.Exp) || math.IsInf(*raw.Exp, 0) {
		return claims{}, errors.New(`the "exp" claim is missing`)
	}
	sec, frac := math.Modf(*raw.Exp)
	return claims{namespace: ns, account: sa, expires: time.Unix(int64(sec), int64(frac*1e9))}, nil
}

// parseRoleArn returns the partition, account and name of a role ARN
// (arn:aws:iam::123456789012:role/path/name), falling back to the fake's partition
// and account and to the text after the last '/' or ':' for a role ARN that is not
// one (the fake does not check role ARNs).
func (f *Fake) parseRoleArn(roleArn string) (partition, account, name string) {
	partition, account = f.partition, f.opts.AccountID
	if p := strings.SplitN(roleArn, ":", 6); len(p) == 6 && p[0] == "arn" {
		if p[1] != "" {
			partition = p[1]
		}
		if p[4] != "" {
			account = p[4]
		}
	}
	name = roleArn[strings.LastIndexAny(roleArn, "/:")+1:]
	if name == "" {
		name = "role"
	}
	return partition, account, name
}

// sessionName returns eks-<cluster>-<service account>-<uuid>, the cluster and
// service account part shortened so the whole fits STS's 64 characters.
func sessionName(cluster, account string) string {
	id := newUUID()
	prefix := "eks-" + cluster + "-" + account
	if room := maxSessionName - len(id) - 1; len(prefix) > room {
		prefix = prefix[:room]
	}
	return prefix + "-" + id
}
