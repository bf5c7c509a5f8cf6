package erddap

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/version"
)

func TestRetryAfterThenSuccess(t *testing.T) {
	for _, mode := range []string{"seconds", "http-date"} {
		t.Run(mode, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					if mode == "seconds" {
						w.Header().Set("Retry-After", "1")
					} else {
						w.Header().Set("Retry-After", time.Now().Add(time.Second).UTC().Format(http.TimeFormat))
					}
					w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
					w.WriteHeader(http.StatusTooManyRequests)
					io.WriteString(w, "Error {\n    code=429;\n    message=\"Too Many Requests\";\n}\n")
					return
				}
				io.WriteString(w, "ok")
			}))
			defer srv.Close()
			// A long backoff base: only Retry-After can make the wait short.
			c := mustClient(t, srv.URL+"/erddap", WithRetries(2, time.Hour))
			start := time.Now()
			var b bytes.Buffer
			if _, err := c.Download(context.Background(), NewTableQuery("ds"), ".csv", &b); err != nil {
				t.Fatal(err)
			}
			if b.String() != "ok" || n.Load() != 2 {
				t.Errorf("body %q after %d attempts, want ok after 2", b.String(), n.Load())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("waited %v: Retry-After not honoured", d)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              -1,
		"7":                             7 * time.Second,
		"-3":                            -1,
		"soon":                          -1,
		"Thu, 01 Jan 2026 00:00:30 GMT": 30 * time.Second,
		"Wed, 31 Dec 2025 23:00:00 GMT": 0,
	}
	for h, want := range tests {
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestRetriesExhausted(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap", WithRetries(3, time.Millisecond))
	_, err := c.Download(context.Background(), NewTableQuery("ds"), ".csv", io.Discard)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 503 || e.Message != "503 Service Temporarily Unavailable" {
		t.Fatalf("err = %#v, want *Error 503", err)
	}
	if n.Load() != 4 {
		t.Errorf("%d attempts, want 1 + 3 retries", n.Load())
	}
	if errors.Is(err, ErrNoData) {
		t.Error("a 503 matches ErrNoData")
	}
}

func TestNetworkErrorRetried(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	u := srv.URL
	srv.Close() // connection refused from now on
	c := mustClient(t, u+"/erddap", WithRetries(2, time.Millisecond))
	_, err := c.Version(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "erddap: GET ") {
		t.Fatalf("err = %v", err)
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Version(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 429 {
		t.Errorf("the 429 that caused the wait is not wrapped: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

func TestCancelDuringSlowBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "time,temp\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	var b bytes.Buffer
	n, err := c.Download(ctx, NewTableQuery("ds"), ".csv", &b)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's deadline", err)
	}
	if n != 10 || b.String() != "time,temp\n" {
		t.Errorf("wrote %d bytes %q before the cancellation", n, b.String())
	}
}

func TestConcurrencyLimit(t *testing.T) {
	for _, limit := range []int{1, 2, 3} {
		var inFlight, peak atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cur := inFlight.Add(1)
			for {
				p := peak.Load()
				if cur <= p || peak.CompareAndSwap(p, cur) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
			inFlight.Add(-1)
			io.WriteString(w, "x")
		}))
		c := mustClient(t, srv.URL+"/erddap", WithConcurrency(limit))
		var wg sync.WaitGroup
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Download(context.Background(), NewTableQuery("ds"), ".csv", io.Discard); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		srv.Close()
		if p := peak.Load(); p > int32(limit) || p < 1 {
			t.Errorf("limit %d: %d requests in flight at the server", limit, p)
		}
	}
}

func TestStreamingHoldsSlot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "body") }))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap", WithConcurrency(1))
	resp, err := c.get(context.Background(), srv.URL+"/erddap/version")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 80*time.Millisecond)
	defer cancel()
	if _, err := c.get(ctx, srv.URL+"/erddap/version"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second request while the first body is open: err = %v, want to wait for the slot", err)
	}
	resp.Body.Close()
	resp2, err := c.get(context.Background(), srv.URL+"/erddap/version")
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	resp2.Body.Close()
}

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	zw.Close()
	return b.Bytes()
}

func TestGzip(t *testing.T) {
	const body = "ERDDAP_version=2.23\n"
	var gotAE, gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAE, gotUA = r.Header.Get("Accept-Encoding"), r.Header.Get("User-Agent")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz(t, body))
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	v, err := c.Version(context.Background())
	if err != nil || v != "2.23" {
		t.Fatalf("Version = %q, %v", v, err)
	}
	if gotAE != "gzip" {
		t.Errorf("Accept-Encoding = %q", gotAE)
	}
	if gotUA != version.UserAgent || !strings.HasPrefix(gotUA, "insitu/") {
		t.Errorf("User-Agent = %q", gotUA)
	}
	c2 := mustClient(t, srv.URL+"/erddap", WithUserAgent("me/1"))
	c2.Version(context.Background())
	if gotUA != "me/1" {
		t.Errorf("WithUserAgent: %q", gotUA)
	}

	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		io.WriteString(w, "not gzip at all")
	}))
	defer bad.Close()
	if _, err := mustClient(t, bad.URL).Version(context.Background()); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("corrupt gzip: err = %v", err)
	}
}

func TestCache(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if strings.Contains(r.URL.Path, "missing") {
			w.WriteHeader(404)
			io.WriteString(w, "Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n")
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		io.WriteString(w, "a,b\n1,2\n")
	}))
	defer srv.Close()
	dir := t.TempDir()
	c := mustClient(t, srv.URL+"/erddap", WithCache(dir))
	for i := range 3 {
		var b bytes.Buffer
		if _, err := c.Download(context.Background(), NewTableQuery("ds"), ".csv", &b); err != nil || b.String() != "a,b\n1,2\n" {
			t.Fatalf("download %d: %q, %v", i, b.String(), err)
		}
	}
	if n.Load() != 1 {
		t.Errorf("%d requests reached the server, want 1 (then cache hits)", n.Load())
	}
	resp, err := c.get(context.Background(), c.TableURL(NewTableQuery("ds"), ".csv"))
	if err != nil || resp.Header.Get("Content-Type") != "text/csv" {
		t.Fatalf("cached response: %v, content type %q", err, resp.Header.Get("Content-Type"))
	}
	resp.Body.Close()
	for range 2 {
		if _, err := c.Download(context.Background(), NewTableQuery("missing"), ".csv", io.Discard); !errors.Is(err, ErrNoData) {
			t.Fatalf("err = %v", err)
		}
	}
	if n.Load() != 3 {
		t.Errorf("errors were cached: %d requests, want 3", n.Load())
	}
	// A body closed before its end is not cached.
	resp, err = c.get(context.Background(), c.TableURL(NewTableQuery("partial"), ".csv"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Read(make([]byte, 2))
	resp.Body.Close()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 2 { // one body + its .type
		t.Errorf("cache holds %q, want one entry and its content type", names)
	}
}

func TestRedirectRecorded(t *testing.T) {
	body := realBody(t, "ioos__erddapy/tabledap__pmelTao5dayIso.csvp")
	redirectBody := realBody(t, "ioos__erddapy/tabledap__pmelTao5dayIso__302_redirect.body")
	const query = "ISO_6%2Ctime&time%3E=248011200.0&time%3C=1548504000.0&latitude%3E=10&latitude%3C=10&longitude%3E=265&longitude%3C=265"
	var gotQuery string
	coastwatch := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotQuery = r.URL.RawQuery
		w.Header().Set("Content-Type", "text/csv;charset=ISO-8859-1")
		w.Write(body)
	}))
	defer coastwatch.Close()
	upwell := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
		w.Header().Set("Location", coastwatch.URL+"/erddap/tabledap/pmelTao5dayIso.csvp?"+query)
		w.WriteHeader(http.StatusFound)
		w.Write(redirectBody)
	}))
	defer upwell.Close()
	c := mustClient(t, upwell.URL+"/erddap")
	data, err := c.getAll(context.Background(), upwell.URL+"/erddap/tabledap/pmelTao5dayIso.csvp?"+query)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, body) {
		t.Errorf("redirected body differs (%d bytes, want %d)", len(data), len(body))
	}
	if gotQuery != query {
		t.Errorf("coastwatch got query %q, want the Location's %q", gotQuery, query)
	}
}

func TestRedirectLoop(t *testing.T) {
	var n atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Redirect(w, r, srv.URL+"/erddap/version", http.StatusFound)
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap", WithMaxRedirects(3))
	_, err := c.Version(context.Background())
	if err == nil || !strings.Contains(err.Error(), "stopped after 3 redirects") {
		t.Fatalf("err = %v", err)
	}
	if n.Load() != 4 {
		t.Errorf("%d requests, want 4 (1 + 3 redirects, no retry)", n.Load())
	}
}

func TestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap", WithTimeout(50*time.Millisecond), WithRetries(1, time.Millisecond))
	start := time.Now()
	if _, err := c.Version(context.Background()); err == nil {
		t.Fatal("no error")
	}
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("took %v", d)
	}
}

func TestOptionOrder(t *testing.T) {
	hc := &http.Client{Timeout: time.Hour}
	a := mustClient(t, "https://h/erddap", WithTimeout(time.Second), WithHTTPClient(hc))
	b := mustClient(t, "https://h/erddap", WithHTTPClient(hc), WithTimeout(time.Second))
	if a.hc.Timeout != time.Second || b.hc.Timeout != time.Second {
		t.Errorf("timeouts %v %v, want 1s whatever the option order", a.hc.Timeout, b.hc.Timeout)
	}
	if hc.Timeout != time.Hour || hc.CheckRedirect != nil {
		t.Error("the caller's *http.Client was modified")
	}
	c := mustClient(t, "https://h/erddap", WithHTTPClient(hc))
	if c.hc.Timeout != time.Hour {
		t.Errorf("the caller's timeout was dropped: %v", c.hc.Timeout)
	}
}

func TestZeroBackoff(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	start := time.Now()
	_, err := mustClient(t, srv.URL, WithRetries(5, 0)).Version(context.Background())
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 502 || n.Load() != 6 {
		t.Fatalf("err = %v after %d attempts", err, n.Load())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a zero backoff waited %v", d)
	}
}
