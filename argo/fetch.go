package argo

import (
	"context"
	"iter"
)

// fetched is what one unit of work of a source (a GDAC file, an ERDDAP
// request) gives: its profiles, or an error, and the bytes it read.
type fetched struct {
	ps    []*Profile
	err   error
	bytes int
}

// fetchOrdered runs fetch(ctx, i) for i in [0, n) with at most concurrency
// calls at once and yields the results in order of i, whatever order they
// finish in. When ctx is done, the remaining results carry ctx's error; the
// iteration stops when the caller stops it. At most concurrency results are
// computed ahead of the one the caller waits for, so memory is bounded.
func fetchOrdered(ctx context.Context, n, concurrency int, fetch func(ctx context.Context, i int) fetched) iter.Seq2[int, fetched] {
	return func(yield func(int, fetched) bool) {
		if n == 0 {
			return
		}
		concurrency = max(concurrency, 1)
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		results := make([]chan fetched, n)
		for i := range results {
			results[i] = make(chan fetched, 1)
		}
		// A slot is taken when work i starts and given back when its result
		// has been consumed, so finished but unread results hold slots.
		sem := make(chan struct{}, concurrency)
		go func() {
			for i := range n {
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					for _, ch := range results[i:] {
						ch <- fetched{err: ctx.Err()}
					}
					return
				}
				go func() { results[i] <- fetch(ctx, i) }()
			}
		}()
		for i, ch := range results {
			var r fetched
			select {
			case r = <-ch:
			case <-ctx.Done():
				r = fetched{err: ctx.Err()}
			}
			if r.err == nil || ctx.Err() == nil {
				<-sem
			}
			if !yield(i, r) {
				return
			}
			if ctx.Err() != nil {
				return
			}
		}
	}
}
