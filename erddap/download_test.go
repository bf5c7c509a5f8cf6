package erddap

import (
	"bytes"
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestDownloadRecorded replays a recorded ArgoFloats .nc answer and checks
// the exact request (argopy's query in our encoding) and the bytes.
func TestDownloadRecorded(t *testing.T) {
	body := realBody(t, "euroargodev__argopy/tabledap__ArgoFloats__wmo6902746_cyc34.nc")
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.RequestURI()
		w.Header().Set("Content-Type", "application/x-netcdf")
		w.Write(body)
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	q := NewTableQuery("ArgoFloats").Select(argoVars...).
		Where("platform_number", "=~", "6902746").Where("cycle_number", "=~", "34").
		Where("latitude", "!=", math.NaN()).Where("longitude", "!=", math.NaN()).
		Distinct().OrderBy("time", "pres")
	var b bytes.Buffer
	n, err := c.Download(context.Background(), q, ".nc", &b)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(body)) || !bytes.Equal(b.Bytes(), body) {
		t.Errorf("%d bytes, want the recorded %d", n, len(body))
	}
	want := "/erddap/tabledap/ArgoFloats.nc?" + c.TableURL(q, ".nc")[len(srv.URL+"/erddap/tabledap/ArgoFloats.nc?"):]
	if got != want {
		t.Errorf("request %s\nwant    %s", got, want)
	}
	if _, err := c.Download(context.Background(), NewTableQuery("ds").Where("a", "~=", 1), ".nc", &b); err == nil {
		t.Error("query error not reported")
	}
}

// TestDownloadStreams checks that bytes reach the writer before the server
// has finished the body.
func TestDownloadStreams(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), 1000))
		w.(http.Flusher).Flush()
		<-release
		w.Write([]byte("end"))
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := c.Download(context.Background(), NewTableQuery("ds"), ".csv", pw)
		pw.CloseWithError(err)
		done <- err
	}()
	first := make([]byte, 1000)
	if _, err := io.ReadFull(pr, first); err != nil {
		t.Fatal(err)
	}
	close(release) // only now may the server finish
	rest, err := io.ReadAll(pr)
	if err != nil || string(rest) != "end" || <-done != nil {
		t.Errorf("rest %q, %v", rest, err)
	}
}
