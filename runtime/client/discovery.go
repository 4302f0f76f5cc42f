package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Endpoint discovery (the endpointdiscovery and endpointoperation traits): a service
// such as Timestream tells each account which endpoint to call through its
// DescribeEndpoints operation. The client asks once, keeps the answer for the time it
// gives (CachePeriodInMinutes), and asks again when that time is over.

// DiscoveredEndpoint is the first endpoint a DescribeEndpoints call returned.
type DiscoveredEndpoint struct {
	Address              string // a host name ("query-cell2.timestream.us-east-1.amazonaws.com") or a URL
	CachePeriodInMinutes int64
}

// DescribeEndpointsFunc calls the service's DescribeEndpoints operation with cfg.
type DescribeEndpointsFunc func(ctx context.Context, cfg *Config) (DiscoveredEndpoint, error)

type discoveryCache struct {
	mu      sync.Mutex
	entries map[string]*discovered // by the endpoint DescribeEndpoints was called at
	// fetch is held while DescribeEndpoints is called, so that callers who find the
	// cache empty at the same time ask once.
	fetch sync.Mutex
}

type discovered struct {
	base    *Config // the Config cfg was made from
	cfg     *Config // base with the discovered endpoint
	address string
	expires time.Time
}

// errNoDiscoveredEndpoint reports a DescribeEndpoints answer without an endpoint.
var errNoDiscoveredEndpoint = errors.New("DescribeEndpoints returned no endpoint")

// DiscoverEndpoint returns the Config of a call to an operation that uses endpoint
// discovery: cfg with the endpoint that describe (the service's DescribeEndpoints)
// returned, from the client's cache (cfg.State) while it is fresh. When required is
// false a failed discovery leaves the call at cfg's endpoint; when it is true the call
// fails with the discovery's error.
//
// Which calls discover follows aws-sdk-go-v2: with cfg.EndpointDiscovery unset or
// auto, the operations that require it; enabled, those that allow it too; disabled,
// none (the call goes to cfg's endpoint). A custom endpoint (cfg.CustomEndpoint, the
// user's BaseEndpoint) turns discovery off unless it is enabled explicitly; then
// DescribeEndpoints is asked at the custom endpoint (aws-sdk-go-v2 returns an error
// there instead), which lets a local emulator play the service.
func DiscoverEndpoint(ctx context.Context, cfg *Config, required bool, describe DescribeEndpointsFunc) (*Config, error) {
	switch mode := cfg.EndpointDiscovery; {
	case mode == aws.EndpointDiscoveryDisabled,
		mode != aws.EndpointDiscoveryEnabled && (!required || cfg.CustomEndpoint):
		return cfg, nil
	}
	s := cfg.State
	if s == nil {
		s = NewState() // no cache: every call asks
	}
	c := &s.discovery
	if got := c.lookup(cfg, time.Now()); got != nil {
		return got, nil
	}
	c.fetch.Lock()
	defer c.fetch.Unlock()
	if got := c.lookup(cfg, time.Now()); got != nil {
		return got, nil // another call found it meanwhile
	}
	ep, err := describe(ctx, cfg)
	if err == nil && ep.Address == "" {
		err = errNoDiscoveredEndpoint
	}
	if err != nil {
		if !required {
			return cfg, nil
		}
		return nil, &EndpointError{Err: fmt.Errorf("endpoint discovery: %w", err)}
	}
	e := &discovered{base: cfg, address: ep.Address, expires: time.Now().Add(time.Duration(ep.CachePeriodInMinutes) * time.Minute)}
	e.cfg = withEndpoint(cfg, ep.Address)
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*discovered{}
	}
	c.entries[cfg.Endpoint] = e
	c.mu.Unlock()
	return e.cfg, nil
}

// lookup returns the Config of a fresh cache entry for cfg's endpoint, or nil.
func (c *discoveryCache) lookup(cfg *Config, now time.Time) *Config {
	c.mu.Lock()
	e := c.entries[cfg.Endpoint]
	c.mu.Unlock()
	switch {
	case e == nil || !now.Before(e.expires):
		return nil
	case e.base == cfg:
		return e.cfg
	}
	return withEndpoint(cfg, e.address) // a call with options of its own
}

// withEndpoint returns a copy of cfg that calls address (https:// unless it has a scheme).
func withEndpoint(cfg *Config, address string) *Config {
	n := *cfg
	if !strings.Contains(address, "://") {
		address = "https://" + address
	}
	n.setEndpoint(address)
	return &n
}
