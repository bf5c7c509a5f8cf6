package argo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/insitu-go/insitu/erddap"
	"github.com/insitu-go/insitu/geo"
	"github.com/insitu-go/insitu/internal/testutil"
)

// recorded is one response argopy recorded from the Ifremer ERDDAP, with the
// request URL its MANIFEST gives.
type recorded struct {
	file   string // path under realdata
	url    string
	status int
	cons   []string // canonical constraints (see canonical)
}

// manifestURL finds the request URL of a recorded file in a MANIFEST:
// either a "### `file`" section with a "- request URL: `...`" line (erddap)
// or a table row ending "recorded from `...`" (argo).
func manifestURL(t *testing.T, manifest, name string) string {
	t.Helper()
	f, err := os.Open(manifest)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	inSection := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "### ") {
			inSection = strings.HasSuffix(line, "/"+name+"`") || line == "### `"+name+"`"
		}
		if inSection && strings.HasPrefix(line, "- request URL: `") {
			return strings.TrimSuffix(strings.TrimPrefix(line, "- request URL: `"), "`")
		}
		if strings.HasPrefix(line, "| `") && strings.Contains(line, name+"`") {
			if i := strings.LastIndex(line, "recorded from `"); i >= 0 {
				u := line[i+len("recorded from `"):]
				return u[:strings.IndexByte(u, '`')]
			}
		}
	}
	t.Fatalf("%s: no request URL for %s", manifest, name)
	return ""
}

var isoTimeRE = regexp.MustCompile(`^(time[<>=!]+)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$`)
var numberRE = regexp.MustCompile(`^([a-z_]+(?:>=|<=|!=|=|<|>))(-?[0-9.]+)$`)

// canonical reduces a tabledap URL to its dataset, variables and sorted
// constraints, percent-decoded, with times as epoch seconds and numbers in
// one spelling, so that argopy's URLs and this package's compare. The one
// difference of meaning is the time upper bound: argopy sends time<=end,
// this library's bound rule is time<end; canonical writes both as time<.
func canonical(t *testing.T, raw string) (dataset string, vars string, cons []string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	dataset = strings.TrimSuffix(u.Path[strings.LastIndexByte(u.Path, '/')+1:], ".nc")
	q := u.RawQuery
	if q == "" {
		q = u.Opaque
	}
	parts := strings.Split(q, "&")
	for i, p := range parts {
		d, err := url.PathUnescape(p)
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		if i == 0 {
			vars = d
			continue
		}
		if m := isoTimeRE.FindStringSubmatch(d); m != nil {
			tm, _ := time.Parse(time.RFC3339, m[2])
			d = m[1] + strconv.FormatInt(tm.Unix(), 10)
		}
		if m := numberRE.FindStringSubmatch(d); m != nil {
			x, _ := strconv.ParseFloat(m[2], 64)
			d = m[1] + strconv.FormatFloat(x, 'g', -1, 64)
		}
		d = strings.Replace(d, "time<=", "time<", 1)
		cons = append(cons, d)
	}
	slices.Sort(cons)
	return dataset, vars, cons
}

// replayServer answers tabledap requests with the recorded response whose
// canonical request equals the request's, and logs the requests.
type replayServer struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	records  []recorded
	requests []string
}

func newReplayServer(t *testing.T) *replayServer {
	rs := &replayServer{t: t}
	erddapManifest := testutil.RealData(t, "erddap", "MANIFEST.md")
	argoManifest := testutil.RealData(t, "argo", "MANIFEST.md")
	for _, r := range []struct {
		dir, name string
		status    int
	}{
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats__wmo6902746_cyc34.nc", 200},
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats__wmo6902746_cyc1or12.nc", 200},
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats__box_2007-08.nc", 200},
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats__box_nomatch__404.nc", 404},
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats-synthetic-BGC__wmo5903248_cyc34.nc", 200},
		{"erddap/euroargodev__argopy", "tabledap__ArgoFloats-reference__box_2018.nc", 200},
		{"argo/euroargodev__argopy", "43dc6a8aade0b2e3268c9e32abc0c1fa48d7eb49cd4d4a74f3e56e1684ef551c.nc", 200},
		{"argo/euroargodev__argopy", "82b404fc7f3f202508b28acf7615a85214f3bf35719985453a039a071a33d15d.nc", 200},
	} {
		manifest := erddapManifest
		if strings.HasPrefix(r.dir, "argo/") {
			manifest = argoManifest
		}
		u := manifestURL(t, manifest, r.name)
		ds, vars, cons := canonical(t, u)
		rs.records = append(rs.records, recorded{file: testutil.RealData(t, r.dir, r.name), url: u, status: r.status,
			cons: append([]string{"dataset " + ds, "vars " + vars}, cons...)})
	}
	rs.srv = httptest.NewServer(http.HandlerFunc(rs.serve))
	t.Cleanup(rs.srv.Close)
	return rs
}

func (rs *replayServer) serve(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.String()
	rs.mu.Lock()
	rs.requests = append(rs.requests, raw)
	rs.mu.Unlock()
	ds, vars, cons := canonical(rs.t, raw)
	key := append([]string{"dataset " + ds, "vars " + vars}, cons...)
	for _, rec := range rs.records {
		if slices.Equal(rec.cons, key) {
			body, err := os.ReadFile(rec.file)
			if err != nil {
				rs.t.Error(err)
			}
			if rec.status == 200 {
				w.Header().Set("Content-Type", "application/x-netcdf")
			} else {
				w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
			}
			w.WriteHeader(rec.status)
			w.Write(body)
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	w.WriteHeader(http.StatusBadRequest)
	w.Write([]byte("Error {\n    code=400;\n    message=\"Bad Request: the test server has no recording for this request\";\n}\n"))
	rs.t.Errorf("no recording for %s\ncanonical %q", raw, key)
}

func (rs *replayServer) source(t *testing.T, opts ...ERDDAPOption) *ERDDAP {
	c, err := erddap.NewClient(rs.srv.URL+"/erddap", erddap.WithHTTPClient(rs.srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewERDDAP(c, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func collect(t *testing.T, seq func(func(*Profile, error) bool)) ([]*Profile, []error) {
	t.Helper()
	var ps []*Profile
	var errs []error
	for p, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ps = append(ps, p)
	}
	return ps, errs
}

var _ Source = (*ERDDAP)(nil)
var _ Source = (*GDAC)(nil)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The requests argopy recorded, sent by this source for the same selections,
// answered by the recorded responses, give the profiles DecodeERDDAP reads.
func TestERDDAPSourceArgopyRequests(t *testing.T) {
	rs := newReplayServer(t)
	ctx := context.Background()
	cases := []struct {
		name   string
		opts   []ERDDAPOption
		q      Query
		ids    []string
		levels int // total levels after the user mode
	}{
		{"float and cycle, expert", nil, Query{Platforms: []string{"6902746"}, Cycles: []int{34}, Mode: Expert},
			[]string{"6902746_034"}, 109},
		{"float and cycle, standard", nil, Query{Platforms: []string{"6902746"}, Cycles: []int{34}},
			[]string{"6902746_034"}, 109}, // all D, all flags 1 (ncdump)
		{"box and period, standard", nil, Query{Region: geo.Box(-57.5, 40, -55, 42.5), PresMin: 0, PresMax: 20,
			Start: date("2007-08-01"), End: date("2007-09-01")}, []string{"4900782_037"}, 4}, // 4900590's psal_adjusted_qc are 4
		{"two cycles", nil, Query{Platforms: []string{"6902746"}, Cycles: []int{1, 12}, Mode: Expert},
			[]string{"6902746_001D", "6902746_001", "6902746_012"}, 47 + 109 + 108},
		{"box and period", nil, Query{Region: geo.Box(-57.5, 40, -55, 42.5), PresMin: 0, PresMax: 20,
			Start: date("2007-08-01"), End: date("2007-09-01"), Mode: Expert}, []string{"4900590_097", "4900782_037"}, 8},
		{"box, no match", nil, Query{Region: geo.Box(-60, 42.5, -57.5, 45), PresMin: 0, PresMax: 20,
			Start: date("2007-08-01"), End: date("2007-09-01")}, nil, 0},
		{"box, research", nil, Query{Region: geo.Box(-57.5, 40, -55, 42.5), PresMin: 0, PresMax: 20,
			Start: date("2007-08-01"), End: date("2007-09-01"), Mode: Research}, []string{"4900782_037"}, 4},
		{"reference", []ERDDAPOption{WithERDDAPDataset(DatasetRef)}, Query{Region: geo.Box(-25, 36, -10, 40), PresMin: 0, PresMax: 10,
			Start: date("2018-01-01"), End: date("2019-01-01")}, nil, 227}, // 227 rows, 104 platform/cycle pairs (ncdump)
		{"BGC float, expert", []ERDDAPOption{WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY")},
			Query{Platforms: []string{"5903248"}, Cycles: []int{34}, Mode: Expert}, []string{"5903248_034"}, 70},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rs.source(t, c.opts...)
			ps, errs := collect(t, s.Profiles(ctx, c.q))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if c.ids != nil {
				var got []string
				for _, p := range ps {
					got = append(got, p.ID())
				}
				if !slices.Equal(got, c.ids) {
					t.Errorf("profiles %v, want %v", got, c.ids)
				}
			}
			total := 0
			for _, p := range ps {
				total += p.Levels()
			}
			if c.levels >= 0 && total != c.levels {
				t.Errorf("%d levels, want %d", total, c.levels)
			}
			t.Logf("%d profiles, %d levels", len(ps), total)
		})
	}
}

// For float and cycle selections this source sends argopy's request byte for
// byte (once percent-decoded); the encoded form is the erddap package's.
func TestERDDAPSourceExactURLs(t *testing.T) {
	c, err := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	if err != nil {
		t.Fatal(err)
	}
	erddapManifest := testutil.RealData(t, "erddap", "MANIFEST.md")
	cases := []struct {
		name string
		opts []ERDDAPOption
		q    Query
		file string
	}{
		{"phy", nil, Query{Platforms: []string{"6902746"}, Cycles: []int{34}}, "tabledap__ArgoFloats__wmo6902746_cyc34.nc"},
		{"phy two cycles", nil, Query{Platforms: []string{"6902746"}, Cycles: []int{1, 12}}, "tabledap__ArgoFloats__wmo6902746_cyc1or12.nc"},
		{"bgc", []ERDDAPOption{WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY")},
			Query{Platforms: []string{"5903248"}, Cycles: []int{34}, Mode: Expert}, "tabledap__ArgoFloats-synthetic-BGC__wmo5903248_cyc34.nc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewERDDAP(c, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			qs, err := s.Queries(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(qs) != 1 {
				t.Fatalf("%d queries, want 1", len(qs))
			}
			got, err := url.PathUnescape(c.TableURL(qs[0], ".nc"))
			if err != nil {
				t.Fatal(err)
			}
			if want := manifestURL(t, erddapManifest, tc.file); got != want {
				t.Errorf("URL\n got %s\nwant %s", got, want)
			}
		})
	}
	s, _ := NewERDDAP(c)
	qs, err := s.Queries(context.Background(), Query{Platforms: []string{"6902746", "6902747"}, Cycles: []int{34},
		Region: geo.Box(-60, 40, -50, 45), Start: date("2020-01-01"), End: date("2020-02-01"), PresMax: 100})
	if err != nil {
		t.Fatal(err)
	}
	const want = "https://erddap.ifremer.fr/erddap/tabledap/ArgoFloats.nc?config_mission_number,cycle_number,data_mode,direction,latitude,longitude,platform_number,position_qc,pres,pres_adjusted,pres_adjusted_error,pres_adjusted_qc,pres_qc,psal,psal_adjusted,psal_adjusted_error,psal_adjusted_qc,psal_qc,temp,temp_adjusted,temp_adjusted_error,temp_adjusted_qc,temp_qc,time,time_qc,vertical_sampling_scheme" +
		"&longitude%3E%3D-60.0&longitude%3C%3D-50.0&latitude%3E%3D40.0&latitude%3C%3D45.0&pres%3E%3D0.0&pres%3C%3D100.0" +
		"&time%3E%3D2020-01-01T00:00:00Z&time%3C2020-02-01T00:00:00Z&platform_number%3D~%226902746%7C6902747%22&cycle_number%3D~%2234%22" +
		"&latitude!%3DNaN&longitude!%3DNaN&distinct()&orderBy(%22time,pres%22)"
	if len(qs) != 1 || c.TableURL(qs[0], ".nc") != want {
		t.Errorf("box query URL\n got %v\nwant %s", c.TableURL(qs[0], ".nc"), want)
	}
}

// queryConstraints lists the constraints of each query on vars.
func queryConstraints(qs []*erddap.TableQuery, vars ...string) [][]string {
	var out [][]string
	for _, q := range qs {
		var cs []string
		for _, c := range q.Constraints() {
			if slices.Contains(vars, c.Var) {
				cs = append(cs, fmt.Sprintf("%s%s%v", c.Var, c.Op, c.Value))
			}
		}
		out = append(out, cs)
	}
	return out
}

func TestERDDAPSourceSplits(t *testing.T) {
	c, _ := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	ctx := context.Background()
	t.Run("antimeridian", func(t *testing.T) {
		s, _ := NewERDDAP(c)
		qs, err := s.Queries(ctx, Query{Region: geo.Box(170, -10, -170, 10)})
		if err != nil {
			t.Fatal(err)
		}
		got := queryConstraints(qs, "longitude")
		want := [][]string{{"longitude>=170", "longitude<=180", "longitude!=NaN"}, {"longitude>=-180", "longitude<=-170", "longitude!=NaN"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("chunks", func(t *testing.T) {
		s, err := NewERDDAP(c, WithERDDAPChunks(5, 5, 10*24*time.Hour), WithERDDAPFloatsPerRequest(2))
		if err != nil {
			t.Fatal(err)
		}
		qs, err := s.Queries(ctx, Query{Region: geo.Box(-10, 40, 0, 45), Start: date("2020-01-01"), End: date("2020-01-15"),
			Platforms: []string{"1", "2", "3"}})
		if err != nil {
			t.Fatal(err)
		}
		// 2 float groups x 2 boxes x 2 windows, floats outermost, time innermost.
		if len(qs) != 8 {
			t.Fatalf("%d queries, want 8", len(qs))
		}
		got := queryConstraints(qs[:4], "longitude", "time", "platform_number")
		t1, t2, t3 := date("2020-01-01"), date("2020-01-11"), date("2020-01-15")
		want := [][]string{
			{"longitude>=-10", "longitude<=-5", fmt.Sprint("time>=", t1), fmt.Sprint("time<", t2), "platform_number=~1|2", "longitude!=NaN"},
			{"longitude>=-10", "longitude<=-5", fmt.Sprint("time>=", t2), fmt.Sprint("time<", t3), "platform_number=~1|2", "longitude!=NaN"},
			{"longitude>=-5", "longitude<=0", fmt.Sprint("time>=", t1), fmt.Sprint("time<", t2), "platform_number=~1|2", "longitude!=NaN"},
			{"longitude>=-5", "longitude<=0", fmt.Sprint("time>=", t2), fmt.Sprint("time<", t3), "platform_number=~1|2", "longitude!=NaN"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got\n%v\nwant\n%v", got, want)
		}
		if g := queryConstraints(qs[4:5], "platform_number"); !reflect.DeepEqual(g, [][]string{{"platform_number=~3"}}) {
			t.Errorf("second float group %v", g)
		}
	})
}

// Sub-boxes that share an edge can return the same profile: it is yielded once.
func TestERDDAPSourceChunksDedupe(t *testing.T) {
	body, err := os.ReadFile(testutil.RealData(t, "erddap/euroargodev__argopy", "tabledap__ArgoFloats__box_2007-08.nc"))
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Write(body) // every sub-box answers with the whole box
	}))
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	s, err := NewERDDAP(c, WithERDDAPChunks(1.25, 1.25, 0))
	if err != nil {
		t.Fatal(err)
	}
	ps, errs := collect(t, s.Profiles(context.Background(), Query{Region: geo.Box(-57.5, 40, -55, 42.5), PresMax: 20,
		Start: date("2007-08-01"), End: date("2007-09-01"), Mode: Expert}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID())
	}
	if want := []string{"4900590_097", "4900782_037"}; !slices.Equal(ids, want) || n.Load() != 4 {
		t.Errorf("%d requests gave %v, want 4 requests giving %v", n.Load(), ids, want)
	}
}

// syntheticIndex is a one-row synthetic profile index for the recorded BGC
// profile 5903248 cycle 34 (position and time from the recorded response).
func syntheticIndex(t *testing.T, file, modes string) *Index {
	t.Helper()
	const head = "# Title : Synthetic-Profile directory file of the Argo Global Data Assembly Center\n" +
		"# Format version : 2.2\n# Date of update : 20230427112417\n" +
		"file,date,latitude,longitude,ocean,profiler_type,institution,parameters,parameter_data_mode,date_update\n"
	ix, err := ReadIndex(strings.NewReader(head +
		"aoml/5903248/profiles/" + file + ".nc,20110119070416,-57.153,161.893,P,846,AO,PRES TEMP PSAL DOXY," + modes + ",20230101000000\n"))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// The synthetic dataset has no data modes: they come from the synthetic
// index, or Standard and Research modes are refused.
func TestERDDAPSourceBGCModes(t *testing.T) {
	rs := newReplayServer(t)
	ctx := context.Background()
	q := Query{Platforms: []string{"5903248"}, Cycles: []int{34}}

	s := rs.source(t, WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY"))
	ps, errs := collect(t, s.Profiles(ctx, q))
	if len(ps) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrNoParamModes) {
		t.Errorf("standard mode without index: %d profiles, errors %v; want ErrNoParamModes", len(ps), errs)
	}
	if n := len(rs.requests); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}

	s = rs.source(t, WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY"), WithERDDAPIndex(syntheticIndex(t, "SD5903248_034", "DDDA")))
	ps, errs = collect(t, s.Profiles(ctx, q))
	if len(errs) > 0 || len(ps) != 1 {
		t.Fatalf("standard mode with index: %d profiles, errors %v", len(ps), errs)
	}
	p := ps[0]
	for name, want := range map[string]Mode{"PRES": Delayed, "TEMP": Delayed, "PSAL": Delayed, "DOXY": Adjusted} {
		if got := p.Param(name).Mode; got != want {
			t.Errorf("%s mode %v, want %v", name, got, want)
		}
	}
	if p.DataMode != Delayed || p.Levels() != 70 {
		t.Errorf("data mode %v with %d levels, want D with 70 (all adjusted flags 1)", p.DataMode, p.Levels())
	}
	// DOXY raw flags are all 3: the adjusted values are the ones kept.
	if d := p.Param("DOXY"); d == nil || len(d.Adjusted) != 70 || math.IsNaN(d.Adjusted[0]) {
		t.Errorf("DOXY adjusted values missing: %+v", d)
	}

	for _, c := range []struct {
		modes map[string][]Mode
		want  int
	}{
		{map[string][]Mode{"DOXY": {Delayed}}, 0},
		{map[string][]Mode{"DOXY": {Adjusted, Delayed}, "PSAL": {Delayed}}, 1},
	} {
		q := q
		q.ParamModes = c.modes
		ps, errs := collect(t, s.Profiles(ctx, q))
		if len(errs) > 0 || len(ps) != c.want {
			t.Errorf("ParamModes %v: %d profiles (errors %v), want %d", c.modes, len(ps), errs, c.want)
		}
	}

	// Research mode: argopy's research request (adjusted variables only,
	// core adjusted values not NaN), answered by its recorded response.
	ix, err := ReadIndex(strings.NewReader("# Title : Synthetic-Profile directory file of the Argo Global Data Assembly Center\n" +
		"file,date,latitude,longitude,ocean,profiler_type,institution,parameters,parameter_data_mode,date_update\n" +
		"coriolis/6903083/profiles/SD6903083_045.nc,20220904160900,55.603,-54.409,A,834,IF,PRES TEMP PSAL DOXY,DDDD,20230101000000\n"))
	if err != nil {
		t.Fatal(err)
	}
	s = rs.source(t, WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY"), WithERDDAPIndex(ix))
	ps, errs = collect(t, s.Profiles(ctx, Query{Region: geo.Box(-55, 55, -53, 57), PresMin: 0, PresMax: 10,
		Start: time.Unix(1658724480, 0), End: time.Unix(1666085760, 0), Mode: Research}))
	// The response holds 6903083 cycle 45 at 2 levels whose PSAL_ADJUSTED_QC
	// are both 4 (ncdump): research mode keeps none of them.
	if len(errs) > 0 || len(ps) != 0 {
		t.Errorf("research mode: %d profiles, errors %v; want none", len(ps), errs)
	}

	// An index without the profile: kept in Expert mode, with a warning
	// and unknown modes.
	s = rs.source(t, WithERDDAPDataset(DatasetBGC), WithERDDAPParams("DOXY"), WithERDDAPIndex(syntheticIndex(t, "SD5903248_035", "DDDA")))
	ps, errs = collect(t, s.Profiles(ctx, Query{Platforms: []string{"5903248"}, Cycles: []int{34}, Mode: Expert}))
	if len(errs) > 0 || len(ps) != 1 {
		t.Fatalf("expert mode, profile not in the index: %d profiles, errors %v", len(ps), errs)
	}
	if p := ps[0]; p.DataMode != ModeUnknown || p.Param("DOXY").Mode != ModeUnknown ||
		!slices.ContainsFunc(p.Warnings, func(w string) bool { return strings.Contains(w, "no synthetic index entry") }) {
		t.Errorf("profile not in the index: data mode %v, DOXY mode %v, warnings %q", p.DataMode, p.Param("DOXY").Mode, p.Warnings)
	}
}

func TestERDDAPSourceErrors(t *testing.T) {
	ctx := context.Background()
	c, _ := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	for _, tc := range []struct {
		name string
		opts []ERDDAPOption
		q    Query
	}{
		{"DACs", nil, Query{DACs: []string{"coriolis"}}},
		{"BGC institutions", []ERDDAPOption{WithERDDAPDataset(DatasetBGC)}, Query{Institutions: []string{"IF"}, Mode: Expert}},
		{"ref profiler types", []ERDDAPOption{WithERDDAPDataset(DatasetRef)}, Query{ProfilerTypes: []int{846}}},
	} {
		s, err := NewERDDAP(c, tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Queries(ctx, tc.q); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: err %v, want ErrUnsupported", tc.name, err)
		}
	}
	if _, err := NewERDDAP(c, WithERDDAPDataset(DatasetBio)); !errors.Is(err, ErrUnsupported) {
		t.Errorf("B files: err %v, want ErrUnsupported", err)
	}
	if _, err := NewERDDAP(c, WithERDDAPIndex(syntheticIndex(t, "SD5903248_034", "DDDA")), WithERDDAPFloatsPerRequest(0)); err == nil {
		t.Error("0 floats per request accepted")
	}
	if _, err := NewERDDAP(nil); err == nil {
		t.Error("nil client accepted")
	}

	// A failed request is a *FetchError naming its URL, wrapping the
	// server's *erddap.Error; the next request still gives its profiles.
	tooLarge, err := os.ReadFile(testutil.RealData(t, "erddap/euroargodev__argopy", "tabledap__ArgoFloats-synthetic-BGC__413_payload_too_large.ncHeader"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(testutil.RealData(t, "erddap/euroargodev__argopy", "tabledap__ArgoFloats__wmo6902746_cyc34.nc"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.RawQuery, "6902746") {
			w.Write(good)
			return
		}
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		w.Write(tooLarge)
	}))
	defer srv.Close()
	ec, _ := erddap.NewClient(srv.URL + "/erddap")
	s, err := NewERDDAP(ec, WithERDDAPFloatsPerRequest(1))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for p, err := range s.Profiles(ctx, Query{Platforms: []string{"1900001", "6902746"}, Mode: Expert}) {
		if err != nil {
			var fe *FetchError
			var ee *erddap.Error
			if !errors.As(err, &fe) || !errors.As(err, &ee) || ee.StatusCode != 413 || !strings.Contains(fe.File, "1900001") {
				t.Errorf("error %v, want a *FetchError for 1900001 wrapping an HTTP 413 *erddap.Error", err)
			}
			got = append(got, "error")
			continue
		}
		got = append(got, p.ID())
	}
	if want := []string{"error", "6902746_034"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}

	// A cancelled context ends the sequence with the context's error.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	n := 0
	for _, err := range s.Profiles(cctx, Query{Platforms: []string{"6902746"}, Mode: Expert}) {
		n++
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled: err %v", err)
		}
	}
	if n != 1 {
		t.Errorf("cancelled: %d yields, want 1", n)
	}
}

// Without WithERDDAPParams or Query.Params, the synthetic dataset's
// parameters are read once from its info (the recorded Ifremer answer:
// 27 BGC parameters besides PRES, TEMP and PSAL, counted with a script).
func TestERDDAPSourceAllParams(t *testing.T) {
	info, err := os.ReadFile(testutil.RealData(t, "erddap/euroargodev__argopy", "info__ArgoFloats-synthetic-BGC__index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/erddap/info/ArgoFloats-synthetic-BGC/index.json" {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Write(info)
	}))
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	s, err := NewERDDAP(c, WithERDDAPDataset(DatasetBGC))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second call reuses the info
		qs, err := s.Queries(context.Background(), Query{Platforms: []string{"5903248"}, Mode: Expert})
		if err != nil {
			t.Fatal(err)
		}
		vars := qs[0].Variables()
		if len(vars) != 9+30*5 || !slices.IsSorted(vars) {
			t.Errorf("%d variables (sorted: %v), want 159 sorted", len(vars), slices.IsSorted(vars))
		}
		for _, v := range []string{"bbp700_2", "ph_in_situ_total_adjusted_qc", "down_irradiance380_adjusted_error", "doxy3_qc", "time_qc"} {
			if !slices.Contains(vars, v) {
				t.Errorf("%s not requested", v)
			}
		}
	}
	if h := hits.Load(); h != 1 {
		t.Errorf("info fetched %d times, want 1", h)
	}
	// Query.Params, when given, replace the info's list.
	qs, err := s.Queries(context.Background(), Query{Platforms: []string{"5903248"}, Params: []string{"CHLA"}, Mode: Expert})
	if err != nil {
		t.Fatal(err)
	}
	if vars := qs[0].Variables(); len(vars) != 9+4*5 || !slices.Contains(vars, "chla_adjusted") {
		t.Errorf("with Params: %v", vars)
	}
}

// serveFile answers every request with one file and logs the requests.
func serveFile(t *testing.T, path string) (*httptest.Server, *[]string) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var reqs []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reqs = append(reqs, r.URL.RequestURI())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-netcdf")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, &reqs
}

// The generated ERDDAP table of the mini GDAC (testdata/erddap) read through
// the ERDDAP source gives, for a region and every user mode, the same
// profiles and values as the GDAC source gives from the files (primary
// profiles: the table has no others). The server answers every request
// with the whole table; the source keeps what lies in the region.
func TestERDDAPSourceMatchesGDAC(t *testing.T) {
	srv, reqs := serveFile(t, "../testdata/erddap/ArgoFloats.nc")
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	src, err := NewERDDAP(c)
	if err != nil {
		t.Fatal(err)
	}
	gdac, err := NewGDAC("../testdata/gdac")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, mode := range []UserMode{Expert, Standard, Research} {
		for _, region := range []geo.Region{geo.Box(-12, 44, -2, 50), geo.Box(-180, -90, 180, 90)} {
			q := Query{Region: region, Mode: mode}
			want, errs := collect(t, gdac.Profiles(ctx, q))
			for _, err := range errs {
				if !errors.Is(err, ErrNotFound) { // the index's quirk rows name absent files
					t.Fatal(err)
				}
			}
			want = slices.DeleteFunc(want, func(p *Profile) bool { return !p.Primary() })
			got, errs := collect(t, src.Profiles(ctx, q))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			key := func(p *Profile) string { return p.ID() }
			slices.SortFunc(want, func(a, b *Profile) int { return strings.Compare(key(a), key(b)) })
			slices.SortFunc(got, func(a, b *Profile) int { return strings.Compare(key(a), key(b)) })
			if len(got) != len(want) || len(want) == 0 {
				ids := func(ps []*Profile) (out []string) {
					for _, p := range ps {
						out = append(out, fmt.Sprintf("%s/%v/%d", p.ID(), p.DataMode, p.Levels()))
					}
					return out
				}
				t.Fatalf("%v %v: ERDDAP gives %v, the GDAC %v", mode, region.Bound(), ids(got), ids(want))
			}
			for i, w := range want {
				g := got[i]
				if g.ID() != w.ID() || g.DataMode != w.DataMode || !g.Time.Equal(w.Time) || g.Lat != w.Lat || g.Lon != w.Lon || g.Levels() != w.Levels() {
					t.Errorf("%v: ERDDAP %s %v %v %v,%v %d levels; GDAC %s %v %v %v,%v %d levels", mode,
						g.ID(), g.DataMode, g.Time, g.Lat, g.Lon, g.Levels(), w.ID(), w.DataMode, w.Time, w.Lat, w.Lon, w.Levels())
					continue
				}
				for _, name := range coreParams {
					if g.Param(name) == nil || w.Param(name) == nil {
						// A TEMP-only float has no PSAL in its files, and
						// DecodeERDDAP leaves out the table's empty psal.
						if g.Param(name) != nil || w.Param(name) != nil {
							t.Errorf("%v %s: %s in one source only (ERDDAP %v, GDAC %v)", mode, g.ID(), name, g.Param(name) != nil, w.Param(name) != nil)
						}
						continue
					}
					gv, gq, ge := g.Param(name).Best()
					wv, wq, we := w.Param(name).Best()
					if !sameFloats(gv, wv) || !slices.Equal(gq, wq) || !sameFloats(ge, we) {
						t.Errorf("%v %s %s: ERDDAP %v %v %v, GDAC %v %v %v", mode, g.ID(), name, gv, gq, ge, wv, wq, we)
					}
				}
			}
		}
	}
	if len(*reqs) != 6 {
		t.Errorf("%d requests, want one per query", len(*reqs))
	}
}

// indexNCCSV writes the rows of a core profile index file as the
// ArgoFloats-index dataset answers them in .nccsv: typed columns, ISO
// dates, profiler types as integers, empty cells for missing values.
func indexNCCSV(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("*GLOBAL*,Conventions,\"COARDS, CF-1.6, ACDD-1.3, NCCSV-1.1\"\n*GLOBAL*,title,Argo profile index (synthetic test rows)\n")
	for _, c := range []struct{ name, typ string }{{"file", "String"}, {"date", "String"}, {"latitude", "double"}, {"longitude", "double"},
		{"ocean", "String"}, {"profiler_type", "int"}, {"institution", "String"}, {"date_update", "String"}} {
		fmt.Fprintf(&b, "%s,*DATA_TYPE*,%s\n", c.name, c.typ)
		if c.name == "date" || c.name == "date_update" {
			fmt.Fprintf(&b, "%s,units,yyyy-MM-dd'T'HH:mm:ssZ\n", c.name)
		}
	}
	b.WriteString("\n*END_METADATA*\nfile,date,latitude,longitude,ocean,profiler_type,institution,date_update\n")
	iso := func(s string) string {
		if s == "" {
			return ""
		}
		tm, err := time.Parse("20060102150405", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Format(time.RFC3339)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "file,") {
			continue
		}
		f := strings.Split(line, ",")
		if f[5] != "" {
			n, err := strconv.Atoi(f[5])
			if err != nil {
				t.Fatal(err)
			}
			f[5] = strconv.Itoa(n) // "0851" is 851 in an int column
		}
		f[1], f[7] = iso(f[1]), iso(f[7])
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	b.WriteString("*END_DATA*\n")
	return []byte(b.String())
}

// The index from ERDDAP searches like the index file it copies: the mini
// GDAC's core index (quirk rows included), served as ArgoFloats-index rows,
// gives the same entries for every query as the file does.
func TestERDDAPSourceIndex(t *testing.T) {
	body := indexNCCSV(t, "../testdata/gdac/ar_index_global_prof.txt")
	var requests []string
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, _ := url.QueryUnescape(r.URL.RawQuery)
		requests = append(requests, r.URL.Path+"?"+q)
		if status != http.StatusOK {
			w.WriteHeader(status)
			fmt.Fprintf(w, "Error {\n    code=%d;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n", status)
			return
		}
		w.Header().Set("Content-Type", "text/csv;charset=ISO-8859-1")
		w.Write(body) // every row: the test then checks Search(q) on the result
	}))
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	s, err := NewERDDAP(c)
	if err != nil {
		t.Fatal(err)
	}
	file, err := OpenIndex("../testdata/gdac/ar_index_global_prof.txt")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []Query{
		{},
		{Region: geo.Box(-12, 44, -2, 50), Start: date("2021-01-01"), End: date("2022-01-01")},
		{Region: geo.Box(170, -60, -150, 0)},
		{Platforms: []string{"6999001", "6999002"}, Cycles: []int{1}},
		{DACs: []string{"aoml"}, Direction: Ascending},
	} {
		requests = nil
		ix, err := s.Index(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, want := ix.Search(q), file.Search(q)
		if len(got) != len(want) || len(want) == 0 {
			t.Fatalf("query %+v: %d entries from ERDDAP, %d from the file", q, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			g.Row, w.Row = 0, 0
			if !reflect.DeepEqual(nanless(g), nanless(w)) {
				t.Errorf("query %+v entry %d:\nERDDAP %+v\nfile   %+v", q, i, g, w)
			}
		}
		if len(q.Platforms) > 0 {
			want := "/erddap/tabledap/ArgoFloats-index.nccsv?file,date,latitude,longitude,ocean,profiler_type,institution,date_update" +
				`&file=~".*/(6999001|6999002)/profiles/.*"&distinct()&orderBy("date")`
			if len(requests) != 1 || requests[0] != want {
				t.Errorf("requests %q, want [%s]", requests, want)
			}
		}
		if q.Region != nil && q.Region.Bound().Min[0] == 170 && len(requests) != 2 {
			t.Errorf("antimeridian box: %d requests, want 2", len(requests))
		}
	}
	requests = nil
	if _, err := s.Index(ctx, Query{Region: geo.Box(-12, 44, -2, 50), Start: date("2021-01-01"), End: date("2022-01-01")}); err != nil {
		t.Fatal(err)
	}
	if want := "/erddap/tabledap/ArgoFloats-index.nccsv?file,date,latitude,longitude,ocean,profiler_type,institution,date_update" +
		`&longitude>=-12.0&longitude<=-2.0&latitude>=44.0&latitude<=50.0&date>=2021-01-01T00:00:00Z&date<2022-01-01T00:00:00Z&distinct()&orderBy("date")`; len(requests) != 1 || requests[0] != want {
		t.Errorf("requests %q, want [%s]", requests, want)
	}

	status = http.StatusNotFound
	ix, err := s.Index(ctx, Query{Platforms: []string{"1234567"}})
	if err != nil || ix.Len() != 0 {
		t.Errorf("no matching rows: %v, %v; want an empty index", ix, err)
	}
	status = http.StatusInternalServerError
	var ee *erddap.Error
	if _, err := s.Index(ctx, Query{}); !errors.As(err, &ee) || ee.StatusCode != 500 {
		t.Errorf("server error: %v, want an *erddap.Error", err)
	}
	if _, err := s.Index(ctx, Query{Platforms: []string{"69|99"}}); err == nil {
		t.Error("a platform that is not a WMO number was sent")
	}
}

// nanless returns e with NaN coordinates replaced by a marker, so that
// entries with missing positions compare equal.
func nanless(e Entry) Entry {
	for _, x := range []*float64{&e.Lat, &e.Lon, &e.LatMin, &e.LonMin} {
		if math.IsNaN(*x) {
			*x = -1e300
		}
	}
	return e
}
