package erddap

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestChunksBoundaries(t *testing.T) {
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	t1 := time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC)
	q := NewTableQuery("ArgoFloats").Select("time", "pres").
		Where("time", ">=", t0).Where("time", "<=", t1).
		Where("longitude", ">=", -60).Where("longitude", "<=", -20.0).
		Where("latitude", ">", 0).Where("latitude", "<", 30).
		Where("pres", "<=", 20).Distinct()
	chunks, err := Chunks(q, DefaultChunkOptions())
	if err != nil {
		t.Fatal(err)
	}
	// 182 days / 90 -> 3 windows; 40° / 20 -> 2; 30° / 20 -> 2.
	if len(chunks) != 12 {
		t.Fatalf("%d chunks, want 12", len(chunks))
	}
	c := mustClient(t, "https://h/erddap")
	want := []string{
		"time%3E%3D2020-01-01T00:00:00Z&time%3C2020-03-31T00:00:00Z&longitude%3E%3D-60&longitude%3C-40.0&latitude%3E0&latitude%3C20.0",
		"time%3E%3D2020-01-01T00:00:00Z&time%3C2020-03-31T00:00:00Z&longitude%3E%3D-60&longitude%3C-40.0&latitude%3E%3D20.0&latitude%3C30",
		"time%3E%3D2020-01-01T00:00:00Z&time%3C2020-03-31T00:00:00Z&longitude%3E%3D-40.0&longitude%3C%3D-20.0&latitude%3E0&latitude%3C20.0",
	}
	for i, w := range want {
		u := c.TableURL(chunks[i], ".csv")
		wantURL := "https://h/erddap/tabledap/ArgoFloats.csv?time,pres&" + w + "&pres%3C%3D20&distinct()"
		if u != wantURL {
			t.Errorf("chunk %d\n got %s\nwant %s", i, u, wantURL)
		}
	}
	last := c.TableURL(chunks[11], ".csv")
	if !strings.Contains(last, "time%3E%3D2020-06-29T00:00:00Z&time%3C%3D2020-07-01T00:00:00Z&longitude%3E%3D-40.0&longitude%3C%3D-20.0&latitude%3E%3D20.0&latitude%3C30") {
		t.Errorf("last chunk keeps the original upper bounds: %s", last)
	}
	if got := c.TableURL(q, ".csv"); !strings.Contains(got, "time%3C%3D2020-07-01") {
		t.Errorf("Chunks changed the original query: %s", got)
	}
	// No split asked: the query itself.
	one, err := Chunks(q, ChunkOptions{})
	if err != nil || len(one) != 1 || c.TableURL(one[0], ".csv") != c.TableURL(q, ".csv") {
		t.Errorf("ChunkOptions{}: %d chunks, %v", len(one), err)
	}
}

func TestChunksErrors(t *testing.T) {
	tests := []struct {
		q    *TableQuery
		opts ChunkOptions
		want string
	}{
		{NewTableQuery("d").Where("time", ">=", 0.0), ChunkOptions{Time: time.Hour}, "needs both"},
		{NewTableQuery("d").Where("latitude", ">=", 0).Where("latitude", ">", 1).Where("latitude", "<", 9), ChunkOptions{Lat: 1}, "two lower bounds"},
		{NewTableQuery("d").Where("time", ">=", Relative("now-7days")).Where("time", "<", Relative("now")), ChunkOptions{Time: time.Hour}, "number or a time.Time"},
		{NewTableQuery("d").Where("time", ">=", time.Now()).Where("time", "<", 5.0), ChunkOptions{Time: time.Hour}, "mix"},
		{NewTableQuery("d").Where("a", "~=", 1), ChunkOptions{}, "use =~"},
		{NewTableQuery("d"), ChunkOptions{Lon: -1}, "negative"},
		{NewTableQuery("d").Where("longitude", ">=", math.Inf(-1)).Where("longitude", "<=", 0), ChunkOptions{Lon: 1}, "finite"},
	}
	for _, tc := range tests {
		_, err := Chunks(tc.q, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want %q", err, tc.want)
		}
	}
}

// match evaluates one numeric constraint as ERDDAP would (without float
// tolerance).
func match(c Constraint, x float64) bool {
	var v float64
	if tt, ok := c.Value.(time.Time); ok {
		v = float64(tt.UnixNano()) / 1e9
	} else {
		v, _ = toFloat(c.Value)
	}
	switch c.Op {
	case ">=":
		return x >= v
	case ">":
		return x > v
	case "<=":
		return x <= v
	case "<":
		return x < v
	}
	panic(c.Op)
}

func matchAll(q *TableQuery, row map[string]float64) bool {
	for _, c := range q.constraints {
		if !match(c, row[c.Var]) {
			return false
		}
	}
	return true
}

// TestChunksPartition is a property test: on random bounds, steps and rows
// (many on or next to chunk boundaries), every row the original query keeps
// is kept by exactly one chunk, and rows it drops are kept by none.
func TestChunksPartition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ops := [2][2]string{{">=", ">"}, {"<=", "<"}}
	for iter := range 300 {
		q := NewTableQuery("d")
		lo := map[string]float64{}
		hi := map[string]float64{}
		var opts ChunkOptions
		useTime := rng.IntN(2) == 0
		for _, v := range []string{"time", "longitude", "latitude"} {
			a := math.Round(rng.Float64()*200-100) / 4
			b := a + math.Round(rng.Float64()*400)/4
			lo[v], hi[v] = a, b
			var la, hb any = a, b
			if v == "time" {
				a, b = math.Round(a*86400), math.Round(b*86400)
				lo[v], hi[v] = a, b
				la, hb = a, b
				if useTime {
					la, hb = time.Unix(int64(a), 0).UTC(), time.Unix(int64(b), 0).UTC()
				}
			}
			q.Where(v, ops[0][rng.IntN(2)], la).Where(v, ops[1][rng.IntN(2)], hb)
		}
		opts.Time = time.Duration(1+rng.IntN(40)) * 24 * time.Hour
		opts.Lon = float64(1+rng.IntN(40)) / 2
		opts.Lat = float64(1+rng.IntN(40)) / 4
		chunks, err := Chunks(q, opts)
		if err != nil {
			t.Fatal(err)
		}
		steps := map[string]float64{"time": opts.Time.Seconds(), "longitude": opts.Lon, "latitude": opts.Lat}
		for range 200 {
			row := map[string]float64{}
			for v, s := range steps {
				span := hi[v] - lo[v]
				switch rng.IntN(3) {
				case 0: // on a boundary
					row[v] = lo[v] + float64(rng.IntN(int(span/s)+2))*s
				case 1: // the original bounds
					row[v] = []float64{lo[v], hi[v]}[rng.IntN(2)]
				default:
					row[v] = lo[v] - 1 + rng.Float64()*(span+2)
				}
			}
			n := 0
			for _, c := range chunks {
				if matchAll(c, row) {
					n++
				}
			}
			want := 0
			if matchAll(q, row) {
				want = 1
			}
			if n != want {
				t.Fatalf("iteration %d: row %v kept by %d chunks, want %d (query %v, opts %+v)", iter, row, n, want, q.constraints, opts)
			}
		}
	}
}

// nccsvBody writes a two-column NCCSV table (time, temp).
func nccsvBody(times []float64, temps []float64) string {
	var b strings.Builder
	b.WriteString("*GLOBAL*,Conventions,\"COARDS, CF-1.6, ACDD-1.3, NCCSV-1.1\"\n")
	b.WriteString("time,*DATA_TYPE*,String\ntime,units,yyyy-MM-dd'T'HH:mm:ssZ\n")
	b.WriteString("temp,*DATA_TYPE*,double\n\n*END_METADATA*\ntime,temp\n")
	for i := range times {
		fmt.Fprintf(&b, "%s,%s\n", time.Unix(int64(times[i]), 0).UTC().Format(time.RFC3339), strconv.FormatFloat(temps[i], 'g', -1, 64))
	}
	b.WriteString("*END_DATA*\n")
	return b.String()
}

const noDataBody = "Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n"

// chunkServer filters a fixed series by the request's time constraints, as
// ERDDAP would, and answers 404 for an empty result. fail, when non-empty,
// makes requests whose lower time bound has that text fail with a 500.
func chunkServer(t *testing.T, times, temps []float64, fail string) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		q, err := url.PathUnescape(r.URL.RawQuery)
		if err != nil {
			t.Error(err)
		}
		if fail != "" && strings.Contains(q, fail) {
			w.WriteHeader(500)
			fmt.Fprint(w, "Error {\n    code=500;\n    message=\"Internal Server Error: boom\";\n}\n")
			return
		}
		var cons []Constraint
		for _, part := range strings.Split(q, "&")[1:] {
			for _, op := range []string{">=", "<=", ">", "<"} {
				if v, x, ok := strings.Cut(part, op); ok && v == "time" {
					f, _ := strconv.ParseFloat(x, 64)
					cons = append(cons, Constraint{"time", op, f})
					break
				}
			}
		}
		var ti, te []float64
		for i, x := range times {
			ok := true
			for _, c := range cons {
				ok = ok && match(c, x)
			}
			if ok {
				ti, te = append(ti, x), append(te, temps[i])
			}
		}
		if len(ti) == 0 {
			w.WriteHeader(404)
			fmt.Fprint(w, noDataBody)
			return
		}
		fmt.Fprint(w, nccsvBody(ti, te))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestTableChunked(t *testing.T) {
	// One row every 10 days for a year, none in days 100-200 (empty chunks).
	var times, temps []float64
	for d := 0; d <= 360; d += 10 {
		if d > 100 && d < 200 {
			continue
		}
		times = append(times, float64(1577836800+d*86400))
		temps = append(temps, float64(d)/10)
	}
	srv, n := chunkServer(t, times, temps, "")
	c := mustClient(t, srv.URL+"/erddap", WithConcurrency(3))
	q := NewTableQuery("ds").Select("time", "temp").Where("time", ">=", 1577836800.0).Where("time", "<=", float64(1577836800+360*86400))
	tb, err := c.TableChunked(context.Background(), q, ChunkOptions{Time: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if int(n.Load()) != 12 {
		t.Errorf("%d requests, want 12 chunks (360 days / 30)", n.Load())
	}
	got := tb.Float64s("time")
	if len(got) != len(times) {
		t.Fatalf("%d rows, want %d", len(got), len(times))
	}
	for i := range times {
		if got[i] != times[i] || tb.Float64s("temp")[i] != temps[i] {
			t.Fatalf("row %d: %v %v, want %v %v (rows not merged in chunk order)", i, got[i], tb.Float64s("temp")[i], times[i], temps[i])
		}
	}

	// Every chunk empty: ErrNoData.
	q2 := NewTableQuery("ds").Where("time", ">=", 0.0).Where("time", "<", 86400.0*10)
	if _, err := c.TableChunked(context.Background(), q2, ChunkOptions{Time: 24 * time.Hour}); !errors.Is(err, ErrNoData) {
		t.Errorf("all empty: err = %v, want ErrNoData", err)
	}

	// One failing chunk fails the whole call.
	failSrv, _ := chunkServer(t, times, temps, "time>="+formatNumber(float64(1577836800+90*86400)))
	cf := mustClient(t, failSrv.URL+"/erddap", WithRetries(0, 0))
	_, err = cf.TableChunked(context.Background(), q, ChunkOptions{Time: 30 * 24 * time.Hour})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 500 || !strings.Contains(err.Error(), "chunk 4 of 12") {
		t.Errorf("failing chunk: err = %v", err)
	}
	if _, err := c.TableChunked(context.Background(), NewTableQuery("ds"), ChunkOptions{Time: time.Hour}); err == nil {
		t.Error("unbounded query: no error")
	}
}

func TestAppendTablesKinds(t *testing.T) {
	a := &Table{Columns: []*Column{{Name: "x", Kind: Int64, Int64s: []int64{1, 2}, Missing: []bool{false, true}}}}
	b := &Table{Columns: []*Column{{Name: "x", Kind: Float64, Float64s: []float64{2.5}}}}
	if err := appendTables(a, b); err != nil {
		t.Fatal(err)
	}
	got := a.Float64s("x")
	if len(got) != 3 || got[0] != 1 || !math.IsNaN(got[1]) || got[2] != 2.5 {
		t.Errorf("widened column %v", got)
	}
	c := &Table{Columns: []*Column{{Name: "x", Kind: String, Strings: []string{"a"}}}}
	if err := appendTables(a, c); err == nil {
		t.Error("string into float: no error")
	}
	d := &Table{Columns: []*Column{{Name: "y", Kind: Float64, Float64s: []float64{1}}}}
	if err := appendTables(a, d); err == nil {
		t.Error("different columns: no error")
	}
	e := &Table{Columns: []*Column{{Name: "x", Kind: Float64, Float64s: []float64{7}}}}
	f := &Table{Columns: []*Column{{Name: "x", Kind: Float64, Float64s: []float64{8}}}}
	if err := appendTables(e, f); err != nil || len(e.Columns[0].Float64s) != 2 || e.Columns[0].Missing != nil {
		t.Errorf("same kind: %v %+v", err, e.Columns[0])
	}
}

func TestAppendTablesAllKinds(t *testing.T) {
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(s string, u uint64, tm time.Time, i int64, miss bool) *Table {
		var m []bool
		if miss {
			m = []bool{true}
		}
		return &Table{Columns: []*Column{
			{Name: "s", Kind: String, Strings: []string{s}},
			{Name: "u", Kind: Uint64, Uint64s: []uint64{u}},
			{Name: "t", Kind: Time, Times: []time.Time{tm}},
			{Name: "i", Kind: Int64, Int64s: []int64{i}, Missing: m},
		}}
	}
	a := mk("a", 1, t0, 5, false)
	if err := appendTables(a, mk("b", 18446744073709551615, t0.Add(time.Hour), 0, true)); err != nil {
		t.Fatal(err)
	}
	if a.Len() != 2 || a.Strings("s")[1] != "b" || a.Columns[1].Uint64s[1] != 18446744073709551615 ||
		!a.Times("t")[1].Equal(t0.Add(time.Hour)) {
		t.Errorf("appended %+v", a.Columns)
	}
	if m := a.Columns[3].Missing; len(m) != 2 || m[0] || !m[1] {
		t.Errorf("missing mask %v, want [false true]", m)
	}
}
