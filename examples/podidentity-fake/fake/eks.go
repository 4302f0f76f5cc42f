package fake

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcgen/svcgen/gen/eks"
	eksserver "github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eks/types"
)

// defaultMaxResults is the page size of ListPodIdentityAssociations without maxResults.
const defaultMaxResults = 100

// association is one stored association. The fields never change after it is stored
// except roleArn and modifiedAt, which change under f.mu.
type association struct {
	seq                         uint64
	id, arn                     string
	cluster, namespace, account string // account: the service account
	roleArn                     string
	tags                        map[string]string
	createdAt, modifiedAt       time.Time
	token                       *tokenKey // the clientRequestToken it was created with
}

type saKey struct{ cluster, namespace, account string }

type nsKey struct{ cluster, namespace string }

type tokenKey struct{ cluster, token string }

// idempotencyEntry remembers what a clientRequestToken created, and with what.
type idempotencyEntry struct {
	id                          string
	namespace, account, roleArn string
	tags                        map[string]string
}

func (e *idempotencyEntry) matches(in *eks.CreatePodIdentityAssociationInput) bool {
	return e.namespace == in.Namespace && e.account == in.ServiceAccount && e.roleArn == in.RoleArn &&
		maps.Equal(e.tags, in.Tags)
}

// output returns a copy of a that callers may keep and change.
func (a *association) output() *types.PodIdentityAssociation {
	created, modified := a.createdAt, a.modifiedAt
	return &types.PodIdentityAssociation{
		ClusterName:    ptr(a.cluster),
		Namespace:      ptr(a.namespace),
		ServiceAccount: ptr(a.account),
		RoleArn:        ptr(a.roleArn),
		AssociationArn: ptr(a.arn),
		AssociationId:  ptr(a.id),
		Tags:           maps.Clone(a.tags),
		CreatedAt:      &created,
		ModifiedAt:     &modified,
	}
}

func (a *association) summary() types.PodIdentityAssociationSummary {
	return types.PodIdentityAssociationSummary{
		ClusterName:    ptr(a.cluster),
		Namespace:      ptr(a.namespace),
		ServiceAccount: ptr(a.account),
		AssociationArn: ptr(a.arn),
		AssociationId:  ptr(a.id),
	}
}

func ptr[T any](v T) *T { return &v }

// now is the time of a change, in milliseconds as AWS keeps it.
func (f *Fake) now() time.Time { return f.opts.Now().Truncate(time.Millisecond) }

// eksService implements the EKS operations on a Fake. Unimplemented answers any
// operation a later model adds with 501.
type eksService struct {
	f *Fake
}

var _ eksserver.Service = eksService{}

func notFound(cluster, id string) error {
	return &types.ResourceNotFoundException{
		ClusterName: ptr(cluster),
		Message:     ptr(fmt.Sprintf("No Pod Identity association with id %s found in cluster %s.", id, cluster)),
	}
}

func invalidParameter(cluster, format string, args ...any) error {
	return &types.InvalidParameterException{ClusterName: ptr(cluster), Message: ptr(fmt.Sprintf(format, args...))}
}

// lookup returns the association id of cluster; f.mu must be held.
func (f *Fake) lookup(cluster, id string) (*association, error) {
	a := f.byID[id]
	if a == nil || a.cluster != cluster {
		return nil, notFound(cluster, id)
	}
	return a, nil
}

func (s eksService) CreatePodIdentityAssociation(ctx context.Context, in *eks.CreatePodIdentityAssociationInput) (*eks.CreatePodIdentityAssociationOutput, error) {
	f := s.f
	// the generated server refuses these members when absent; present but empty,
	// they are said to be empty
	var empty []string
	for _, m := range []struct{ name, v string }{{"namespace", in.Namespace}, {"serviceAccount", in.ServiceAccount}, {"roleArn", in.RoleArn}} {
		if m.v == "" {
			empty = append(empty, m.name)
		}
	}
	if len(empty) > 0 {
		return nil, invalidParameter(in.ClusterName, "%s must not be empty.", strings.Join(empty, ", "))
	}
	// The random parts are drawn before taking the lock; an id that is taken by the
	// time the lock is held (odds 36^-17) is drawn again under it.
	id := newAssociationID()
	now := f.now()

	f.mu.Lock()
	defer f.mu.Unlock()
	var tk *tokenKey
	if in.ClientRequestToken != nil && *in.ClientRequestToken != "" {
		tk = &tokenKey{cluster: in.ClusterName, token: *in.ClientRequestToken}
		if e := f.tokens[*tk]; e != nil {
			if !e.matches(in) {
				return nil, invalidParameter(in.ClusterName,
					"Client request token %s was already used with different parameters.", tk.token)
			}
			return &eks.CreatePodIdentityAssociationOutput{Association: f.byID[e.id].output()}, nil
		}
	}
	key := saKey{in.ClusterName, in.Namespace, in.ServiceAccount}
	if old := f.byName[key]; old != nil {
		return nil, &types.ResourceInUseException{
			ClusterName: ptr(in.ClusterName),
			Message: ptr(fmt.Sprintf("Association already exists: %s for service account %s in namespace %s.",
				old.id, in.ServiceAccount, in.Namespace)),
		}
	}
	for f.byID[id] != nil {
		id = newAssociationID()
	}
	f.seq++
	a := &association{
		seq:       f.seq,
		id:        id,
		arn:       fmt.Sprintf("arn:%s:eks:%s:%s:podidentityassociation/%s/%s", f.partition, f.opts.Region, f.opts.AccountID, in.ClusterName, id),
		cluster:   in.ClusterName,
		namespace: in.Namespace,
		account:   in.ServiceAccount,
		roleArn:   in.RoleArn,
		tags:      maps.Clone(in.Tags),
		createdAt: now,
		// modifiedAt starts equal to createdAt, as AWS returns it.
		modifiedAt: now,
		token:      tk,
	}
	f.byID[id] = a
	f.byName[key] = a
	f.byCluster[a.cluster] = append(f.byCluster[a.cluster], a)
	nk := nsKey{a.cluster, a.namespace}
	f.byNamespace[nk] = append(f.byNamespace[nk], a)
	if tk != nil {
		f.tokens[*tk] = &idempotencyEntry{id: id, namespace: in.Namespace, account: in.ServiceAccount, roleArn: in.RoleArn, tags: maps.Clone(in.Tags)}
	}
	return &eks.CreatePodIdentityAssociationOutput{Association: a.output()}, nil
}

func (s eksService) DescribePodIdentityAssociation(ctx context.Context, in *eks.DescribePodIdentityAssociationInput) (*eks.DescribePodIdentityAssociationOutput, error) {
	f := s.f
	f.mu.RLock()
	defer f.mu.RUnlock()
	a, err := f.lookup(in.ClusterName, in.AssociationId)
	if err != nil {
		return nil, err
	}
	return &eks.DescribePodIdentityAssociationOutput{Association: a.output()}, nil
}

// UpdatePodIdentityAssociation changes the role when roleArn is given, and moves
// modifiedAt. clientRequestToken is accepted and ignored: repeating an update is
// harmless.
func (s eksService) UpdatePodIdentityAssociation(ctx context.Context, in *eks.UpdatePodIdentityAssociationInput) (*eks.UpdatePodIdentityAssociationOutput, error) {
	f := s.f
	if in.RoleArn != nil && *in.RoleArn == "" {
		return nil, invalidParameter(in.ClusterName, "roleArn must not be empty.")
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.lookup(in.ClusterName, in.AssociationId)
	if err != nil {
		return nil, err
	}
	if in.RoleArn != nil {
		a.roleArn = *in.RoleArn
	}
	a.modifiedAt = now
	return &eks.UpdatePodIdentityAssociationOutput{Association: a.output()}, nil
}

func (s eksService) DeletePodIdentityAssociation(ctx context.Context, in *eks.DeletePodIdentityAssociationInput) (*eks.DeletePodIdentityAssociationOutput, error) {
	f := s.f
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.lookup(in.ClusterName, in.AssociationId)
	if err != nil {
		return nil, err
	}
	delete(f.byID, a.id)
	delete(f.byName, saKey{a.cluster, a.namespace, a.account})
	f.byCluster[a.cluster] = removeSeq(f.byCluster[a.cluster], a.seq)
	if len(f.byCluster[a.cluster]) == 0 {
		delete(f.byCluster, a.cluster)
	}
	nk := nsKey{a.cluster, a.namespace}
	f.byNamespace[nk] = removeSeq(f.byNamespace[nk], a.seq)
	if len(f.byNamespace[nk]) == 0 {
		delete(f.byNamespace, nk)
	}
	if a.token != nil {
		delete(f.tokens, *a.token)
	}
	return &eks.DeletePodIdentityAssociationOutput{Association: a.output()}, nil
}

// ListPodIdentityAssociations returns the cluster's associations that match the
// filters, oldest first. The next token holds the cluster and the creation sequence
// number of the last association returned, so paging is stable while associations
// are created and deleted: a page starts after the last one seen.
func (s eksService) ListPodIdentityAssociations(ctx context.Context, in *eks.ListPodIdentityAssociationsInput) (*eks.ListPodIdentityAssociationsOutput, error) {
	f := s.f
	limit := defaultMaxResults
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > 100 {
			return nil, invalidParameter(in.ClusterName, "maxResults must be between 1 and 100.")
		}
		limit = int(*in.MaxResults)
	}
	var after uint64
	if in.NextToken != nil && *in.NextToken != "" {
		var ok bool
		if after, ok = parseListToken(*in.NextToken, in.ClusterName); !ok {
			return nil, invalidParameter(in.ClusterName, "The nextToken is not valid.")
		}
	}

	f.mu.RLock()
	defer f.mu.RUnlock()
	// the associations the filters can match, in creation order: one cluster's, one
	// namespace's, or the one of a service account
	var list []*association
	switch {
	case in.Namespace != nil && in.ServiceAccount != nil:
		if a := f.byName[saKey{in.ClusterName, *in.Namespace, *in.ServiceAccount}]; a != nil {
			list = []*association{a}
		}
	case in.Namespace != nil:
		list = f.byNamespace[nsKey{in.ClusterName, *in.Namespace}]
	default:
		list = f.byCluster[in.ClusterName]
	}
	// the page starts after the last association seen (the lists are sorted by seq)
	start, _ := slices.BinarySearchFunc(list, after+1, func(a *association, seq uint64) int { return cmpUint(a.seq, seq) })
	out := &eks.ListPodIdentityAssociationsOutput{Associations: []types.PodIdentityAssociationSummary{}}
	var last *association
	for _, a := range list[start:] {
		f.listVisits.Add(1)
		if in.ServiceAccount != nil && *in.ServiceAccount != a.account || a.seq <= after {
			continue
		}
		if len(out.Associations) == limit {
			// there is one more: the next page starts after the last one returned
			out.NextToken = ptr(listToken(in.ClusterName, last.seq))
			break
		}
		out.Associations = append(out.Associations, a.summary())
		last = a
	}
	return out, nil
}

// removeSeq removes the association numbered seq from a list sorted by seq.
func removeSeq(list []*association, seq uint64) []*association {
	if i, ok := slices.BinarySearchFunc(list, seq, func(a *association, seq uint64) int { return cmpUint(a.seq, seq) }); ok {
		list[i] = nil
		list = slices.Delete(list, i, i+1)
	}
	return list
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// listTokenPrefix versions the token format.
const listTokenPrefix = "pia1:"

func listToken(cluster string, seq uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(listTokenPrefix + strconv.FormatUint(seq, 10) + ":" + cluster))
}

func parseListToken(tok, cluster string) (uint64, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(b), listTokenPrefix)
	if !ok {
		return 0, false
	}
	num, c, ok := strings.Cut(rest, ":")
	if !ok || c != cluster {
		return 0, false
	}
	seq, err := strconv.ParseUint(num, 10, 64)
	return seq, err == nil && seq > 0
}
