package thredds

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"path"
	"sync"
)

// Crawl defaults.
const (
	DefaultCrawlConcurrency = 4
	DefaultCrawlMaxDepth    = 64
	DefaultCrawlMaxCatalogs = 10000
)

// CrawlOptions tune [Client.Crawl]. The zero value crawls the whole tree on
// the root's host with the defaults.
type CrawlOptions struct {
	// MaxDepth is the deepest catalog read, counting the root as 1 (so 1
	// reads the root only). 0 means DefaultCrawlMaxDepth.
	MaxDepth int
	// Concurrency is how many catalogs are fetched at once. 0 means
	// DefaultCrawlConcurrency. Be polite with public servers.
	Concurrency int
	// SameHost restricts the crawl to the hosts of the root URL (before and
	// after redirects). nil means true; point it at false to follow
	// references to other servers.
	SameHost *bool
	// MaxCatalogs is the most catalogs read. 0 means
	// DefaultCrawlMaxCatalogs; when the limit stops the crawl, an error
	// wrapping [ErrCrawlLimit] is yielded once.
	MaxCatalogs int

	// Include and Exclude are glob patterns (path.Match syntax) on dataset
	// names: a dataset is yielded when it matches one Include pattern (or
	// Include is empty) and no Exclude pattern. Exclude patterns are also
	// matched against catalogRef titles, and matching references are not
	// followed.
	Include, Exclude []string
	// Filter, when set, decides which datasets are yielded (after Include
	// and Exclude).
	Filter func(*Dataset) bool
	// FollowRef, when set, decides which references are followed (after
	// SameHost, MaxDepth and Exclude).
	FollowRef func(*CatalogRef) bool
	// DataOnly yields only datasets that have at least one access (files and
	// aggregations), not pure containers.
	DataOnly bool
}

func (o *CrawlOptions) defaults() {
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultCrawlMaxDepth
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultCrawlConcurrency
	}
	if o.MaxCatalogs <= 0 {
		o.MaxCatalogs = DefaultCrawlMaxCatalogs
	}
}

func matchAny(patterns []string, s string) bool {
	for _, p := range patterns {
		if ok, err := path.Match(p, s); err == nil && ok {
			return true
		}
	}
	return false
}

func (o *CrawlOptions) wantDataset(d *Dataset) bool {
	if len(o.Include) > 0 && !matchAny(o.Include, d.Name) {
		return false
	}
	if matchAny(o.Exclude, d.Name) {
		return false
	}
	if o.DataOnly && len(d.Access()) == 0 {
		return false
	}
	return o.Filter == nil || o.Filter(d)
}

// Crawl walks the catalog tree under rawURL and yields every dataset of
// every catalog read (containers included, depth-first within a catalog),
// following catalog references with at most opts.Concurrency requests at a
// time.
//
// Catalogs are read once each: references are compared by canonical URL
// (scheme and host case, default ports, dot segments, fragments), and a
// catalog reached through a redirect is not read again under its final
// URL, so cycles end. Only http and https references are followed; with
// SameHost (the default) only those on the root's host. A catalog that
// cannot be read gives one (nil, *[CrawlError]) pair and the crawl goes
// on; the crawl stops when the caller breaks out of the loop or ctx ends,
// and all its goroutines have returned by the time the loop exits.
//
// Datasets of different catalogs arrive in no fixed order.
func (c *Client) Crawl(ctx context.Context, rawURL string, opts CrawlOptions) iter.Seq2[*Dataset, error] {
	opts.defaults()
	return func(yield func(*Dataset, error) bool) {
		root, err := checkURL(rawURL)
		if err != nil {
			yield(nil, &CrawlError{URL: rawURL, Depth: 1, Err: err})
			return
		}
		sameHost := opts.SameHost == nil || *opts.SameHost
		hosts := map[string]bool{hostKey(root): true}

		ctx, cancel := context.WithCancel(ctx)
		type job struct {
			url   string
			ref   *CatalogRef
			depth int
		}
		type result struct {
			job
			cat *Catalog
			err error
		}
		jobs := make(chan job)
		results := make(chan result)
		var wg sync.WaitGroup
		for range opts.Concurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					cat, err := c.Catalog(ctx, j.url)
					select {
					case results <- result{job: j, cat: cat, err: err}:
					case <-ctx.Done():
						return
					}
				}
			}()
		}
		defer func() {
			cancel()
			close(jobs)
			wg.Wait()
		}()

		seen := map[string]bool{canonicalURL(root.String()): true} // enqueued
		done := map[string]bool{}                                  // read and yielded (requested and final URLs)
		pending := []job{{url: root.String(), depth: 1}}
		started, inflight := 1, 0
		limitReported := false

		enqueue := func(r *CatalogRef, depth int) bool {
			if depth > opts.MaxDepth {
				return true
			}
			if matchAny(opts.Exclude, r.Title) {
				return true
			}
			u, err := url.Parse(r.URL)
			if err != nil || !isHTTPURL(u) {
				if r.URL == "" {
					return true
				}
				return yield(nil, &CrawlError{URL: r.URL, Ref: r, Depth: depth, Err: fmt.Errorf("%w: %q", ErrUnsupportedScheme, truncate(r.URL, 200))})
			}
			if sameHost && !hosts[hostKey(u)] {
				return true
			}
			if opts.FollowRef != nil && !opts.FollowRef(r) {
				return true
			}
			key := canonicalURL(u.String())
			if seen[key] {
				return true
			}
			if started >= opts.MaxCatalogs {
				if !limitReported {
					limitReported = true
					return yield(nil, &CrawlError{URL: r.URL, Ref: r, Depth: depth, Err: fmt.Errorf("%w (%d catalogs)", ErrCrawlLimit, opts.MaxCatalogs)})
				}
				return true
			}
			seen[key] = true
			started++
			pending = append(pending, job{url: u.String(), ref: r, depth: depth})
			return true
		}

		for len(pending) > 0 || inflight > 0 {
			var send chan job
			var next job
			if len(pending) > 0 {
				send, next = jobs, pending[len(pending)-1]
			}
			select {
			case <-ctx.Done():
				yield(nil, &CrawlError{URL: rawURL, Depth: 1, Err: ctx.Err()})
				return
			case send <- next:
				pending = pending[:len(pending)-1]
				inflight++
			case r := <-results:
				inflight--
				if r.err != nil {
					if !yield(nil, &CrawlError{URL: r.url, Ref: r.ref, Depth: r.depth, Err: r.err}) {
						return
					}
					continue
				}
				if r.depth == 1 {
					if fu, err := url.Parse(r.cat.URL); err == nil && isHTTPURL(fu) {
						hosts[hostKey(fu)] = true
					}
				}
				// a catalog reached twice (a redirect to a catalog also
				// referenced directly) is yielded once
				key, final := canonicalURL(r.url), canonicalURL(r.cat.URL)
				if done[key] || done[final] {
					continue
				}
				done[key], done[final] = true, true
				seen[final] = true
				for _, d := range r.cat.All() {
					if opts.wantDataset(d) && !yield(d, nil) {
						return
					}
				}
				for _, ref := range r.cat.AllRefs() {
					if !enqueue(ref, r.depth+1) {
						return
					}
				}
			}
		}
	}
}

// Walk collects a whole crawl: the datasets, and the errors of the
// catalogs that could not be read. It returns early only when ctx ends.
func (c *Client) Walk(ctx context.Context, rawURL string, opts CrawlOptions) ([]*Dataset, []error) {
	var ds []*Dataset
	var errs []error
	for d, err := range c.Crawl(ctx, rawURL, opts) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ds = append(ds, d)
	}
	return ds, errs
}
