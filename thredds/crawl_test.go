package thredds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// treeCatalog writes a catalog with one container dataset holding the
// given file datasets and references.
func treeCatalog(name string, files []string, refs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" name=%q>
<service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
<dataset name=%q><metadata inherited="true"><serviceName>odap</serviceName></metadata>
`, name, name)
	for _, f := range files {
		fmt.Fprintf(&b, "<dataset name=%q urlPath=\"data/%s\"/>\n", f, f)
	}
	for _, r := range refs {
		title := r
		if i := strings.LastIndexByte(strings.TrimSuffix(r, "/catalog.xml"), '/'); i >= 0 {
			title = r[i+1:]
		}
		fmt.Fprintf(&b, "<catalogRef xlink:href=%q xlink:title=%q name=\"\"/>\n", r, title)
	}
	b.WriteString("</dataset></catalog>")
	return b.String()
}

// crawlServer serves a catalog tree under /thredds/catalog/ and counts the
// requests per path.
type crawlServer struct {
	*httptest.Server
	mux  *http.ServeMux
	mu   sync.Mutex
	hits map[string]int
}

func newCrawlServer(t *testing.T, tree map[string]string) *crawlServer {
	t.Helper()
	cs := &crawlServer{mux: http.NewServeMux(), hits: map[string]int{}}
	for path, body := range tree {
		cs.mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			cs.mu.Lock()
			cs.hits[r.URL.Path]++
			cs.mu.Unlock()
			w.Header().Set("Content-Type", "application/xml")
			io.WriteString(w, body)
		})
	}
	cs.Server = httptest.NewServer(cs.mux)
	t.Cleanup(cs.Close)
	return cs
}

func crawlNames(t *testing.T, c *Client, root string, opts CrawlOptions) (names []string, errs []error) {
	t.Helper()
	for d, err := range c.Crawl(t.Context(), root, opts) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, d.Name)
	}
	slices.Sort(names)
	return names, errs
}

func TestCrawlTreeCyclesAndRedirects(t *testing.T) {
	cs := newCrawlServer(t, map[string]string{
		"/thredds/catalog/catalog.xml":     treeCatalog("root", []string{"r.nc"}, "a/catalog.xml", "b/catalog.xml", "catalog.xml"),
		"/thredds/catalog/a/catalog.xml":   treeCatalog("a", []string{"a1.nc", "a2.nc"}, "../catalog.xml", "/thredds/catalog/./b/../a/catalog.xml#x", "x/catalog.xml"),
		"/thredds/catalog/a/x/catalog.xml": treeCatalog("ax", []string{"ax.nc"}),
		"/thredds/catalog/b/catalog.xml":   treeCatalog("b", []string{"b1.nc"}, "../a/x/catalog.xml", "moved.xml", "/thredds/catalog/c/catalog.xml"),
		"/thredds/catalog/c/catalog.xml":   treeCatalog("c", []string{"c1.nc"}, "../B/../b/catalog.xml"),
	})
	cs.mux.HandleFunc("/thredds/catalog/b/moved.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/thredds/catalog/a/x/catalog.xml", http.StatusFound) // a catalog also referenced directly
	})
	c := NewClient(WithRetries(0, 0))
	names, errs := crawlNames(t, c, cs.URL+"/thredds/catalog/catalog.xml", CrawlOptions{Concurrency: 3})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []string{"a", "a1.nc", "a2.nc", "ax", "ax.nc", "b", "b1.nc", "c", "c1.nc", "r.nc", "root"}
	if !slices.Equal(names, want) {
		t.Errorf("datasets %v, want %v", names, want)
	}
	for _, p := range []string{"/thredds/catalog/catalog.xml", "/thredds/catalog/a/catalog.xml", "/thredds/catalog/b/catalog.xml", "/thredds/catalog/c/catalog.xml"} {
		if cs.hits[p] != 1 {
			t.Errorf("%s read %d times", p, cs.hits[p])
		}
	}
}

func TestCrawlErrorsDoNotStop(t *testing.T) {
	cs := newCrawlServer(t, map[string]string{
		"/thredds/catalog.xml": treeCatalog("root", []string{"r.nc"}, "missing.xml", "page.xml", "ok.xml", "file:///etc/catalog.xml"),
		"/thredds/page.xml":    "<html><body>not a catalog</body></html>",
		"/thredds/ok.xml":      treeCatalog("ok", []string{"ok.nc"}),
	})
	names, errs := crawlNames(t, NewClient(WithRetries(0, 0)), cs.URL+"/thredds/catalog.xml", CrawlOptions{})
	if !slices.Equal(names, []string{"ok", "ok.nc", "r.nc", "root"}) {
		t.Errorf("datasets %v", names)
	}
	if len(errs) != 3 {
		t.Fatalf("errors %v", errs)
	}
	var notFound, notCatalog, scheme bool
	for _, err := range errs {
		var ce *CrawlError
		if !errors.As(err, &ce) || ce.Depth != 2 || ce.Ref == nil {
			t.Errorf("not a depth-2 CrawlError: %v", err)
		}
		notFound = notFound || (errors.Is(err, ErrNotFound) && strings.HasSuffix(ce.URL, "/thredds/missing.xml"))
		notCatalog = notCatalog || errors.Is(err, ErrNotCatalog)
		scheme = scheme || errors.Is(err, ErrUnsupportedScheme)
		if !strings.HasPrefix(err.Error(), "thredds: crawl ") {
			t.Errorf("message %q", err)
		}
	}
	if !notFound || !notCatalog || !scheme {
		t.Errorf("404 %v, not a catalog %v, file: %v", notFound, notCatalog, scheme)
	}

	// a root that fails gives one error
	_, errs = crawlNames(t, NewClient(WithRetries(0, 0)), cs.URL+"/thredds/none.xml", CrawlOptions{})
	var ce *CrawlError
	if len(errs) != 1 || !errors.As(errs[0], &ce) || ce.Depth != 1 || !errors.Is(errs[0], ErrNotFound) {
		t.Errorf("root errors %v", errs)
	}
	_, errs = crawlNames(t, NewClient(), "file:///etc/catalog.xml", CrawlOptions{})
	if len(errs) != 1 || !errors.Is(errs[0], ErrUnsupportedScheme) {
		t.Errorf("file root %v", errs)
	}
}

func TestCrawlSameHost(t *testing.T) {
	other := newCrawlServer(t, map[string]string{"/thredds/catalog.xml": treeCatalog("other", []string{"o.nc"})})
	cs := newCrawlServer(t, map[string]string{
		"/thredds/catalog.xml": treeCatalog("root", nil, other.URL+"/thredds/catalog.xml"),
	})
	names, _ := crawlNames(t, NewClient(), cs.URL+"/thredds/catalog.xml", CrawlOptions{})
	if !slices.Equal(names, []string{"root"}) || other.hits["/thredds/catalog.xml"] != 0 {
		t.Errorf("SameHost default: %v, other read %d times", names, other.hits["/thredds/catalog.xml"])
	}
	off := false
	names, _ = crawlNames(t, NewClient(), cs.URL+"/thredds/catalog.xml", CrawlOptions{SameHost: &off})
	if !slices.Equal(names, []string{"o.nc", "other", "root"}) {
		t.Errorf("SameHost off: %v", names)
	}
}

func TestCrawlLimitsAndFilters(t *testing.T) {
	cs := newCrawlServer(t, map[string]string{
		"/thredds/catalog.xml":      treeCatalog("root", []string{"r.nc", "r.txt"}, "l1.xml", "skip-me.xml"),
		"/thredds/l1.xml":           treeCatalog("l1", []string{"l1.nc"}, "l2.xml"),
		"/thredds/l2.xml":           treeCatalog("l2", []string{"l2.nc"}, "l3.xml"),
		"/thredds/l3.xml":           treeCatalog("l3", []string{"l3.nc"}),
		"/thredds/skip-me.xml":      treeCatalog("skipped", []string{"s.nc"}),
		"/thredds/never-follow.xml": treeCatalog("never", nil),
	})
	root := cs.URL + "/thredds/catalog.xml"
	c := NewClient()
	for _, tt := range []struct {
		name string
		opts CrawlOptions
		want []string
		errs int
	}{
		{"depth 1", CrawlOptions{MaxDepth: 1}, []string{"r.nc", "r.txt", "root"}, 0},
		{"depth 2", CrawlOptions{MaxDepth: 2}, []string{"l1", "l1.nc", "r.nc", "r.txt", "root", "s.nc", "skipped"}, 0},
		{"include", CrawlOptions{Include: []string{"*.nc"}}, []string{"l1.nc", "l2.nc", "l3.nc", "r.nc", "s.nc"}, 0},
		{"exclude datasets and references", CrawlOptions{Exclude: []string{"skip*", "*.txt", "l2*"}}, []string{"l1", "l1.nc", "r.nc", "root"}, 0},
		{"data only", CrawlOptions{DataOnly: true, MaxDepth: 1}, []string{"r.nc", "r.txt"}, 0},
		{"filter", CrawlOptions{Filter: func(d *Dataset) bool { return strings.HasPrefix(d.Name, "l") }}, []string{"l1", "l1.nc", "l2", "l2.nc", "l3", "l3.nc"}, 0},
		{"follow", CrawlOptions{FollowRef: func(r *CatalogRef) bool { return r.Title != "l1.xml" }}, []string{"r.nc", "r.txt", "root", "s.nc", "skipped"}, 0},
		{"max catalogs", CrawlOptions{MaxCatalogs: 2, Concurrency: 1}, nil, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			names, errs := crawlNames(t, c, root, tt.opts)
			if tt.want != nil && !slices.Equal(names, tt.want) {
				t.Errorf("datasets %v, want %v", names, tt.want)
			}
			if len(errs) != tt.errs {
				t.Errorf("errors %v", errs)
			}
			if tt.errs > 0 && !errors.Is(errs[0], ErrCrawlLimit) {
				t.Errorf("error %v", errs[0])
			}
		})
	}
}

// wideTree serves a root referencing n catalogs of one dataset each, every
// response delayed by delay; it reports the most requests in flight.
func wideTree(t *testing.T, n int, delay time.Duration) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var inflight, peak atomic.Int32
	var refs []string
	for i := range n {
		refs = append(refs, fmt.Sprintf("c%03d.xml", i))
	}
	root := treeCatalog("root", nil, refs...)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cur := inflight.Add(1)
		defer inflight.Add(-1)
		for {
			p := peak.Load()
			if cur <= p || peak.CompareAndSwap(p, cur) {
				break
			}
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		if strings.HasSuffix(r.URL.Path, "/catalog.xml") {
			io.WriteString(w, root)
			return
		}
		name := strings.TrimSuffix(r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:], ".xml")
		io.WriteString(w, treeCatalog(name, []string{name + ".nc"}))
	}))
	t.Cleanup(srv.Close)
	return srv, &peak
}

func TestCrawlConcurrencyBound(t *testing.T) {
	srv, peak := wideTree(t, 24, 15*time.Millisecond)
	names, errs := crawlNames(t, NewClient(), srv.URL+"/thredds/catalog.xml", CrawlOptions{Concurrency: 3})
	if len(errs) > 0 || len(names) != 1+2*24 {
		t.Fatalf("%d datasets, errors %v", len(names), errs)
	}
	if p := peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak concurrency %d with Concurrency 3", p)
	}
}

// crawlGoroutines counts the goroutines running inside Crawl.
func crawlGoroutines() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "thredds.(*Client).Crawl") {
			n++
		}
	}
	return n
}

func waitNoCrawlGoroutines(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for crawlGoroutines() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d crawl goroutines still running", crawlGoroutines())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCrawlEarlyBreakNoLeak(t *testing.T) {
	srv, _ := wideTree(t, 40, 20*time.Millisecond)
	c := NewClient()
	n := 0
	for d, err := range c.Crawl(t.Context(), srv.URL+"/thredds/catalog.xml", CrawlOptions{Concurrency: 8}) {
		if err != nil {
			t.Fatal(err)
		}
		if d.Name == "root" {
			continue
		}
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("n = %d", n)
	}
	waitNoCrawlGoroutines(t)
}

func TestCrawlContextCancel(t *testing.T) {
	srv, _ := wideTree(t, 40, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var last error
	datasets := 0
	for d, err := range NewClient().Crawl(ctx, srv.URL+"/thredds/catalog.xml", CrawlOptions{Concurrency: 4}) {
		if err != nil {
			last = err
			continue
		}
		datasets++
		if d.Name != "root" {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("last error %v", last)
	}
	if datasets > 10 {
		t.Errorf("%d datasets after cancel", datasets)
	}
	waitNoCrawlGoroutines(t)
}

func TestWalk(t *testing.T) {
	cs := newCrawlServer(t, map[string]string{
		"/thredds/catalog.xml": treeCatalog("root", []string{"a.nc"}, "missing.xml"),
	})
	ds, errs := NewClient(WithRetries(0, 0)).Walk(t.Context(), cs.URL+"/thredds/catalog.xml", CrawlOptions{DataOnly: true})
	if len(ds) != 1 || ds[0].Name != "a.nc" || len(errs) != 1 {
		t.Errorf("%v %v", ds, errs)
	}
	if u, _ := ds[0].AccessURL("opendap"); u != cs.URL+"/thredds/dodsC/data/a.nc" {
		t.Errorf("access %q", u)
	}
}
