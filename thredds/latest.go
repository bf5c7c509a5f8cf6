package thredds

import (
	"context"
	"fmt"
	"regexp"
	"time"
)

// Latest resolves a Resolver dataset (the "latest.xml" proxy a TDS adds to
// datasetScans and feature collections, whose serviceName names a Resolver
// service) to the dataset it stands for now: it reads the resolver's URL
// (<catalog directory>/latest.xml) and returns the first dataset of the
// answer that has an access. A dataset without a Resolver access gives
// [ErrNoResolver].
func (c *Client) Latest(ctx context.Context, ds *Dataset) (*Dataset, error) {
	var u string
	for _, a := range ds.Access() {
		if a.ServiceType == ServiceResolver {
			u = a.URL
			break
		}
	}
	if u == "" {
		return nil, fmt.Errorf("%w: dataset %q", ErrNoResolver, ds.Name)
	}
	return c.resolveLatest(ctx, u)
}

func (c *Client) resolveLatest(ctx context.Context, u string) (*Dataset, error) {
	cat, err := c.Catalog(ctx, u)
	if err != nil {
		return nil, err
	}
	for _, d := range cat.All() {
		if len(d.Access()) > 0 {
			return d, nil
		}
	}
	return nil, fmt.Errorf("thredds: %s: the resolver returned no dataset with an access", u)
}

// LatestIn returns the latest dataset of a catalog, as siphon's
// TDSCatalog.latest does: the catalog must declare a Resolver service; its
// Resolver dataset is resolved when there is one, else the latest.xml next
// to the catalog is read. A catalog without a Resolver service gives
// [ErrNoResolver].
func (c *Client) LatestIn(ctx context.Context, cat *Catalog) (*Dataset, error) {
	if !hasResolver(cat.Services, 0) {
		return nil, fmt.Errorf("%w: catalog %s", ErrNoResolver, cat.URL)
	}
	for _, d := range cat.All() {
		for _, a := range d.Access() {
			if a.ServiceType == ServiceResolver {
				return c.resolveLatest(ctx, a.URL)
			}
		}
	}
	u := cat.resolve("latest.xml")
	return c.resolveLatest(ctx, u)
}

func hasResolver(services []*Service, depth int) bool {
	if depth > maxServiceNesting {
		return false
	}
	for _, s := range services {
		if CanonicalServiceType(s.Type) == ServiceResolver || hasResolver(s.Services, depth+1) {
			return true
		}
	}
	return false
}

var nameTimeRE = regexp.MustCompile(`(\d{4})([01]\d)([0-3]\d)_([0-2]\d)([0-5]\d)`)

// NameTime reads the time in a file or catalog name written as
// YYYYMMDD_HHMM (siphon's default pattern, used by TDS file names such as
// NAM_CONUS_20km_noaaport_20150528_1800.grib1), in UTC.
func NameTime(name string) (time.Time, bool) {
	m := nameTimeRE.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("200601021504", m[1]+m[2]+m[3]+m[4]+m[5])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// NearestRef returns the reference whose title holds the time (see
// [NameTime]) nearest to t, the first one on ties, or nil.
func NearestRef(refs []*CatalogRef, t time.Time) *CatalogRef {
	var best *CatalogRef
	var bestD time.Duration
	for _, r := range refs {
		rt, ok := NameTime(r.Title)
		if !ok {
			continue
		}
		d := absDur(rt.Sub(t))
		if best == nil || d < bestD {
			best, bestD = r, d
		}
	}
	return best
}

// NearestDataset returns the dataset whose name holds the time (see
// [NameTime]) nearest to t, the first one on ties, or nil.
func NearestDataset(ds []*Dataset, t time.Time) *Dataset {
	var best *Dataset
	var bestD time.Duration
	for _, d := range ds {
		dt, ok := NameTime(d.Name)
		if !ok {
			continue
		}
		dd := absDur(dt.Sub(t))
		if best == nil || dd < bestD {
			best, bestD = d, dd
		}
	}
	return best
}

// DatasetsBetween returns the datasets whose name holds a time (see
// [NameTime]) in [start, end), in their order.
func DatasetsBetween(ds []*Dataset, start, end time.Time) []*Dataset {
	var out []*Dataset
	for _, d := range ds {
		if t, ok := NameTime(d.Name); ok && !t.Before(start) && t.Before(end) {
			out = append(out, d)
		}
	}
	return out
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
