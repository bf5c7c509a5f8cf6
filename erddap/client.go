package erddap

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/insitu-go/insitu/internal/version"
)

// Client talks to one ERDDAP server. It is safe for concurrent use. The zero
// Client is not usable: call NewClient.
type Client struct {
	base         string // server URL, no trailing slash, e.g. https://host/erddap
	hc           *http.Client
	userAgent    string
	retries      int
	backoff      time.Duration
	maxBackoff   time.Duration
	sem          chan struct{}
	cacheDir     string
	maxRedirects int
	timeout      time.Duration // per attempt; -1 = the *http.Client's own
}

// Option configures a Client (see NewClient).
type Option func(*Client) error

// WithHTTPClient makes the client send its requests through hc (which is
// copied: the client sets its own redirect policy when hc has none).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("erddap: WithHTTPClient: nil *http.Client")
		}
		cp := *hc
		c.hc = &cp
		return nil
	}
}

// WithUserAgent sets the User-Agent header (default "insitu/<version> (+URL)").
func WithUserAgent(ua string) Option {
	return func(c *Client) error { c.userAgent = ua; return nil }
}

// WithTimeout bounds each HTTP attempt, body read included (default: none
// beyond the context's deadline, or the Timeout of a WithHTTPClient client,
// which WithTimeout overrides whatever the order of the options). Large
// downloads should use a context deadline instead, or a generous timeout.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d < 0 {
			return errorf("WithTimeout: negative timeout %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetries sets how many times a request is retried after a 429, 502,
// 503 or 504 answer or a network error (default 3), and the base of the
// exponential backoff between attempts (default 1 s; attempt i waits
// base·2^i with ±25 % jitter, at most 60 s). A Retry-After header (seconds or
// an HTTP date) replaces the computed wait. 400 and 404 are never retried.
func WithRetries(n int, backoff time.Duration) Option {
	return func(c *Client) error {
		if n < 0 || backoff < 0 {
			return errorf("WithRetries: negative value (%d, %v)", n, backoff)
		}
		c.retries, c.backoff = n, backoff
		return nil
	}
}

// WithConcurrency sets how many requests the client keeps in flight at once
// (default 2, what ERDDAP servers run concurrently per IP address). A
// streamed response holds its slot until its body is closed.
func WithConcurrency(n int) Option {
	return func(c *Client) error {
		if n < 1 {
			return errorf("WithConcurrency: %d < 1", n)
		}
		c.sem = make(chan struct{}, n)
		return nil
	}
}

// WithCache keeps successful (2xx) responses in dir, one file per request
// named by the SHA-256 of the request URL, written atomically (a temporary
// file renamed once the whole body has been read). A cached request does not
// reach the server. The cache never expires: use a fresh directory, or remove
// files, to refresh.
func WithCache(dir string) Option {
	return func(c *Client) error {
		if dir == "" {
			return errors.New("erddap: WithCache: empty directory")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("erddap: WithCache: %w", err)
		}
		c.cacheDir = dir
		return nil
	}
}

// WithMaxRedirects sets how many redirects a request follows (default 10).
func WithMaxRedirects(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return errorf("WithMaxRedirects: negative value %d", n)
		}
		c.maxRedirects = n
		return nil
	}
}

// NewClient returns a client for the ERDDAP server at server, the URL of its
// erddap directory ("https://erddap.ifremer.fr/erddap"; the path is not
// always /erddap). A trailing slash is ignored. The URL must be absolute http
// or https, without query or fragment.
//
// Defaults: User-Agent insitu/<version>, 2 concurrent requests, 3 retries
// with a 1 s backoff base, 10 redirects, gzip requested and decoded, no
// cache, no timeout beyond the context's (see WithTimeout).
func NewClient(server string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(server))
	if err != nil {
		return nil, fmt.Errorf("erddap: NewClient: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errorf("NewClient: %q is not an absolute http(s) URL", server)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errorf("NewClient: %q has a query or fragment", server)
	}
	c := &Client{
		hc:           &http.Client{},
		userAgent:    version.UserAgent,
		retries:      3,
		backoff:      time.Second,
		maxBackoff:   time.Minute,
		sem:          make(chan struct{}, 2),
		maxRedirects: 10,
		timeout:      -1,
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.timeout >= 0 {
		c.hc.Timeout = c.timeout
	}
	u.RawPath = ""
	c.base = strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/")
	if u.User != nil {
		c.base = u.Scheme + "://" + u.User.String() + "@" + strings.TrimPrefix(c.base, u.Scheme+"://")
	}
	if c.hc.CheckRedirect == nil {
		maxR := c.maxRedirects
		c.hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if len(via) > maxR {
				return errorf("stopped after %d redirects (last %s)", maxR, redactURL(req.URL.String()))
			}
			return nil
		}
	}
	return c, nil
}

// Server returns the server URL the client was created with, without a
// trailing slash.
func (c *Client) Server() string { return c.base }

// get performs a GET of rawURL (built by this package, never re-encoded)
// with the client's user agent, gzip, retries (429/502/503/504 with
// Retry-After and backoff; none on 400/404), the per-client concurrency
// limit, redirects (limited), and the optional disk cache. On a 2xx it
// returns the response; the caller must close resp.Body, and the
// concurrency slot is released when the body is closed (so streaming holds a
// slot). On any other status it returns a *Error built from the body (see
// errors.go), with ErrNoData matchable.
func (c *Client) get(ctx context.Context, rawURL string) (*http.Response, error) {
	if rawURL == "" {
		return nil, errorf("empty request URL (the query holds an error: see TableQuery.Err)")
	}
	if c.cacheDir != "" {
		if resp := c.cached(rawURL); resp != nil {
			return resp, nil
		}
	}
	var lastErr error
	for attempt := 0; ; attempt++ {
		resp, retryAfter, err := c.attempt(ctx, rawURL)
		if err == nil {
			if c.cacheDir != "" {
				resp.Body = c.cacheWriter(rawURL, resp.Header.Get("Content-Type"), resp.Body)
			}
			return resp, nil
		}
		lastErr = err
		if !retryable(ctx, err) || attempt >= c.retries {
			return nil, lastErr
		}
		wait := retryAfter
		if wait < 0 && c.backoff > 0 {
			wait = c.backoff << min(attempt, 30)
			if wait > c.maxBackoff || wait <= 0 {
				wait = c.maxBackoff
			}
			wait += time.Duration((rand.Float64() - 0.5) * 0.5 * float64(wait))
		}
		wait = max(wait, 0)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("erddap: %w (while waiting to retry after: %w)", ctx.Err(), lastErr)
		case <-t.C:
		}
	}
}

// retryable reports whether a failed attempt may be retried.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		switch e.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	var rerr *permanentError
	if errors.As(err, &rerr) {
		return false
	}
	return true // network error
}

// permanentError is a failure that a retry would repeat.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// attempt makes one request. retryAfter is the server's Retry-After (or -1).
func (c *Client) attempt(ctx context.Context, rawURL string) (*http.Response, time.Duration, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, -1, fmt.Errorf("erddap: %w", ctx.Err())
	}
	release := sync.OnceFunc(func() { <-c.sem })
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		release()
		return nil, -1, &permanentError{fmt.Errorf("erddap: bad request URL %s: %w", redactURL(rawURL), err)}
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.hc.Do(req)
	if err != nil {
		release()
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is added below, redacted
		}
		if ctx.Err() != nil {
			return nil, -1, fmt.Errorf("erddap: GET %s: %w", redactURL(rawURL), ctx.Err())
		}
		if strings.Contains(err.Error(), "redirects") {
			return nil, -1, &permanentError{fmt.Errorf("erddap: GET %s: %w", redactURL(rawURL), err)}
		}
		return nil, -1, fmt.Errorf("erddap: GET %s: %w", redactURL(rawURL), err)
	}
	body := io.ReadCloser(resp.Body)
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, zerr := gzip.NewReader(resp.Body)
		if zerr != nil && resp.StatusCode/100 == 2 {
			resp.Body.Close()
			release()
			return nil, -1, &permanentError{fmt.Errorf("erddap: GET %s: gzip body: %w", redactURL(rawURL), zerr)}
		}
		if zerr == nil {
			body = &gzipBody{zr: zr, under: resp.Body}
			resp.Header.Del("Content-Encoding")
			resp.Header.Del("Content-Length")
			resp.ContentLength = -1
			resp.Uncompressed = true
		}
	}
	if resp.StatusCode/100 == 2 {
		resp.Body = &slotBody{ReadCloser: body, release: release}
		return resp, -1, nil
	}
	data, _ := io.ReadAll(io.LimitReader(body, maxErrorBody))
	body.Close()
	release()
	retryAfter := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	u := rawURL
	if resp.Request != nil && resp.Request.URL != nil {
		u = resp.Request.URL.String()
	}
	return nil, retryAfter, newError(resp.StatusCode, data, u)
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
// It returns -1 when the header is absent or unreadable.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return -1
	}
	if s, err := strconv.Atoi(h); err == nil {
		if s < 0 {
			return -1
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d
	}
	return -1
}

type gzipBody struct {
	zr    *gzip.Reader
	under io.ReadCloser
}

func (g *gzipBody) Read(p []byte) (int, error) { return g.zr.Read(p) }
func (g *gzipBody) Close() error {
	g.zr.Close()
	return g.under.Close()
}

// slotBody releases the concurrency slot when the body is closed.
type slotBody struct {
	io.ReadCloser
	release func()
}

func (b *slotBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// cacheKey names the cache file of a request URL.
func cacheKey(rawURL string) string {
	sum := sha256.Sum256([]byte(rawURL))
	return hex.EncodeToString(sum[:])
}

// cached returns a response served from the cache, or nil.
func (c *Client) cached(rawURL string) *http.Response {
	path := filepath.Join(c.cacheDir, cacheKey(rawURL))
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	ct, _ := os.ReadFile(path + ".type")
	h := http.Header{}
	if len(ct) > 0 {
		h.Set("Content-Type", string(ct))
	}
	h.Set("X-Insitu-Cache", "hit")
	return &http.Response{
		Status: "200 OK", StatusCode: 200, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: f, ContentLength: -1,
	}
}

// cacheWriter tees the body into a temporary file that becomes the cache
// entry when the body has been read to its end without error.
func (c *Client) cacheWriter(rawURL, ctype string, body io.ReadCloser) io.ReadCloser {
	tmp, err := os.CreateTemp(c.cacheDir, ".part-*")
	if err != nil {
		return body
	}
	return &cacheBody{body: body, tmp: tmp, final: filepath.Join(c.cacheDir, cacheKey(rawURL)), ctype: ctype}
}

type cacheBody struct {
	body   io.ReadCloser
	tmp    *os.File
	final  string
	ctype  string
	failed bool
	done   bool
}

func (b *cacheBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 && !b.failed {
		if _, werr := b.tmp.Write(p[:n]); werr != nil {
			b.failed = true
		}
	}
	if err == io.EOF && !b.failed && !b.done {
		b.done = true
		if b.tmp.Close() == nil {
			if b.ctype != "" {
				_ = os.WriteFile(b.final+".type", []byte(b.ctype), 0o644)
			}
			if os.Rename(b.tmp.Name(), b.final) == nil {
				return n, err
			}
		}
		os.Remove(b.tmp.Name())
	} else if err != nil && err != io.EOF {
		b.failed = true
	}
	return n, err
}

func (b *cacheBody) Close() error {
	if !b.done {
		b.done = true
		b.tmp.Close()
		os.Remove(b.tmp.Name())
	}
	return b.body.Close()
}

// getAll GETs rawURL and returns the whole body.
func (c *Client) getAll(ctx context.Context, rawURL string) ([]byte, error) {
	resp, err := c.get(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("erddap: GET %s: reading body: %w", redactURL(rawURL), err)
	}
	return data, nil
}
