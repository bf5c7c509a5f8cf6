package thredds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultUserAgent is the User-Agent header the client sends unless
// [WithUserAgent] replaces it.
const DefaultUserAgent = "insitu/0.1.0 (+https://github.com/insitu-go/insitu; thredds)"

// Default limits.
const (
	// DefaultMaxCatalogSize is the largest catalog document Client.Catalog reads.
	DefaultMaxCatalogSize = 64 << 20
	// DefaultMaxResponseSize is the largest NCSS response Client.NCSS holds in
	// memory (use Client.NCSSTo to stream larger ones).
	DefaultMaxResponseSize = 1 << 30
)

// maxErrorBody is how much of an error response is kept in HTTPError.Body.
const maxErrorBody = 64 << 10

// Client reads THREDDS catalogs, NCSS responses and files over HTTP.
//
// A Client is safe for concurrent use. Its zero value is not usable: create
// one with [NewClient].
type Client struct {
	hc         *http.Client
	jar        http.CookieJar
	userAgent  string
	timeout    time.Duration
	maxCatalog int64
	maxBody    int64
	retries    int
	retryWait  time.Duration
	auth       []basicAuth
}

type basicAuth struct {
	user, password string
	hosts          []string // empty: every host
}

// Option configures a [Client].
type Option func(*Client)

// WithHTTPClient makes the client send its requests through hc (its
// transport, proxy, TLS settings, cookie jar and redirect policy). hc is
// not modified. The default client has no overall timeout: use
// [WithTimeout] or contexts with deadlines.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithUserAgent replaces the User-Agent header ([DefaultUserAgent]).
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithTimeout bounds every request (each catalog, each NCSS response, each
// download attempt) to d, in addition to the caller's context.
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithMaxCatalogSize sets the largest catalog document read, in bytes
// (default [DefaultMaxCatalogSize]); a larger one gives [ErrTooLarge].
func WithMaxCatalogSize(n int64) Option { return func(c *Client) { c.maxCatalog = n } }

// WithMaxResponseSize sets the largest NCSS response held in memory, in
// bytes (default [DefaultMaxResponseSize]).
func WithMaxResponseSize(n int64) Option { return func(c *Client) { c.maxBody = n } }

// WithRetries sets how many times a request is retried after a 429, 502,
// 503 or 504 response or a network error, waiting wait, then twice as long,
// and so on, or what the server's Retry-After asks (up to a minute). The
// default is 2 retries starting at 500 ms; n = 0 disables retries.
func WithRetries(n int, wait time.Duration) Option {
	return func(c *Client) { c.retries, c.retryWait = max(n, 0), wait }
}

// WithBasicAuth sends HTTP Basic credentials with catalog, NCSS and
// download requests to the given hosts (host or host:port, as in the URL),
// or to every host when none is given. Limit the hosts when crawling:
// catalogs may reference other servers. Go's client drops the credentials
// when a redirect leaves the host. OPeNDAP access through libnetcdf uses
// its own mechanisms: see [Open].
func WithBasicAuth(user, password string, hosts ...string) Option {
	return func(c *Client) {
		c.auth = append(c.auth, basicAuth{user: user, password: password, hosts: hosts})
	}
}

// WithCookieJar keeps cookies (session cookies of a login, as some data
// servers set) in jar for every request. The client set by
// [WithHTTPClient] is copied, not modified.
func WithCookieJar(jar http.CookieJar) Option { return func(c *Client) { c.jar = jar } }

// NewClient returns a client. Without options it uses its own HTTP
// transport (keeping up to 32 idle connections per host, for concurrent
// crawls), no overall timeout, 2 retries and [DefaultUserAgent].
func NewClient(opts ...Option) *Client {
	c := &Client{
		userAgent:  DefaultUserAgent,
		maxCatalog: DefaultMaxCatalogSize,
		maxBody:    DefaultMaxResponseSize,
		retries:    2,
		retryWait:  500 * time.Millisecond,
	}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.hc == nil {
		c.hc = &http.Client{Transport: defaultTransport()}
	}
	if c.jar != nil {
		hc := *c.hc
		hc.Jar = c.jar
		c.hc = &hc
	}
	return c
}

func defaultTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxIdleConnsPerHost = 32
	return t
}

// response is a successful response read whole.
type response struct {
	URL         string // final URL after redirects
	ContentType string
	Body        []byte
}

// checkURL parses rawURL and refuses anything but absolute http(s) URLs.
func checkURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, fmt.Errorf("thredds: %w", err)
	}
	if !isHTTPURL(u) {
		return nil, fmt.Errorf("%w: %q", ErrUnsupportedScheme, truncate(rawURL, 200))
	}
	return u, nil
}

// open sends a GET request, retrying as configured, and returns the
// response when its status is 2xx; other statuses give an *HTTPError. The
// caller closes the body; closing it also releases the request's timeout.
func (c *Client) open(ctx context.Context, rawURL string, header http.Header) (*http.Response, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	cancel := context.CancelFunc(func() {})
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	wait := c.retryWait
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			cancel()
			return nil, fmt.Errorf("thredds: %w", err)
		}
		for k, v := range header {
			req.Header[k] = v
		}
		req.Header.Set("User-Agent", c.userAgent)
		c.setAuth(req)
		resp, err := c.hc.Do(req)
		var retryAfter time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil || attempt >= c.retries {
				cancel()
				if ctx.Err() != nil {
					return nil, fmt.Errorf("thredds: GET %s: %w", rawURL, ctx.Err())
				}
				return nil, fmt.Errorf("thredds: GET %s: %w", rawURL, err)
			}
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			return resp, nil
		case retryable(resp.StatusCode) && attempt < c.retries:
			retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"))
			io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
		default:
			body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
			cancel()
			return nil, &HTTPError{
				StatusCode:  resp.StatusCode,
				URL:         resp.Request.URL.String(),
				Body:        string(bytes.ToValidUTF8(body, []byte("\uFFFD"))),
				ContentType: resp.Header.Get("Content-Type"),
			}
		}
		d := wait
		if retryAfter > 0 {
			d = retryAfter
		}
		wait *= 2
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			cancel()
			return nil, fmt.Errorf("thredds: GET %s: %w", rawURL, ctx.Err())
		case <-t.C:
		}
	}
}

// cancelBody releases a request's timeout context when its body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close closes the body and releases the request's context.
func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// parseRetryAfter reads a Retry-After header (seconds or an HTTP date),
// capped at one minute.
func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(v); err == nil {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	}
	return min(max(d, 0), time.Minute)
}

func (c *Client) setAuth(req *http.Request) {
	host := strings.ToLower(req.URL.Host)
	hostname := strings.ToLower(req.URL.Hostname())
	for _, a := range c.auth {
		ok := len(a.hosts) == 0
		for _, h := range a.hosts {
			h = strings.ToLower(h)
			if h == host || h == hostname {
				ok = true
				break
			}
		}
		if ok {
			req.SetBasicAuth(a.user, a.password)
			return
		}
	}
}

// get reads a whole response of at most limit bytes.
func (c *Client) get(ctx context.Context, rawURL, accept string, limit int64) (*response, error) {
	h := http.Header{}
	if accept != "" {
		h.Set("Accept", accept)
	}
	resp, err := c.open(ctx, rawURL, h)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := readLimited(resp.Body, limit)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, rawURL, limit)
		}
		return nil, fmt.Errorf("thredds: GET %s: %w", rawURL, err)
	}
	return &response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxResponseSize
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}

const acceptXML = "application/xml, text/xml;q=0.9, */*;q=0.1"

// Catalog reads and parses the catalog at rawURL (http or https only).
// Access URLs and references are resolved against catalog@base or the
// final URL after redirects (a TDS 5 server answers /thredds/catalog.xml
// with a redirect to /thredds/catalog/catalog.xml, which changes what
// relative references mean). A catalog.html URL is read as catalog.xml.
func (c *Client) Catalog(ctx context.Context, rawURL string) (*Catalog, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(u.Path, ".html") {
		u.Path = strings.TrimSuffix(u.Path, ".html") + ".xml"
		u.RawPath = ""
	}
	resp, err := c.get(ctx, u.String(), acceptXML, c.maxCatalog)
	if err != nil {
		return nil, err
	}
	cat, err := ParseCatalog(resp.Body, resp.URL)
	if err != nil {
		if strings.Contains(strings.ToLower(resp.ContentType), "html") && errors.Is(err, ErrNotCatalog) {
			return nil, fmt.Errorf("%w: %s is an HTML page (%s)", ErrNotCatalog, resp.URL, resp.ContentType)
		}
		return nil, fmt.Errorf("thredds: %s: %w", resp.URL, err)
	}
	cat.client = c
	return cat, nil
}

// Follow reads the catalog a reference points at (see [CatalogRef.Follow]).
func (c *Client) Follow(ctx context.Context, ref *CatalogRef) (*Catalog, error) {
	return c.Catalog(ctx, ref.URL)
}

// Download copies the file at rawURL (typically an HTTPServer access URL)
// to w and returns the number of bytes written. When the connection breaks
// mid-transfer it resumes with a Range request from the bytes already
// written (up to the client's retry count, at least 3 times); a server that
// ignores ranges is read again from the start, skipping what w already has.
func (c *Client) Download(ctx context.Context, rawURL string, w io.Writer) (int64, error) {
	var written int64
	cw := &countWriter{w: w}
	resumes := max(c.retries, 3)
	for attempt := 0; ; attempt++ {
		h := http.Header{}
		if written > 0 {
			h.Set("Range", "bytes="+strconv.FormatInt(written, 10)+"-")
		}
		resp, err := c.open(ctx, rawURL, h)
		if err != nil {
			var he *HTTPError
			if written > 0 && errors.As(err, &he) && he.StatusCode == http.StatusRequestedRangeNotSatisfiable {
				return written, nil // nothing was left to read
			}
			return written, err
		}
		body := io.Reader(resp.Body)
		if written > 0 {
			switch resp.StatusCode {
			case http.StatusPartialContent:
				if start, ok := contentRangeStart(resp.Header.Get("Content-Range")); !ok || start != written {
					resp.Body.Close()
					return written, fmt.Errorf("thredds: GET %s: resumed at byte %d, server sent a range from %d", rawURL, written, start)
				}
			default: // the whole file again
				if _, err := io.CopyN(io.Discard, body, written); err != nil {
					resp.Body.Close()
					if attempt < resumes && ctx.Err() == nil {
						continue
					}
					return written, fmt.Errorf("thredds: GET %s: %w", rawURL, err)
				}
			}
		}
		cw.err = nil
		n, err := io.Copy(cw, body)
		resp.Body.Close()
		written += n
		if err == nil {
			return written, nil
		}
		if cw.err != nil {
			return written, fmt.Errorf("thredds: download %s: %w", rawURL, cw.err)
		}
		if ctx.Err() != nil || attempt >= resumes {
			return written, fmt.Errorf("thredds: GET %s: %w", rawURL, err)
		}
	}
}

type countWriter struct {
	w   io.Writer
	err error
}

// Write writes to the underlying writer and remembers its error.
func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// contentRangeStart reads the first byte position of "bytes a-b/n".
func contentRangeStart(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "bytes ") {
		return 0, false
	}
	v = v[len("bytes "):]
	i := strings.IndexByte(v, '-')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v[:i]), 10, 64)
	return n, err == nil
}
