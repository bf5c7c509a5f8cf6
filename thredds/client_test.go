package thredds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// setup starts a test server whose handlers live under /thredds/ (a
// non-empty base path catches absolute-URL mistakes) and a client with fast
// retries.
func setup(t *testing.T, opts ...Option) (*Client, *http.ServeMux, *httptest.Server) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := NewClient(append([]Option{WithRetries(2, time.Millisecond)}, opts...)...)
	return c, mux, srv
}

func xmlHandler(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
		io.WriteString(w, body)
	}
}

const tds5Top = `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" name="top" version="1.2">
  <service name="all" serviceType="Compound" base="">
    <service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
    <service name="http" serviceType="HTTPServer" base="/thredds/fileServer/"/>
  </service>
  <dataset name="Realtime">
    <metadata inherited="true"><serviceName>all</serviceName></metadata>
    <catalogRef xlink:href="idd/models.xml" xlink:title="Models" name=""/>
    <dataset name="sst.nc" urlPath="ocean/sst.nc"/>
  </dataset>
</catalog>`

// TDS 5 answers /thredds/catalog.xml with a redirect to
// /thredds/catalog/catalog.xml: references resolve against the final URL.
func TestCatalogRedirect(t *testing.T) {
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/catalog.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/thredds/catalog/catalog.xml")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/thredds/catalog/catalog.xml", xmlHandler(tds5Top))
	mux.HandleFunc("/thredds/catalog/idd/models.xml", xmlHandler(`<catalog name="models"><dataset name="m"/></catalog>`))

	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog.xml")
	if err != nil {
		t.Fatal(err)
	}
	if cat.URL != srv.URL+"/thredds/catalog/catalog.xml" {
		t.Errorf("URL %q", cat.URL)
	}
	ref := cat.Ref("Models")
	if ref.URL != srv.URL+"/thredds/catalog/idd/models.xml" {
		t.Errorf("ref %q", ref.URL)
	}
	if u, _ := cat.FindName("sst.nc").AccessURL("OPENDAP"); u != srv.URL+"/thredds/dodsC/ocean/sst.nc" {
		t.Errorf("access %q", u)
	}
	sub, err := ref.Follow(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if sub.Name != "models" {
		t.Errorf("followed %q", sub.Name)
	}
}

// The same case on the recorded TDS 5 responses (siphon
// test_tds50_catalogref_follow: the followed catalog has 59 references).
func TestCatalogRedirectRecorded(t *testing.T) {
	top := readReal(t, "Unidata__siphon", "tds5_thredds-test_catalog_catalog.xml")
	models := readReal(t, "Unidata__siphon", "tds5_idd_forecastModels.xml")
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/catalog.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/thredds/catalog/catalog.xml", http.StatusFound)
	})
	mux.HandleFunc("/thredds/catalog/catalog.xml", xmlHandler(string(top)))
	mux.HandleFunc("/thredds/catalog/idd/forecastModels.xml", xmlHandler(string(models)))
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog.xml")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := cat.Ref("Forecast Model Data").Follow(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sub.AllRefs()); n != 59 {
		t.Errorf("%d references, want 59", n)
	}
}

func TestCatalogHTMLRetriedAsXML(t *testing.T) {
	c, mux, srv := setup(t)
	var htmlHits atomic.Int32
	mux.HandleFunc("/thredds/catalog/x/catalog.html", func(w http.ResponseWriter, r *http.Request) {
		htmlHits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body>catalog</body></html>")
	})
	mux.HandleFunc("/thredds/catalog/x/catalog.xml", xmlHandler(`<catalog name="x"/>`))
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog/x/catalog.html?dataset=a")
	if err != nil {
		t.Fatal(err)
	}
	if cat.Name != "x" || htmlHits.Load() != 0 {
		t.Errorf("name %q, html hits %d", cat.Name, htmlHits.Load())
	}
	// an HTML page where a catalog was expected
	mux.HandleFunc("/thredds/page.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><html><body>login</body></html>")
	})
	_, err = c.Catalog(t.Context(), srv.URL+"/thredds/page.xml")
	if !errors.Is(err, ErrNotCatalog) || !strings.Contains(err.Error(), "HTML") {
		t.Errorf("err %v", err)
	}
}

func TestHTTPErrors(t *testing.T) {
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/missing.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "FileNotFound: No such file or directory", http.StatusNotFound)
	})
	mux.HandleFunc("/thredds/denied.xml", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden) // empty body, as the radar server sends
	})
	mux.HandleFunc("/thredds/latest.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "Throwable exception handled : null")
	})
	mux.HandleFunc("/thredds/big", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, "NCSS response too large = 1528329600 max = 629145600")
	})

	_, err := c.Catalog(t.Context(), srv.URL+"/thredds/missing.xml")
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 404 || !errors.Is(err, ErrNotFound) || he.URL != srv.URL+"/thredds/missing.xml" {
		t.Errorf("404: %v", err)
	}
	if !strings.Contains(err.Error(), "FileNotFound") || !strings.HasPrefix(err.Error(), "thredds: GET ") {
		t.Errorf("message %q", err)
	}
	_, err = c.Catalog(t.Context(), srv.URL+"/thredds/denied.xml")
	if !errors.Is(err, ErrForbidden) || errors.Is(err, ErrRequestTooLarge) {
		t.Errorf("403: %v", err)
	}
	_, err = c.Catalog(t.Context(), srv.URL+"/thredds/latest.xml")
	if !errors.As(err, &he) || he.StatusCode != 500 || he.Body != "Throwable exception handled : null" {
		t.Errorf("500: %v", err)
	}
	_, err = c.NCSS(t.Context(), srv.URL+"/thredds/big", NewNCSSQuery().Var("x"))
	if !errors.Is(err, ErrRequestTooLarge) {
		t.Errorf("too large: %v", err)
	}
	for _, u := range []string{"file:///etc/passwd", "ftp://h/x", "/relative/catalog.xml", "gopher://h/"} {
		if _, err := c.Catalog(t.Context(), u); !errors.Is(err, ErrUnsupportedScheme) {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestRetries(t *testing.T) {
	c, mux, srv := setup(t)
	var n atomic.Int32
	mux.HandleFunc("/thredds/flaky.xml", func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			io.WriteString(w, `<catalog name="ok"/>`)
		}
	})
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/flaky.xml")
	if err != nil || cat.Name != "ok" || n.Load() != 3 {
		t.Fatalf("%v %v after %d requests", cat, err, n.Load())
	}
	// retries exhausted
	var m atomic.Int32
	mux.HandleFunc("/thredds/down.xml", func(w http.ResponseWriter, r *http.Request) {
		m.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	})
	_, err = c.Catalog(t.Context(), srv.URL+"/thredds/down.xml")
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 502 || m.Load() != 3 {
		t.Errorf("%v after %d requests", err, m.Load())
	}
	if d := parseRetryAfter("7"); d != 7*time.Second {
		t.Errorf("Retry-After 7: %v", d)
	}
	if d := parseRetryAfter("3600"); d != time.Minute {
		t.Errorf("Retry-After is capped: %v", d)
	}
	if d := parseRetryAfter(time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)); d != 0 {
		t.Errorf("past date: %v", d)
	}
}

func TestContextAndTimeout(t *testing.T) {
	c, mux, srv := setup(t)
	release := make(chan struct{})
	mux.HandleFunc("/thredds/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.Catalog(ctx, srv.URL+"/thredds/slow.xml"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ctx: %v", err)
	}
	ct := NewClient(WithTimeout(50*time.Millisecond), WithRetries(0, 0))
	if _, err := ct.Catalog(t.Context(), srv.URL+"/thredds/slow.xml"); err == nil {
		t.Error("WithTimeout did not apply")
	}
}

func TestHeadersAuthCookies(t *testing.T) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, _, ok := r.BasicAuth(); ok {
			t.Error("credentials sent to a host they were not given for")
		}
		io.WriteString(w, `<catalog name="other"/>`)
	}))
	defer other.Close()
	_, mux, srv := setup(t)
	srvHost := strings.TrimPrefix(srv.URL, "http://")
	c := NewClient(WithUserAgent("test-agent/1"), WithCookieJar(jar), WithBasicAuth("u", "p@ss:w", srvHost))
	mux.HandleFunc("/thredds/login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "abc", Path: "/"})
		io.WriteString(w, `<catalog name="login"/>`)
	})
	mux.HandleFunc("/thredds/private.xml", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); ua != "test-agent/1" {
			t.Errorf("User-Agent %q", ua)
		}
		if u, p, ok := r.BasicAuth(); !ok || u != "u" || p != "p@ss:w" {
			http.Error(w, "auth", http.StatusUnauthorized)
			return
		}
		if ck, err := r.Cookie("session"); err != nil || ck.Value != "abc" {
			http.Error(w, "no session", http.StatusForbidden)
			return
		}
		io.WriteString(w, `<catalog name="private"/>`)
	})
	if _, err := c.Catalog(t.Context(), srv.URL+"/thredds/login"); err != nil {
		t.Fatal(err)
	}
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/private.xml")
	if err != nil || cat.Name != "private" {
		t.Fatalf("%v %v", cat, err)
	}
	if _, err := c.Catalog(t.Context(), other.URL+"/catalog.xml"); err != nil {
		t.Fatal(err)
	}
	// the default User-Agent
	var ua string
	mux.HandleFunc("/thredds/ua.xml", func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		io.WriteString(w, `<catalog/>`)
	})
	if _, err := NewClient().Catalog(t.Context(), srv.URL+"/thredds/ua.xml"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ua, "insitu/") {
		t.Errorf("default User-Agent %q", ua)
	}
	// WithHTTPClient: the caller's client is used and not modified
	hc := &http.Client{}
	NewClient(WithHTTPClient(hc), WithCookieJar(jar))
	if hc.Jar != nil {
		t.Error("WithCookieJar modified the caller's http.Client")
	}
}

func TestMaxCatalogSize(t *testing.T) {
	c, mux, srv := setup(t, WithMaxCatalogSize(100))
	mux.HandleFunc("/thredds/huge.xml", xmlHandler("<catalog name=\""+strings.Repeat("x", 200)+"\"/>"))
	if _, err := c.Catalog(t.Context(), srv.URL+"/thredds/huge.xml"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err %v", err)
	}
}

func TestFollowRefusesNonHTTP(t *testing.T) {
	cat := mustParse(t, `<catalog xmlns:xlink="http://www.w3.org/1999/xlink"><catalogRef xlink:href="file:///etc/catalog.xml" xlink:title="f"/></catalog>`, "http://example.com/catalog.xml")
	if _, err := cat.Refs[0].Follow(t.Context()); !errors.Is(err, ErrUnsupportedScheme) {
		t.Errorf("err %v", err)
	}
}

// siphon test_latest_attribute on the recorded RAP catalogs.
func TestLatestRecorded(t *testing.T) {
	rap := readReal(t, "Unidata__siphon", "grib_RAP_CONUS_13km_catalog.xml")
	latest := readReal(t, "Unidata__siphon", "grib_RAP_CONUS_13km_latest.xml")
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/catalog/grib/NCEP/RAP/CONUS_13km/catalog.xml", xmlHandler(string(rap)))
	mux.HandleFunc("/thredds/catalog/grib/NCEP/RAP/CONUS_13km/latest.xml", xmlHandler(string(latest)))
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog/grib/NCEP/RAP/CONUS_13km/catalog.xml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.LatestIn(t.Context(), cat)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "RR_CONUS_13km_20150527_0100.grib2" {
		t.Errorf("latest %q", d.Name)
	}
	if u, _ := d.AccessURL("HTTPServer"); u != srv.URL+"/thredds/fileServer/grib/NCEP/RAP/CONUS_13km/RR_CONUS_13km_20150527_0100.grib2" {
		t.Errorf("latest access %q", u)
	}
}

// A Resolver service on a scan without resolver support: HTTP 500
// (siphon cat_only_http), reported as an HTTPError.
func TestLatestServerError(t *testing.T) {
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/catalog/scan/catalog.xml", xmlHandler(`<catalog><service name="latest" serviceType="Resolver" base=""/>
<service name="h" serviceType="HTTPServer" base="/thredds/fileServer/"/><dataset name="x" urlPath="scan/x.txt" serviceName="h"/></catalog>`))
	mux.HandleFunc("/thredds/catalog/scan/latest.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(500)
		io.WriteString(w, "Throwable exception handled : null")
	})
	cat, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog/scan/catalog.xml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.LatestIn(t.Context(), cat)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 500 || !strings.HasSuffix(he.URL, "/thredds/catalog/scan/latest.xml") {
		t.Errorf("err %v", err)
	}
}

func TestDownloadResume(t *testing.T) {
	c, mux, srv := setup(t)
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	var requests, ranged atomic.Int32
	mux.HandleFunc("/thredds/fileServer/a.nc", func(w http.ResponseWriter, r *http.Request) {
		n := requests.Add(1)
		if r.Header.Get("Range") != "" {
			ranged.Add(1)
		}
		if n <= 2 { // the first two transfers break half-way
			start := int64(0)
			if rg := r.Header.Get("Range"); rg != "" {
				fmt.Sscanf(rg, "bytes=%d-", &start)
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(data)-1, len(data)))
				w.Header().Set("Content-Length", fmt.Sprint(int64(len(data))-start))
				w.WriteHeader(http.StatusPartialContent)
			} else {
				w.Header().Set("Content-Length", fmt.Sprint(len(data)))
			}
			w.Write(data[start : start+10000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		http.ServeContent(w, r, "a.nc", time.Time{}, bytes.NewReader(data))
	})
	var buf bytes.Buffer
	n, err := c.Download(t.Context(), srv.URL+"/thredds/fileServer/a.nc", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(data)) || !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("got %d bytes, equal=%v", n, bytes.Equal(buf.Bytes(), data))
	}
	if requests.Load() != 3 || ranged.Load() != 2 {
		t.Errorf("%d requests, %d with Range", requests.Load(), ranged.Load())
	}

	// a server that ignores Range: the resumed transfer skips what was written
	var m atomic.Int32
	mux.HandleFunc("/thredds/fileServer/b.nc", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		if m.Add(1) == 1 {
			w.Write(data[:5000])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		w.Write(data)
	})
	buf.Reset()
	if n, err := c.Download(t.Context(), srv.URL+"/thredds/fileServer/b.nc", &buf); err != nil || n != int64(len(data)) || !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("no-range resume: %d %v", n, err)
	}

	// a writer error stops the download
	if _, err := c.Download(t.Context(), srv.URL+"/thredds/fileServer/a.nc", failWriter{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("writer error: %v", err)
	}
	// 404
	if _, err := c.Download(t.Context(), srv.URL+"/thredds/fileServer/none.nc", io.Discard); !errors.Is(err, ErrNotFound) {
		t.Errorf("404: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, errors.New("disk full") }
