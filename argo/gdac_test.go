package argo

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/insitu-go/insitu/geo"
	"github.com/insitu-go/insitu/internal/testutil"
	"github.com/insitu-go/insitu/internal/version"
)

// fault is one injected misbehaviour, consumed by the next request for a path.
type fault int

const (
	f404 fault = iota
	f429       // Retry-After: 1
	f503
	fReset     // half the body, then the connection is closed
	fSlow      // the body after 3 s
	fTruncated // the first half of the body as a complete response
)

// gdacServer serves a GDAC folder under /pub/argo with injected faults,
// overridden files and a request log.
type gdacServer struct {
	t         *testing.T
	root      string
	resolve   func(rel string) string // maps a request path to a file (nil: root/rel)
	mu        sync.Mutex
	faults    map[string][]fault
	overrides map[string][]byte
	requests  []string
	uas       map[string]bool
	srv       *httptest.Server
}

const gdacBase = "/pub/argo"

func newGDACServer(t *testing.T, root string) *gdacServer {
	s := &gdacServer{t: t, root: root, faults: map[string][]fault{}, overrides: map[string][]byte{}, uas: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *gdacServer) url() string { return s.srv.URL + gdacBase }

func (s *gdacServer) fault(rel string, fs ...fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[rel] = append(s.faults[rel], fs...)
}

func (s *gdacServer) count(rel string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r == rel {
			n++
		}
	}
	return n
}

func (s *gdacServer) serve(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, gdacBase+"/")
	if !ok || r.Method != http.MethodGet {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, rel)
	s.uas[r.Header.Get("User-Agent")] = true
	var f fault = -1
	if q := s.faults[rel]; len(q) > 0 {
		f, s.faults[rel] = q[0], q[1:]
	}
	body, overridden := s.overrides[rel]
	s.mu.Unlock()
	if !overridden {
		p := filepath.Join(s.root, filepath.FromSlash(rel))
		if s.resolve != nil {
			p = s.resolve(rel)
		}
		var err error
		if body, err = os.ReadFile(p); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	switch f {
	case f404:
		http.NotFound(w, r)
		return
	case f429:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case f503:
		http.Error(w, "<html>503 Service Unavailable</html>", http.StatusServiceUnavailable)
		return
	case fReset:
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:len(body)/2])
		if hj, ok := w.(http.Hijacker); ok {
			conn, _, _ := hj.Hijack()
			conn.Close()
		}
		return
	case fSlow:
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
			return
		}
	case fTruncated:
		body = body[:len(body)/2]
	}
	modTime := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	http.ServeContent(w, r, rel, modTime, bytes.NewReader(body))
}

func miniGDAC(t *testing.T) string { return testutil.Testdata(t, "gdac") }

func fastRetries() Option { return WithRetries(4, 5*time.Millisecond, 2*time.Second) }

func ids(t *testing.T, seq func(func(*Profile, error) bool)) (out []string, errs []error) {
	t.Helper()
	for p, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p.ID()+"/"+p.DataMode.String())
	}
	return out, errs
}

// The same query over HTTPS and on a local mirror gives the same profiles,
// in index order.
func TestGDACProfilesHTTPAndLocal(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	q := Query{Region: geo.Box(-12, 44, -2, 50), Mode: Expert}
	remote, err := NewGDAC(srv.url(), fastRetries())
	if err != nil {
		t.Fatal(err)
	}
	got, errs := ids(t, remote.Profiles(context.Background(), q))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	local, err := NewGDAC(miniGDAC(t))
	if err != nil {
		t.Fatal(err)
	}
	want, errs := ids(t, local.Profiles(context.Background(), q))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !slices.Equal(got, want) || len(got) < 8 {
		t.Errorf("http %v\nlocal %v", got, want)
	}
	// index order: the entries of the search, one file after another
	ix, _ := local.Index(context.Background(), IndexProfile)
	first := ix.Search(q)[0]
	if !strings.HasPrefix(got[0], first.Platform+"_") {
		t.Errorf("first profile %s, first index entry %s", got[0], first.File)
	}
	if srv.count("ar_index_global_prof.txt.gz") != 1 || srv.count("ar_index_global_prof.txt") != 0 {
		t.Errorf("index requests: %v", srv.requests)
	}
	if !srv.uas[version.UserAgent] || !strings.HasPrefix(version.UserAgent, "insitu/") {
		t.Errorf("User-Agent %v", srv.uas)
	}
	// the standard mode and a pressure range apply to the yielded profiles
	for p, err := range remote.Profiles(context.Background(), Query{Platforms: []string{"6999001"}, PresMin: 10, PresMax: 50}) {
		if err != nil {
			t.Fatal(err)
		}
		v, qc, _ := p.Param("PRES").Best()
		for l := range v {
			if v[l] < 10 || v[l] > 50 || !qc[l].Good() {
				t.Fatalf("%s: level %d PRES %v flag %v", p.ID(), l, v[l], qc[l])
			}
		}
	}
}

func TestGDACRetries(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	file := "coriolis/6999001/profiles/D6999001_001.nc"
	srv.fault("dac/"+file, f503, f503, fReset)
	g, _ := NewGDAC(srv.url(), fastRetries())
	b, err := g.Fetch(context.Background(), file)
	if err != nil || len(b) == 0 {
		t.Fatalf("after 503, 503 and a reset: %v", err)
	}
	if n := srv.count("dac/" + file); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	// 429 with Retry-After: 1 is honoured
	srv.fault("dac/"+file, f429)
	start := time.Now()
	if _, err := g.Fetch(context.Background(), file); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %v, Retry-After said 1 s", d)
	}
	// no retry on 404; it wraps ErrNotFound and carries the status
	_, err = g.Fetch(context.Background(), "coriolis/6999001/profiles/D6999001_404.nc")
	var he *HTTPError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &he) || he.StatusCode != 404 || srv.count("dac/coriolis/6999001/profiles/D6999001_404.nc") != 1 {
		t.Errorf("404: %v", err)
	}
	// retries run out
	srv.fault("dac/"+file, f503, f503, f503, f503, f503)
	_, err = g.Fetch(context.Background(), file)
	if !errors.As(err, &he) || he.StatusCode != 503 {
		t.Errorf("after 5 × 503: %v", err)
	}
}

func TestGDACCancelAndSlowBody(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	file := "coriolis/6999001/profiles/D6999001_001.nc"
	srv.fault("dac/"+file, fSlow)
	g, _ := NewGDAC(srv.url(), fastRetries())
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := g.Fetch(ctx, file)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("slow body: %v after %v", err, time.Since(start))
	}
}

// A stale index entry (R file now D) is fetched under its other name; a
// missing file is an error for that file, and the others still come.
func TestGDACStaleAndMissing(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	index := "# Title : Profile directory file of the Argo Global Data Assembly Center\n" +
		"file,date,latitude,longitude,ocean,profiler_type,institution,date_update\n" +
		"coriolis/6999001/profiles/R6999001_001.nc,20210312114200,48.152,-4.881,A,844,IF,20230101000000\n" + // now D
		"coriolis/6999001/profiles/D6999001_077.nc,20210312114200,48.152,-4.881,A,844,IF,20230101000000\n" + // gone
		"../../../etc/passwd,20210312114200,48.152,-4.881,A,844,IF,20230101000000\n" + // hostile
		"coriolis/6999001/profiles/R6999001_003.nc,20210401115500,48.391,-5.372,A,844,IF,20230101000000\n"
	srv.overrides["ar_index_global_prof.txt"] = []byte(index)
	srv.fault("ar_index_global_prof.txt.gz", f404)
	g, _ := NewGDAC(srv.url(), fastRetries())
	got, errs := ids(t, g.Profiles(context.Background(), Query{Mode: Expert}))
	want := []string{"6999001_001/D", "6999001_001/A", "6999001_003/R"}
	if !slices.Equal(got, want) {
		t.Errorf("profiles %v, want %v", got, want)
	}
	if len(errs) != 2 {
		t.Fatalf("errors %v, want 2", errs)
	}
	var fe *FetchError
	if !errors.As(errs[0], &fe) || fe.File != "coriolis/6999001/profiles/D6999001_077.nc" || !errors.Is(errs[0], ErrNotFound) {
		t.Errorf("missing file: %v", errs[0])
	}
	if !errors.Is(errs[1], ErrUnsafePath) {
		t.Errorf("hostile name: %v", errs[1])
	}
	for _, r := range srv.requests {
		if strings.Contains(r, "passwd") || strings.Contains(r, "..") {
			t.Errorf("request sent for %q", r)
		}
	}
	if srv.count("dac/coriolis/6999001/profiles/R6999001_001.nc") != 1 || srv.count("dac/coriolis/6999001/profiles/D6999001_001.nc") != 1 {
		t.Errorf("requests %v", srv.requests)
	}
}

func TestGDACTruncatedGzipIndex(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	srv.fault("ar_index_global_prof.txt.gz", fTruncated)
	g, _ := NewGDAC(srv.url(), fastRetries())
	ix, err := g.Index(context.Background(), IndexProfile)
	if err != nil {
		t.Fatal(err)
	}
	local, _ := OpenIndex(filepath.Join(miniGDAC(t), "ar_index_global_prof.txt"))
	if ix.Len() != local.Len() || srv.count("ar_index_global_prof.txt") != 1 {
		t.Errorf("%d rows (want %d) after a truncated .gz; requests %v", ix.Len(), local.Len(), srv.requests)
	}
	// a truncated gzip stream is an error, never a shorter index
	data, _ := os.ReadFile(filepath.Join(miniGDAC(t), "ar_index_global_prof.txt.gz"))
	if _, err := ReadIndex(bytes.NewReader(data[:len(data)*3/4])); err == nil {
		t.Error("truncated gzip read without error")
	}
}

func TestGDACCache(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	file := "coriolis/6999001/profiles/D6999001_001.nc"
	dir := t.TempDir()
	g, _ := NewGDAC(srv.url(), WithCache(dir, 0), fastRetries())
	a, err := g.Fetch(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.Fetch(context.Background(), file) // revalidated: 304
	if err != nil || !bytes.Equal(a, b) || srv.count("dac/"+file) != 2 {
		t.Fatalf("revalidation: %v, %d requests", err, srv.count("dac/"+file))
	}
	fresh, _ := NewGDAC(srv.url(), WithCache(dir, time.Hour))
	if c, err := fresh.Fetch(context.Background(), file); err != nil || !bytes.Equal(a, c) || srv.count("dac/"+file) != 2 {
		t.Errorf("fresh cache entry: %v, %d requests", err, srv.count("dac/"+file))
	}
	// nothing is written outside the cache folder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if !strings.HasPrefix(p, dir) {
			t.Errorf("cache wrote %s", p)
		}
		return nil
	})
}

// Breaking out of Profiles stops the downloads and leaks no goroutine.
func TestGDACBreak(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	g, _ := NewGDAC(srv.url(), WithConcurrency(2))
	var progress [][2]int
	g2, _ := NewGDAC(srv.url(), WithProgress(func(done, total int, n int64) { progress = append(progress, [2]int{done, total}) }))
	for range g.Profiles(context.Background(), Query{Mode: Expert}) {
		break
	}
	n := 0
	for _, err := range g2.Profiles(context.Background(), Query{Mode: Expert, Platforms: []string{"6999001"}}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if len(progress) == 0 || progress[len(progress)-1][0] != progress[len(progress)-1][1] {
		t.Errorf("progress %v", progress)
	}
	// no goroutine of the GDAC client may outlive the loop (HTTP keep-alive
	// goroutines of net/http are not ours and are left out)
	ours := func() string {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		var found []string
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "argo.(*GDAC)") && !strings.Contains(g, "TestGDACBreak") {
				found = append(found, g)
			}
		}
		return strings.Join(found, "\n\n")
	}
	deadline := time.Now().Add(2 * time.Second)
	for ours() != "" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if s := ours(); s != "" {
		t.Errorf("goroutines left after the loop:\n%s", s)
	}
}

func TestGDACFloatFiles(t *testing.T) {
	srv := newGDACServer(t, miniGDAC(t))
	g, _ := NewGDAC(srv.url())
	ps, err := g.Float(context.Background(), "6999001")
	if err != nil || len(ps) < 3 || !ps[0].File.MultiCycle {
		t.Fatalf("Float: %d profiles, %v", len(ps), err)
	}
	if _, err := g.FloatSynthetic(context.Background(), "6999002"); err != nil && !strings.Contains(err.Error(), "libnetcdf") {
		t.Errorf("FloatSynthetic: %v", err)
	}
	if _, err := g.Float(context.Background(), "1234567"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown float: %v", err)
	}
	m, err := g.Meta(context.Background(), "6999001")
	if err != nil || m.Platform != "6999001" {
		t.Errorf("Meta: %v", err)
	}
	// 6999001 has only a real-time trajectory: Dtraj is a 404, then Rtraj.
	tr, err := g.Trajectory(context.Background(), "6999001")
	if err != nil || !strings.HasSuffix(tr.File.Name, "6999001_Rtraj.nc") || srv.count("dac/coriolis/6999001/6999001_Dtraj.nc") != 1 {
		t.Errorf("Trajectory: %v", err)
	}
	if _, err := g.BioTrajectory(context.Background(), "6999001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("BioTrajectory of a core float: %v", err)
	}
	tech, err := g.Tech(context.Background(), "6999001")
	if err != nil || len(tech.Params) == 0 {
		t.Errorf("Tech: %v", err)
	}
	if _, err := g.Tech(context.Background(), "6999003"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Tech of a float without one: %v", err)
	}
	if _, err := g.Fetch(context.Background(), "/etc/passwd"); !errors.Is(err, ErrUnsafePath) {
		t.Errorf("absolute path: %v", err)
	}
	if _, err := NewGDAC("ftp://ftp.ifremer.fr/ifremer/argo"); err == nil {
		t.Error("ftp root accepted")
	}
	if _, err := NewGDAC(t.TempDir()); err == nil {
		t.Error("a folder without dac/ accepted")
	}
}

// The real argopy-data mini GDAC: its index lists many files the repository
// does not hold (404s, each reported), and the ones it holds decode.
func TestGDACRealMiniGDAC(t *testing.T) {
	dir := testutil.RealData(t, "argo/euroargodev__argopy-data")
	srv := newGDACServer(t, dir)
	srv.resolve = func(rel string) string { return filepath.Join(dir, filepath.Base(rel)) }
	g, _ := NewGDAC(srv.url(), fastRetries())
	got, errs := ids(t, g.Profiles(context.Background(), Query{Platforms: []string{"5900865"}, Cycles: []int{1, 2}, Mode: Expert}))
	if !slices.Equal(got, []string{"5900865_001/D", "5900865_002/D"}) || len(errs) != 0 {
		t.Errorf("profiles %v, errors %v", got, errs)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("not an index"))
	w.Close()
	srv.overrides["ar_index_global_meta.txt.gz"] = gz.Bytes()
	if _, err := g.Index(context.Background(), IndexMeta); err != nil {
		t.Errorf("meta index after a bad .gz: %v", err)
	}
}
