package endpoints

import (
	"slices"
	"sync"
	"sync/atomic"
)

// DefaultCacheSize is the number of parameter sets a Cache made with size 0 keeps.
const DefaultCacheSize = 8

// Cache remembers the endpoints of a few parameter sets of one rule set, so a
// client resolves once per configuration instead of once per request.
//
// It suits values that come from the client's configuration (region, FIPS,
// dual-stack, custom endpoint): they take a handful of distinct values. Values
// that vary per request (a bucket name, an ARN) still resolve correctly, but
// churn the cache; call RuleSet.Resolve for those.
//
// A hit takes no lock and does not allocate: the entries are an immutable
// slice behind an atomic pointer, copied on write. When the cache is full, a
// new entry replaces the oldest. Results, errors included, are dropped when
// the partitions table changes (SetPartitions, LoadPartitions).
type Cache struct {
	rs      *RuleSet
	size    int
	entries atomic.Pointer[cacheEntries]
	mu      sync.Mutex // serializes writers
}

type cacheEntries struct {
	gen   uint64 // the partitions table the results were resolved with
	items []cacheItem
	next  int // the entry that the next insertion replaces, once full
}

type cacheItem struct {
	key []value
	ep  Endpoint
	err error
}

// NewCache returns a Cache for rs that keeps up to size parameter sets
// (DefaultCacheSize when size <= 0).
func NewCache(rs *RuleSet, size int) *Cache {
	if size <= 0 {
		size = DefaultCacheSize
	}
	return &Cache{rs: rs, size: size}
}

// Resolve returns what RuleSet.Resolve returns for v, from the cache when it
// can. The Endpoint's maps and slices are shared with other callers: do not
// modify them.
func (c *Cache) Resolve(v *Values) (Endpoint, error) {
	gen := currentPartitions.Load().gen
	if e := c.entries.Load(); e != nil && e.gen == gen {
		for i := range e.items {
			if it := &e.items[i]; equalValues(it.key, v.vals) {
				return it.ep, it.err
			}
		}
	}
	ep, err := c.rs.Resolve(v)
	if v.rs == c.rs {
		c.store(gen, v.vals, ep, err)
	}
	return ep, err
}

func equalValues(a, b []value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].equal(&b[i]) {
			return false
		}
	}
	return true
}

func (c *Cache) store(gen uint64, key []value, ep Endpoint, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.entries.Load()
	next := &cacheEntries{gen: gen}
	if old != nil && old.gen == gen {
		for i := range old.items {
			if equalValues(old.items[i].key, key) {
				return // another goroutine stored it meanwhile
			}
		}
		next.items = make([]cacheItem, len(old.items), c.size)
		copy(next.items, old.items)
		next.next = old.next
	}
	item := cacheItem{key: cloneValues(key), ep: ep, err: err}
	if len(next.items) < c.size {
		next.items = append(next.items, item)
	} else {
		next.items[next.next] = item
		next.next = (next.next + 1) % c.size
	}
	c.entries.Store(next)
}

// cloneValues copies the values, string arrays included, so that later
// changes to the caller's Values or slices do not alter the key.
func cloneValues(vals []value) []value {
	out := make([]value, len(vals))
	copy(out, vals)
	for i := range out {
		if out[i].k == kStrings {
			out[i] = stringsValue(slices.Clone(out[i].rec.list))
		}
	}
	return out
}
