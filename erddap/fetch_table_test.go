package erddap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/testutil"
)

// recordedServer replays one recorded body with its status and content type,
// and remembers the request URIs.
func recordedServer(t *testing.T, path string, status int, ctype string) (*httptest.Server, *[]string) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var uris []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uris = append(uris, r.URL.RequestURI())
		mu.Unlock()
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &uris
}

func requestURI(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

// TestClientTable fetches .nccsv (the pinned wire format) from a replayed
// ERDDAP response and checks the exact request and the typed result.
func TestClientTable(t *testing.T) {
	srv, uris := recordedServer(t, scalarPath(t, "__1time.nccsv"), 200, "text/csv;charset=ISO-8859-1")
	c, err := NewClient(srv.URL + "/erddap")
	if err != nil {
		t.Fatal(err)
	}
	q := NewTableQuery("testNccsvScalar").Select("time", "ship", "sst")
	tb, err := c.Table(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(*uris) != 1 || (*uris)[0] != requestURI(t, c.TableURL(q, ".nccsv")) {
		t.Errorf("requests %q, want one of %q", *uris, c.TableURL(q, ".nccsv"))
	}
	if !strings.HasPrefix((*uris)[0], "/erddap/tabledap/testNccsvScalar.nccsv?") {
		t.Errorf("request %q", (*uris)[0])
	}
	if tb.Len() != 1 || tb.Column("sst").Type != "float" || tb.Strings("ship")[0] != goldShip ||
		!tb.Times("time")[0].Equal(time.Date(2017, 3, 23, 2, 45, 0, 0, time.UTC)) || tb.GlobalAttr("title") == nil {
		t.Errorf("table: %d rows, names %q", tb.Len(), tb.Names())
	}

	// Rows over the same response.
	n := 0
	for row, err := range c.Rows(context.Background(), q) {
		if err != nil {
			t.Fatal(err)
		}
		if row.String("ship") != goldShip || row.Column(2).Type != "float" {
			t.Errorf("row %q", row.String("ship"))
		}
		n++
	}
	if n != 1 || len(*uris) != 2 {
		t.Errorf("Rows: %d rows, %d requests", n, len(*uris))
	}
}

// TestClientTableAs fetches the other layouts ERDDAP serves.
func TestClientTableAs(t *testing.T) {
	for _, ft := range []string{".json", ".csv", ".jsonlKVP"} {
		srv, uris := recordedServer(t, scalarPath(t, ft), 200, "text/plain")
		c, err := NewClient(srv.URL + "/erddap")
		if err != nil {
			t.Fatal(err)
		}
		q := NewTableQuery("testNccsvScalar")
		tb, err := c.TableAs(context.Background(), q, ft)
		if err != nil {
			t.Fatalf("%s: %v", ft, err)
		}
		checkScalarTable(t, ft, tb)
		if (*uris)[0] != requestURI(t, c.TableURL(q, ft)) {
			t.Errorf("%s: request %q", ft, (*uris)[0])
		}
		rows := 0
		for _, err := range c.RowsAs(context.Background(), q, ft, DecodeOptions{Types: map[string]string{"testULong": "ulong"}}) {
			if err != nil {
				t.Fatal(err)
			}
			rows++
		}
		if rows != 6 {
			t.Errorf("%s: RowsAs gave %d rows", ft, rows)
		}
	}
	c, _ := NewClient("http://127.0.0.1:1/erddap")
	if _, err := c.TableAs(context.Background(), NewTableQuery("x"), ".png"); !errors.Is(err, ErrFileType) {
		t.Errorf(".png: %v", err)
	}
	for _, err := range c.RowsAs(context.Background(), NewTableQuery("x"), ".png") {
		if !errors.Is(err, ErrFileType) {
			t.Errorf(".png rows: %v", err)
		}
	}
}

// TestClientTableNoData replays ERDDAP's 404 "no matching results".
func TestClientTableNoData(t *testing.T) {
	path := testutil.RealData(t, "erddap", "euroargodev__argopy", "tabledap__ArgoFloats__box_nomatch__404.ncHeader")
	srv, _ := recordedServer(t, path, 404, "text/plain;charset=UTF-8")
	c, err := NewClient(srv.URL + "/erddap")
	if err != nil {
		t.Fatal(err)
	}
	q := NewTableQuery("ArgoFloats").Select("pres")
	_, err = c.Table(context.Background(), q)
	var e *Error
	if !errors.Is(err, ErrNoData) || !errors.As(err, &e) || e.StatusCode != 404 {
		t.Errorf("Table: %v, want ErrNoData from a 404 *Error", err)
	}
	var errs []error
	for _, err := range c.Rows(context.Background(), q) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrNoData) {
		t.Errorf("Rows: %v", errs)
	}
}

// pipeTransport answers every request with a 200 whose body is the read end
// of an io.Pipe fed by gen, so the body advances only as the reader reads.
type pipeTransport struct {
	gen     func(ctx context.Context, w io.Writer) error
	written atomic.Int64
	closed  chan struct{} // closed when gen sees the body closed
	once    sync.Once
}

func (p *pipeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	pr, pw := io.Pipe()
	go func() {
		err := p.gen(req.Context(), countWriter{pw, &p.written})
		if errors.Is(err, io.ErrClosedPipe) {
			p.once.Do(func() { close(p.closed) })
		}
		pw.CloseWithError(err)
	}()
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/csv"}}, Body: pr, Request: req, ContentLength: -1}, nil
}

type countWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n.Add(int64(n))
	return n, err
}

// nccsvRows writes an NCCSV body with n rows (n < 0: without end), and
// without *END_DATA* when cut.
func nccsvRows(n int, cut bool) func(ctx context.Context, w io.Writer) error {
	return func(ctx context.Context, w io.Writer) error {
		if _, err := io.WriteString(w, "time,*DATA_TYPE*,String\ntime,units,yyyy-MM-dd'T'HH:mm:ssZ\n"+
			"v,*DATA_TYPE*,double\nid,*DATA_TYPE*,long\n\n*END_METADATA*\ntime,v,id\n"); err != nil {
			return err
		}
		t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; n < 0 || i < n; i++ {
			line := fmt.Sprintf("%s,%d.5,%d\n", t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), i, int64(i)<<40)
			if _, err := io.WriteString(w, line); err != nil {
				return err
			}
		}
		if cut {
			_, err := io.WriteString(w, "2021-01-01T00:00:00Z,1.")
			return err
		}
		_, err := io.WriteString(w, "*END_DATA*\n")
		return err
	}
}

func pipeClient(t *testing.T, p *pipeTransport) *Client {
	t.Helper()
	p.closed = make(chan struct{})
	c, err := NewClient("http://erddap.invalid/erddap", WithHTTPClient(&http.Client{Transport: p}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClientRowsStreams: Rows reads the body only as rows are consumed (an
// endless body is fine), and breaking out of the loop closes the body.
func TestClientRowsStreams(t *testing.T) {
	p := &pipeTransport{gen: nccsvRows(-1, false)}
	c := pipeClient(t, p)
	n := 0
	for row, err := range c.Rows(context.Background(), NewTableQuery("endless")) {
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := row.Int64("id"); !ok || v != int64(n)<<40 || row.Float64("v") != float64(n)+0.5 {
			t.Fatalf("row %d: id %d v %v", n, v, row.Float64("v"))
		}
		n++
		if n == 20000 {
			break
		}
	}
	// 20000 rows are about 900 kB; the decoder reads ahead at most its
	// buffer (64 KiB) plus one write.
	if w := p.written.Load(); w > 1_100_000 {
		t.Errorf("%d bytes written for 20000 rows: the body is read ahead", w)
	}
	select {
	case <-p.closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the body was not closed after break")
	}
}

// TestClientRowsCancel: cancelling the context ends the stream with the
// context's error.
func TestClientRowsCancel(t *testing.T) {
	p := &pipeTransport{gen: nccsvRows(-1, false)}
	c := pipeClient(t, p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.Rows(ctx, NewTableQuery("endless")) {
		if err != nil {
			last = err
			break
		}
		n++
		if n == 100 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) || n != 100 {
		t.Errorf("after %d rows: %v, want context.Canceled right after the cancel", n, last)
	}
}

// TestClientRowsTruncated: a body cut mid-row yields every whole row, then
// a *DecodeError wrapping ErrTruncated as the last element.
func TestClientRowsTruncated(t *testing.T) {
	for _, cut := range []bool{true, false} {
		p := &pipeTransport{gen: nccsvRows(1000, cut)}
		c := pipeClient(t, p)
		n, errs := 0, 0
		var last error
		for _, err := range c.Rows(context.Background(), NewTableQuery("cut")) {
			if err != nil {
				errs++
				last = err
				continue
			}
			if errs > 0 {
				t.Fatal("a row after the error")
			}
			n++
		}
		var de *DecodeError
		switch {
		case cut && (n != 1000 || errs != 1 || !errors.Is(last, ErrTruncated) || !errors.As(last, &de) || de.Line != 1008):
			t.Errorf("cut: %d rows, %d errors, last %v", n, errs, last)
		case !cut && (n != 1000 || errs != 0):
			t.Errorf("whole: %d rows, %d errors, last %v", n, errs, last)
		}
		_, err := c.Table(context.Background(), NewTableQuery("cut"))
		if cut != (err != nil) || (cut && !errors.Is(err, ErrTruncated)) {
			t.Errorf("Table (cut %v): %v", cut, err)
		}
	}
}

// TestClientTableQueryError: a query carrying a builder error is refused with
// that error, before any request is sent.
func TestClientTableQueryError(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "unexpected", http.StatusTeapot)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL + "/erddap")
	if err != nil {
		t.Fatal(err)
	}
	q := NewTableQuery("ds").Select("time").Where("time", "~=", "x")
	if _, err := c.Table(context.Background(), q); err == nil || !strings.Contains(err.Error(), "operator ~= is not valid") {
		t.Errorf("Table: err = %v, want the query's operator error", err)
	}
	n := 0
	for _, err := range c.Rows(context.Background(), q) {
		n++
		if err == nil || !strings.Contains(err.Error(), "operator ~= is not valid") {
			t.Errorf("Rows: err = %v, want the query's operator error", err)
		}
	}
	if n != 1 {
		t.Errorf("Rows yielded %d times, want 1 (the error)", n)
	}
	if h := hits.Load(); h != 0 {
		t.Errorf("server hit %d times, want 0", h)
	}
}
