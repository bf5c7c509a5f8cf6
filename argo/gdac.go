package argo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/insitu-go/insitu/internal/version"
)

// Source is anything that yields Argo profiles for a query: a [GDAC] (over
// HTTPS or from a local mirror) or an ERDDAP server. A program can switch
// between them.
type Source interface {
	Profiles(ctx context.Context, q Query) iter.Seq2[*Profile, error]
}

// Dataset selects which profile files a source reads.
type Dataset int

// Datasets, as argopy names them.
const (
	DatasetPhy Dataset = iota // core files (R/D): PRES, TEMP, PSAL ("phy")
	DatasetBGC                // synthetic files (SR/SD): core and BGC parameters on one axis ("bgc")
	DatasetBio                // B files (BR/BD) ("bgc-b"); GDAC only
	DatasetRef                // ship CTD reference data for DMQC ("ref", ArgoFloats-reference); ERDDAP only
)

var datasetNames = [...]string{"phy", "bgc", "bgc-b", "ref"}

// String returns argopy's name of the dataset: "phy", "bgc", "bgc-b" or "ref".
func (d Dataset) String() string {
	if d >= 0 && int(d) < len(datasetNames) {
		return datasetNames[d]
	}
	return fmt.Sprintf("Dataset(%d)", int(d))
}

// Errors of the GDAC client.
var (
	// ErrNotFound is wrapped by errors for files the GDAC does not have.
	ErrNotFound = errors.New("argo: file not found")
	// ErrUnsafePath is returned for file names that would leave the GDAC root
	// or the cache: absolute paths, "..", NUL bytes, backslashes.
	ErrUnsafePath = errors.New("argo: unsafe file name")
)

// HTTPError is a GDAC answer with an unexpected HTTP status.
type HTTPError struct {
	StatusCode int
	URL        string
	Body       string // the first bytes of the body
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("argo: GET %s: %d %s: %.200s", e.URL, e.StatusCode, http.StatusText(e.StatusCode), e.Body)
}

// Unwrap lets errors.Is(err, ErrNotFound) match a 404.
func (e *HTTPError) Unwrap() error {
	if e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone {
		return ErrNotFound
	}
	return nil
}

// FetchError is the error of one file of a multi-file fetch, or of one
// request of an [ERDDAP] source: the caller decides to stop or go on.
type FetchError struct {
	File string // relative to dac/ (GDAC), or the request URL (ERDDAP)
	Err  error
}

func (e *FetchError) Error() string { return fmt.Sprintf("argo: %s: %v", e.File, e.Err) }
func (e *FetchError) Unwrap() error { return e.Err }

// GDAC reads an Argo Global Data Assembly Center: over HTTPS (for example
// https://data-argo.ifremer.fr) or from a local directory holding dac/ and
// the index files. A GDAC is safe for concurrent use.
type GDAC struct {
	root        string   // URL without trailing slash, or a cleaned local directory
	base        *url.URL // nil for a local directory
	client      *http.Client
	userAgent   string
	concurrency int
	retries     int
	backoff     time.Duration
	maxWait     time.Duration
	cacheDir    string
	cacheTTL    time.Duration
	progress    func(done, total int, bytes int64)
	logger      *slog.Logger
	dataset     Dataset

	mu      sync.Mutex
	indexes map[string]*Index
}

// Option configures a GDAC.
type Option func(*GDAC) error

// WithHTTPClient sets the HTTP client (the default is a client with a 2-minute timeout).
func WithHTTPClient(c *http.Client) Option {
	return func(g *GDAC) error {
		if c == nil {
			return errors.New("argo: nil HTTP client")
		}
		g.client = c
		return nil
	}
}

// WithUserAgent sets the User-Agent header (default "insitu/<version>").
func WithUserAgent(ua string) Option { return func(g *GDAC) error { g.userAgent = ua; return nil } }

// WithConcurrency sets how many files are fetched at once (default 4 over
// HTTPS, the number of CPUs for a local mirror).
func WithConcurrency(n int) Option {
	return func(g *GDAC) error {
		if n < 1 {
			return fmt.Errorf("argo: concurrency %d < 1", n)
		}
		g.concurrency = n
		return nil
	}
}

// WithRetries sets how many times a request is retried after a 429, 502,
// 503 or 504 answer or a broken connection (default 4), and the first
// backoff (default 500 ms, doubled each time, with jitter). A Retry-After
// header is honoured, up to maxWait (default 1 minute).
func WithRetries(n int, backoff, maxWait time.Duration) Option {
	return func(g *GDAC) error {
		if n < 0 || backoff < 0 || maxWait < 0 {
			return errors.New("argo: negative retry setting")
		}
		g.retries, g.backoff, g.maxWait = n, backoff, maxWait
		return nil
	}
}

// WithCache keeps downloaded files and indexes under dir. An entry younger
// than ttl is used without a request; an older one is revalidated with a
// conditional GET (ETag / Last-Modified). ttl 0 always revalidates.
func WithCache(dir string, ttl time.Duration) Option {
	return func(g *GDAC) error {
		if dir == "" {
			return errors.New("argo: empty cache directory")
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("argo: cache: %w", err)
		}
		g.cacheDir, g.cacheTTL = abs, ttl
		return nil
	}
}

// WithProgress calls fn after each file of a multi-file fetch with the files
// done, the total, and the bytes read so far. fn is called from one
// goroutine at a time.
func WithProgress(fn func(done, total int, bytes int64)) Option {
	return func(g *GDAC) error { g.progress = fn; return nil }
}

// WithLogger logs retries and cache use (default: nothing is logged).
func WithLogger(l *slog.Logger) Option { return func(g *GDAC) error { g.logger = l; return nil } }

// WithDataset selects the profile files [GDAC.Profiles] reads (default
// DatasetPhy). DatasetRef exists only on ERDDAP servers.
func WithDataset(d Dataset) Option {
	return func(g *GDAC) error {
		if d != DatasetPhy && d != DatasetBGC && d != DatasetBio {
			return fmt.Errorf("argo: the GDAC has no %v dataset", d)
		}
		g.dataset = d
		return nil
	}
}

// NewGDAC returns a client for the GDAC at root: an http(s) URL or a local
// directory.
func NewGDAC(root string, opts ...Option) (*GDAC, error) {
	g := &GDAC{userAgent: version.UserAgent, retries: 4, backoff: 500 * time.Millisecond, maxWait: time.Minute,
		indexes: map[string]*Index{}}
	if strings.HasPrefix(root, "http://") || strings.HasPrefix(root, "https://") {
		u, err := url.Parse(strings.TrimRight(root, "/"))
		if err != nil {
			return nil, fmt.Errorf("argo: GDAC root %q: %w", root, err)
		}
		g.base, g.root, g.concurrency = u, u.String(), 4
		g.client = &http.Client{Timeout: 2 * time.Minute}
	} else if strings.Contains(root, "://") {
		return nil, fmt.Errorf("argo: GDAC root %q: only http(s) URLs and local directories are supported", root)
	} else {
		abs, err := filepath.Abs(root)
		if err != nil {
			return nil, fmt.Errorf("argo: GDAC root %q: %w", root, err)
		}
		if st, err := os.Stat(filepath.Join(abs, "dac")); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("argo: GDAC root %q has no dac/ folder", root)
		}
		g.root, g.concurrency = abs, max(2, min(16, 2*numCPU()))
	}
	for _, o := range opts {
		if err := o(g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// cleanRel validates a relative file name from an index or a caller.
func cleanRel(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, "\x00\\") || strings.HasPrefix(name, "/") || filepath.IsAbs(name) {
		return "", fmt.Errorf("%w: %q", ErrUnsafePath, name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || part == "." || part == "" {
			return "", fmt.Errorf("%w: %q", ErrUnsafePath, name)
		}
	}
	return name, nil
}

// Fetch returns the bytes of a file relative to the GDAC's dac/ folder, as
// index files name them ("coriolis/6902746/profiles/R6902746_001.nc").
func (g *GDAC) Fetch(ctx context.Context, file string) ([]byte, error) {
	rel, err := cleanRel(file)
	if err != nil {
		return nil, err
	}
	return g.get(ctx, "dac/"+rel)
}

// get reads a path relative to the root (local file, cache, or HTTP).
func (g *GDAC) get(ctx context.Context, rel string) ([]byte, error) {
	if g.base == nil {
		p := filepath.Join(g.root, filepath.FromSlash(rel))
		if !strings.HasPrefix(p, g.root+string(filepath.Separator)) {
			return nil, fmt.Errorf("%w: %q", ErrUnsafePath, rel)
		}
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s", ErrNotFound, p)
		}
		if err != nil {
			return nil, fmt.Errorf("argo: %w", err)
		}
		return b, nil
	}
	u := g.root + "/" + escapePath(rel)
	if g.cacheDir == "" {
		b, _, err := g.download(ctx, u, nil)
		return b, err
	}
	return g.cached(ctx, u)
}

func escapePath(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// cacheMeta is the sidecar of a cached file.
type cacheMeta struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched"`
}

func (g *GDAC) cachePath(u string) string {
	parsed, _ := url.Parse(u)
	sum := sha256.Sum256([]byte(u))
	// a readable, safe name: host, then the last path element, then a hash of the whole URL
	return filepath.Join(g.cacheDir, parsed.Host, hex.EncodeToString(sum[:8])+"_"+path.Base(parsed.Path))
}

func (g *GDAC) cached(ctx context.Context, u string) ([]byte, error) {
	p := g.cachePath(u)
	var meta cacheMeta
	body, err := os.ReadFile(p)
	if err == nil {
		if mb, err := os.ReadFile(p + ".meta"); err == nil && json.Unmarshal(mb, &meta) == nil && meta.URL == u {
			if g.cacheTTL > 0 && time.Since(meta.Fetched) < g.cacheTTL {
				g.log("cache hit", "url", u)
				return body, nil
			}
		} else {
			body = nil
		}
	} else {
		body = nil
	}
	var cond *cacheMeta
	if body != nil {
		cond = &meta
	}
	b, h, err := g.download(ctx, u, cond)
	if errors.Is(err, errNotModified) {
		g.log("cache revalidated", "url", u)
		meta.Fetched = time.Now()
		g.writeCache(p, nil, meta)
		return body, nil
	}
	if err != nil {
		return nil, err
	}
	g.writeCache(p, b, cacheMeta{URL: u, ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified"), Fetched: time.Now()})
	return b, nil
}

// writeCache stores a body (when not nil) and its sidecar atomically; cache
// write failures are logged, not returned: the data is in hand.
func (g *GDAC) writeCache(p string, body []byte, meta cacheMeta) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.log("cache write failed", "err", err)
		return
	}
	write := func(dst string, data []byte) error {
		tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
		if err != nil {
			return err
		}
		if _, err := tmp.Write(data); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		return os.Rename(tmp.Name(), dst)
	}
	if body != nil {
		if err := write(p, body); err != nil {
			g.log("cache write failed", "err", err)
			return
		}
	}
	mb, _ := json.Marshal(meta)
	if err := write(p+".meta", mb); err != nil {
		g.log("cache write failed", "err", err)
	}
}

var errNotModified = errors.New("not modified")

// download GETs u with retries; cond makes it a conditional GET.
func (g *GDAC) download(ctx context.Context, u string, cond *cacheMeta) ([]byte, http.Header, error) {
	var lastErr error
	for attempt := 0; ; attempt++ {
		b, h, retryAfter, err := g.try(ctx, u, cond)
		if err == nil || errors.Is(err, errNotModified) {
			return b, h, err
		}
		lastErr = err
		if retryAfter < 0 || attempt >= g.retries || ctx.Err() != nil {
			if ctx.Err() != nil {
				return nil, nil, fmt.Errorf("argo: GET %s: %w", u, ctx.Err())
			}
			return nil, nil, lastErr
		}
		wait := retryAfter
		if wait == 0 {
			wait = g.backoff << attempt
			wait += time.Duration(rand.Int64N(int64(wait)/4 + 1))
		}
		wait = min(wait, g.maxWait)
		g.log("retrying", "url", u, "attempt", attempt+1, "wait", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, fmt.Errorf("argo: GET %s: %w", u, ctx.Err())
		case <-t.C:
		}
	}
}

// try makes one request. retryAfter < 0 means the error is final; 0 means
// retry with backoff; > 0 is the server's Retry-After.
func (g *GDAC) try(ctx context.Context, u string, cond *cacheMeta) (body []byte, h http.Header, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, -1, fmt.Errorf("argo: %w", err)
	}
	req.Header.Set("User-Agent", g.userAgent)
	if cond != nil {
		if cond.ETag != "" {
			req.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			req.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	resp, err := g.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, -1, err
		}
		return nil, nil, 0, fmt.Errorf("argo: GET %s: %w", u, err) // network error: retry
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && cond != nil:
		return nil, resp.Header, -1, errNotModified
	case resp.StatusCode == http.StatusOK:
		var buf bytes.Buffer
		if resp.ContentLength > 0 && resp.ContentLength < 1<<31 {
			buf.Grow(int(resp.ContentLength))
		}
		if _, err := io.Copy(&buf, resp.Body); err != nil {
			if ctx.Err() != nil {
				return nil, nil, -1, err
			}
			return nil, nil, 0, fmt.Errorf("argo: GET %s: reading the body: %w", u, err) // cut connection: retry
		}
		return buf.Bytes(), resp.Header, 0, nil
	}
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	herr := &HTTPError{StatusCode: resp.StatusCode, URL: u, Body: string(snippet)}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return nil, nil, retryAfterOf(resp.Header.Get("Retry-After")), herr
	}
	return nil, nil, -1, herr
}

// retryAfterOf parses Retry-After (seconds or an HTTP date); 0 when absent.
func retryAfterOf(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return max(time.Duration(s)*time.Second, time.Millisecond)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), time.Millisecond)
	}
	return 0
}

func (g *GDAC) log(msg string, args ...any) {
	if g.logger != nil {
		g.logger.Debug("argo gdac: "+msg, args...)
	}
}

// Index returns an index of the GDAC, read once and kept: the .gz file
// first, then the plain one.
func (g *GDAC) Index(ctx context.Context, kind IndexKind) (*Index, error) {
	name := kind.File()
	if name == "" {
		return nil, fmt.Errorf("argo: unknown index kind %d", kind)
	}
	g.mu.Lock()
	ix := g.indexes[name]
	g.mu.Unlock()
	if ix != nil {
		return ix, nil
	}
	var data []byte
	var err error
	for _, candidate := range []string{name + ".gz", name} {
		data, err = g.get(ctx, candidate)
		if err == nil {
			ix, err = ReadIndex(bytes.NewReader(data))
			if err == nil {
				break
			}
			err = fmt.Errorf("argo: index %s: %w", candidate, err)
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	g.indexes[name] = ix
	g.mu.Unlock()
	return ix, nil
}

func (g *GDAC) profileIndex() IndexKind {
	switch g.dataset {
	case DatasetBGC:
		return IndexSynthetic
	case DatasetBio:
		return IndexBio
	}
	return IndexProfile
}

// Profiles searches the GDAC's profile index with q (the synthetic or bio
// index for DatasetBGC and DatasetBio), downloads the matching files in
// parallel, decodes them, keeps the levels inside q's pressure range and
// applies q's user mode. Profiles are yielded in index order. A file that
// fails gives a *FetchError for that file and the iteration goes on; the
// caller stops it by breaking out of the loop. A file that has moved from R
// to D mode since the index was written (404) is fetched under its other
// name.
func (g *GDAC) Profiles(ctx context.Context, q Query) iter.Seq2[*Profile, error] {
	return func(yield func(*Profile, error) bool) {
		ix, err := g.Index(ctx, g.profileIndex())
		if err != nil {
			yield(nil, err)
			return
		}
		entries := ix.Search(q)
		files := make([]string, len(entries))
		for i, e := range entries {
			files[i] = e.File
		}
		for p, err := range g.profilesOf(ctx, files, q) {
			if !yield(p, err) {
				return
			}
		}
	}
}

// Float reads the multi-cycle core file <wmo>_prof.nc of a float.
func (g *GDAC) Float(ctx context.Context, wmo string) ([]*Profile, error) {
	return g.floatFile(ctx, wmo, "_prof.nc")
}

// FloatSynthetic reads the multi-cycle synthetic file <wmo>_Sprof.nc of a
// BGC float (NetCDF-4: needs libnetcdf).
func (g *GDAC) FloatSynthetic(ctx context.Context, wmo string) ([]*Profile, error) {
	return g.floatFile(ctx, wmo, "_Sprof.nc")
}

// FloatFile fetches one of a float's own files ("meta", "prof", "Sprof",
// "Rtraj", "Dtraj", "BRtraj", "tech"...), found through the meta-data index.
func (g *GDAC) FloatFile(ctx context.Context, wmo, suffix string) ([]byte, error) {
	dac, err := g.dacOf(ctx, wmo)
	if err != nil {
		return nil, err
	}
	return g.Fetch(ctx, dac+"/"+wmo+"/"+wmo+"_"+suffix+".nc")
}

// Meta reads a float's meta-data file <wmo>_meta.nc.
func (g *GDAC) Meta(ctx context.Context, wmo string) (*Meta, error) {
	data, err := g.FloatFile(ctx, wmo, "meta")
	if err != nil {
		return nil, err
	}
	return DecodeMeta(wmo+"_meta.nc", data)
}

// Trajectory reads a float's core trajectory file: the delayed-mode
// <wmo>_Dtraj.nc when the GDAC has it, else the real-time <wmo>_Rtraj.nc.
func (g *GDAC) Trajectory(ctx context.Context, wmo string) (*Trajectory, error) {
	return g.trajectory(ctx, wmo, "Dtraj", "Rtraj")
}

// BioTrajectory reads a BGC float's trajectory file: <wmo>_BDtraj.nc when
// the GDAC has it, else <wmo>_BRtraj.nc.
func (g *GDAC) BioTrajectory(ctx context.Context, wmo string) (*Trajectory, error) {
	return g.trajectory(ctx, wmo, "BDtraj", "BRtraj")
}

func (g *GDAC) trajectory(ctx context.Context, wmo string, suffixes ...string) (*Trajectory, error) {
	var err error
	for _, suffix := range suffixes {
		var data []byte
		data, err = g.FloatFile(ctx, wmo, suffix)
		if err == nil {
			return DecodeTrajectory(wmo+"_"+suffix+".nc", data)
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return nil, err
}

// Tech reads a float's technical file <wmo>_tech.nc.
func (g *GDAC) Tech(ctx context.Context, wmo string) (*Tech, error) {
	data, err := g.FloatFile(ctx, wmo, "tech")
	if err != nil {
		return nil, err
	}
	return DecodeTech(wmo+"_tech.nc", data)
}

func (g *GDAC) floatFile(ctx context.Context, wmo, suffix string) ([]*Profile, error) {
	data, err := g.FloatFile(ctx, wmo, strings.TrimSuffix(strings.TrimPrefix(suffix, "_"), ".nc"))
	if err != nil {
		return nil, err
	}
	return DecodeProfiles(wmo+suffix, data)
}

// dacOf finds a float's DAC in the meta-data index, or in the profile index.
func (g *GDAC) dacOf(ctx context.Context, wmo string) (string, error) {
	w := parseUint([]byte(strings.TrimSpace(wmo)))
	if w == 0 {
		return "", fmt.Errorf("argo: invalid WMO number %q", wmo)
	}
	for _, kind := range []IndexKind{IndexMeta, IndexProfile} {
		ix, err := g.Index(ctx, kind)
		if err != nil {
			if ctx.Err() != nil {
				return "", err
			}
			continue
		}
		if rows := ix.SearchRows(Query{Platforms: []string{wmo}}); len(rows) > 0 {
			return ix.dac(rows[0]), nil
		}
	}
	return "", fmt.Errorf("%w: float %s is in no index of %s", ErrNotFound, wmo, g.root)
}

// alternate returns the name of the file in the other data mode (R↔D), or "".
func alternate(file string) string {
	i := strings.LastIndexByte(file, '/')
	base := file[i+1:]
	for k := 0; k < len(base) && k < 2; k++ {
		switch base[k] {
		case 'R':
			return file[:i+1] + base[:k] + "D" + base[k+1:]
		case 'D':
			return file[:i+1] + base[:k] + "R" + base[k+1:]
		}
	}
	return ""
}

// profilesOf downloads and decodes files in parallel and yields their
// profiles, filtered by q, in the order of files.
func (g *GDAC) profilesOf(ctx context.Context, files []string, q Query) iter.Seq2[*Profile, error] {
	return func(yield func(*Profile, error) bool) {
		fetch := func(ctx context.Context, i int) fetched {
			ps, n, err := g.fetchProfiles(ctx, files[i])
			if err == nil {
				ps = filterQuery(ps, q)
			}
			return fetched{ps, err, n}
		}
		var total int64
		for i, r := range fetchOrdered(ctx, len(files), g.concurrency, fetch) {
			total += int64(r.bytes)
			if g.progress != nil {
				g.progress(i+1, len(files), total)
			}
			if r.err != nil {
				if ctx.Err() != nil {
					yield(nil, ctx.Err())
					return
				}
				if !yield(nil, &FetchError{File: files[i], Err: r.err}) {
					return
				}
				continue
			}
			for _, p := range r.ps {
				if !yield(p, nil) {
					return
				}
			}
		}
	}
}

// fetchProfiles downloads one file (or its other-mode twin on a 404) and decodes it.
func (g *GDAC) fetchProfiles(ctx context.Context, file string) ([]*Profile, int, error) {
	data, err := g.Fetch(ctx, file)
	if errors.Is(err, ErrNotFound) {
		if alt := alternate(file); alt != "" {
			if b, altErr := g.Fetch(ctx, alt); altErr == nil {
				g.log("stale index entry", "file", file, "found", alt)
				data, err, file = b, nil, alt
			}
		}
	}
	if err != nil {
		return nil, 0, err
	}
	ps, err := DecodeProfiles(file, data)
	return ps, len(data), err
}

// filterQuery keeps the levels in the pressure range and applies the user mode.
func filterQuery(ps []*Profile, q Query) []*Profile {
	if q.PresMin != 0 || q.PresMax != 0 {
		lo, hi := q.PresMin, q.PresMax
		if hi == 0 {
			hi = math.Inf(1)
		}
		var kept []*Profile
		for _, p := range ps {
			pres := p.Param("PRES")
			if pres == nil {
				continue
			}
			v, _, _ := pres.Best()
			keep := make([]bool, len(v))
			n := 0
			for l, x := range v {
				if x >= lo && x <= hi {
					keep[l] = true
					n++
				}
			}
			if n == 0 {
				continue
			}
			cp := *p
			cp.Params = make([]*Param, len(p.Params))
			for k, par := range p.Params {
				cp.Params[k] = subsetParam(par, keep, n)
			}
			kept = append(kept, &cp)
		}
		ps = kept
	}
	return Filter(ps, q.Mode)
}

func numCPU() int { return runtime.NumCPU() }
