package argo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/geo"
	"github.com/insitu-go/insitu/internal/testutil"
)

func openRealIndex(t *testing.T, name string) *Index {
	t.Helper()
	ix, err := OpenIndex(testutil.RealData(t, "argo/euroargodev__argopy-data", name))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// Golden facts of the argopy-data index files (counted with awk/grep on the files).
func TestReadRealIndexes(t *testing.T) {
	cases := []struct {
		file   string
		kind   IndexKind
		rows   int
		format string
	}{
		{"ar_index_global_prof.txt", IndexProfile, 2702, "2.0"},
		{"ar_index_global_prof.txt.gz", IndexProfile, 2702, "2.0"},
		{"argo_synthetic-profile_index.txt", IndexSynthetic, 904, "2.2"},
		{"argo_bio-profile_index.txt.gz", IndexBio, 904, "2.2"},
		{"ar_index_global_meta.txt", IndexMeta, -1, "2.0"},
		{"ar_index_global_traj.txt", IndexTraj, -1, "2.2"},
		{"argo_bio-traj_index.txt", IndexBioTraj, -1, "2.2"},
	}
	for _, c := range cases {
		ix := openRealIndex(t, c.file)
		if ix.Kind() != c.kind || ix.Header().FormatVersion != c.format {
			t.Errorf("%s: kind %v format %q", c.file, ix.Kind(), ix.Header().FormatVersion)
		}
		if c.rows >= 0 && ix.Len()+ix.Duplicates() != c.rows {
			t.Errorf("%s: %d rows + %d duplicates, want %d", c.file, ix.Len(), ix.Duplicates(), c.rows)
		}
		if want := "2023-04-27"; ix.Header().Updated.Format(time.DateOnly) != want || ix.Header().GDACNode != "CORIOLIS" || len(ix.Header().FTPRoots) != 2 {
			t.Errorf("%s: header %+v", c.file, ix.Header())
		}
	}
	ix := openRealIndex(t, "ar_index_global_prof.txt")
	e := ix.Entry(0)
	want := Entry{Row: 0, File: "aoml/13857/profiles/R13857_001.nc", Lat: 0.267, Lon: -16.032, Ocean: 'A', ProfilerType: 845, Institution: "AO",
		DAC: "aoml", Platform: "13857", Cycle: 1, Direction: Ascending, Prefix: "R"}
	if e.File != want.File || e.Lat != want.Lat || e.Lon != want.Lon || e.Ocean != 'A' || e.ProfilerType != 845 || e.Institution != "AO" ||
		e.DAC != "aoml" || e.Platform != "13857" || e.Cycle != 1 || e.Direction != Ascending || e.Prefix != "R" ||
		!e.Date.Equal(time.Date(1997, 7, 29, 20, 3, 0, 0, time.UTC)) || !e.DateUpdate.Equal(time.Date(2018, 10, 11, 18, 5, 20, 0, time.UTC)) {
		t.Errorf("entry 0 = %+v", e)
	}
	// quirks: empty dates kept (73 rows), -99.999/-999.999 sentinels are NaN, 0851 is 851
	empty, sentinel, p851 := 0, 0, 0
	for _, e := range ix.All() {
		if e.Date.IsZero() {
			empty++
		}
		if strings.HasPrefix(e.File, "jma/4902252/profiles/D4902252_104") && math.IsNaN(e.Lat) && math.IsNaN(e.Lon) {
			sentinel++
		}
		if e.ProfilerType == 851 {
			p851++
		}
	}
	if empty != 73 || sentinel != 1 || p851 == 0 {
		t.Errorf("empty dates %d (want 73), sentinel rows %d, 851 rows %d", empty, sentinel, p851)
	}
}

func TestIndexGzipMatchesText(t *testing.T) {
	a := openRealIndex(t, "ar_index_global_prof.txt")
	b := openRealIndex(t, "ar_index_global_prof.txt.gz")
	if a.Len() != b.Len() {
		t.Fatalf("%d vs %d rows", a.Len(), b.Len())
	}
	for i := range a.Len() {
		x, y := a.Entry(i), b.Entry(i)
		if x.File != y.File || x.Date != y.Date || !sameFloat(x.Lat, y.Lat) || x.DateUpdate != y.DateUpdate {
			t.Fatalf("row %d: %+v vs %+v", i, x, y)
		}
	}
}

// bruteSearch is the reference: every row checked against the query the plain way.
func bruteSearch(ix *Index, q Query) []int {
	m := ix.matcher(q)
	var out []int
	for i := range ix.Len() {
		if m(i) {
			out = append(out, i)
		}
	}
	return out
}

func TestIndexSearch(t *testing.T) {
	core := openRealIndex(t, "ar_index_global_prof.txt")
	synth := openRealIndex(t, "argo_synthetic-profile_index.txt")
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	cases := []struct {
		name string
		ix   *Index
		q    Query
		want int // -1: only compare with brute force
	}{
		{"box", core, Query{Region: geo.Box(-60, 0, 20, 60)}, -1},
		{"box and period", core, Query{Region: geo.Box(-30, -10, 10, 20), Start: d("2010-01-01"), End: d("2020-01-01")}, -1},
		{"antimeridian box", core, Query{Region: geo.Box(150, -60, -150, 60)}, -1},
		{"period only", core, Query{Start: d("2019-01-01"), End: d("2019-02-01")}, -1},
		{"platform", core, Query{Platforms: []string{"13857"}}, -1},
		{"platforms and cycles", core, Query{Platforms: []string{"13857", "3902131"}, Cycles: []int{1, 2}}, -1},
		{"descending", core, Query{Direction: Descending}, -1},
		{"dac", core, Query{DACs: []string{"coriolis"}}, -1},
		{"institution and profiler", core, Query{Institutions: []string{"IF"}, ProfilerTypes: []int{838}}, -1},
		{"ocean", core, Query{Ocean: 'I'}, -1},
		{"core D files", core, Query{ParamModes: map[string][]Mode{"PSAL": {Delayed}}}, -1},
		{"DOXY any", synth, Query{Params: []string{"DOXY"}}, -1},
		{"DOXY and NITRATE", synth, Query{Params: []string{"DOXY", "NITRATE"}, ParamsAll: true}, -1},
		{"PSAL in D mode", synth, Query{ParamModes: map[string][]Mode{"PSAL": {Delayed}}}, -1},
		{"DOXY in R mode with PSAL in D", synth, Query{ParamModes: map[string][]Mode{"DOXY": {RealTime}, "PSAL": {Delayed}}}, -1},
		{"params on the core index", core, Query{Params: []string{"DOXY"}}, 0},
	}
	for _, c := range cases {
		got := c.ix.SearchRows(c.q)
		want := bruteSearch(c.ix, c.q)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d rows, brute force %d", c.name, len(got), len(want))
		}
		if c.want >= 0 && len(got) != c.want {
			t.Errorf("%s: %d rows, want %d", c.name, len(got), c.want)
		}
		if c.want < 0 && len(got) == 0 && c.name != "antimeridian box" {
			t.Errorf("%s: no rows: the case tests nothing", c.name)
		}
	}
	// exact tokens: DOXY must not match DOXY2 or TEMP_DOXY alone
	for _, e := range synth.Search(Query{Params: []string{"DOXY"}}) {
		if !slices.Contains(e.Parameters, "DOXY") {
			t.Fatalf("%s matched DOXY with %v", e.File, e.Parameters)
		}
	}
	// bound rule: a point on the box edge is in, a date equal to End is out
	e := core.Entry(0)
	if n := len(core.Search(Query{Region: geo.Box(e.Lon, e.Lat, e.Lon, e.Lat)})); n == 0 {
		t.Error("closed space: the corner point is not found")
	}
	if rows := core.SearchRows(Query{Platforms: []string{"13857"}, Start: e.Date, End: e.Date.Add(time.Second)}); len(rows) != 1 || rows[0] != 0 {
		t.Errorf("half-open time: %v", rows)
	}
	if rows := core.SearchRows(Query{Platforms: []string{"13857"}, End: e.Date}); slices.Contains(rows, 0) {
		t.Error("half-open time: End is included")
	}
}

func TestIndexQuirksAndErrors(t *testing.T) {
	head := "# Title : Profile directory file of the Argo Global Data Assembly Center\n# Format version : 2.0\n# Date of update : 20230427112425\nfile,date,latitude,longitude,ocean,profiler_type,institution,date_update\n"
	rows := "aoml/1/profiles/R1000001_001.nc,20200101000000,10.5,20.5,A,0851,AO,20200101000000\n" +
		"aoml/1000001/profiles/R1000001_002.nc,,,,,846,AO,20200101000000\n" +
		"jma/1000002/profiles/D1000002_104.nc,20180221092037,-99.999,-999.999,,863,JA,20200115041517\n" +
		"aoml/1000001/profiles/R1000001_1000.nc,20200101000000,10.5,359.5,A,846,AO,20200101000000\n" +
		"aoml/1000001/profiles/R1000001_003.nc,20200101000000,10.5,20.5,A,846,AO,20200101000000\n" +
		"aoml/1000001/profiles/R1000001_003.nc,20200101000000,10.6,20.6,A,846,AO,20210101000000\n" +
		"aoml/1000001/profiles/R1000001_003D.nc,20200101000000,10.5,20.5,A,846,AO,20200101000000\n"
	ix, err := ReadIndex(strings.NewReader(head + rows))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 6 || ix.Duplicates() != 1 {
		t.Fatalf("%d rows, %d duplicates", ix.Len(), ix.Duplicates())
	}
	e := ix.Entry(0)
	if e.ProfilerType != 851 {
		t.Errorf("0851 → %d", e.ProfilerType)
	}
	if e1 := ix.Entry(1); !e1.Date.IsZero() || !math.IsNaN(e1.Lat) || e1.Ocean != 0 {
		t.Errorf("empty row %+v", e1)
	}
	if e2 := ix.Entry(2); !math.IsNaN(e2.Lat) || !math.IsNaN(e2.Lon) {
		t.Errorf("sentinel row %+v", e2)
	}
	if e3 := ix.Entry(3); e3.Cycle != 1000 || e3.Lon != -0.5 {
		t.Errorf("4-digit cycle and 0..360 longitude: %+v", e3)
	}
	if e4 := ix.Entry(4); e4.Lat != 10.6 || e4.DateUpdate.Year() != 2021 {
		t.Errorf("duplicate: kept %+v, want the latest date_update", e4)
	}
	if e5 := ix.Entry(5); e5.Direction != Descending || e5.Cycle != 3 {
		t.Errorf("descending %+v", e5)
	}
	// gzip detected by magic
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(head + rows))
	w.Close()
	if ix2, err := ReadIndex(&gz); err != nil || ix2.Len() != 6 {
		t.Errorf("gzip: %v", err)
	}
	// columns by name, not position
	swapped := "file,latitude,date,longitude,ocean,profiler_type,institution,date_update\naoml/1000001/profiles/R1000001_001.nc,10.5,20200101000000,20.5,A,846,AO,20200101000000\n"
	if ix3, err := ReadIndex(strings.NewReader(swapped)); err != nil || ix3.Entry(0).Lat != 10.5 || ix3.Entry(0).Date.Year() != 2020 {
		t.Errorf("swapped columns: %v", err)
	}
	for name, bad := range map[string]string{
		"no header":       "",
		"no file column":  "date,latitude\n20200101000000,1\n",
		"ragged row":      head + "aoml/1/profiles/R1_001.nc,20200101000000,1\n",
		"empty file name": head + ",20200101000000,10.5,20.5,A,846,AO,20200101000000\n",
	} {
		if _, err := ReadIndex(strings.NewReader(bad)); !errors.Is(err, ErrIndexFormat) {
			t.Errorf("%s: %v, want ErrIndexFormat", name, err)
		}
	}
	if _, err := ReadIndex(bytes.NewReader([]byte{0x1f, 0x8b, 0, 1, 2})); err == nil {
		t.Error("truncated gzip accepted")
	}
}

func TestIndexMiniGDAC(t *testing.T) {
	ix, err := OpenIndex(testutil.Testdata(t, "gdac", "ar_index_global_prof.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ix.All() {
		if e.Cycle < 0 || e.Platform == "" {
			continue // the documented quirk rows may point at odd names
		}
		if _, err := os.Stat(testutil.Testdata(t, "gdac", "dac", e.File)); err != nil && !e.Date.IsZero() && !math.IsNaN(e.Lat) && e.ProfilerType != 851 {
			t.Errorf("%s: %v", e.File, err)
		}
	}
	iroise := ix.Search(Query{Region: geo.Box(-6, 47.5, -4, 49)})
	if len(iroise) == 0 {
		t.Error("no mini GDAC profile near the Iroise Sea")
	}
}

// Every file name rebuilt from its stored parts equals the text of the file.
func TestIndexFileNamesRoundTrip(t *testing.T) {
	for _, name := range []string{"ar_index_global_prof.txt", "argo_synthetic-profile_index.txt", "ar_index_global_meta.txt", "ar_index_global_traj.txt", "argo_bio-traj_index.txt"} {
		path := testutil.RealData(t, "argo/euroargodev__argopy-data", name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for i, line := range strings.Split(string(data), "\n") {
			if i < 9 || line == "" {
				continue
			}
			want = append(want, line[:strings.IndexByte(line, ',')])
		}
		ix := openRealIndex(t, name)
		if ix.Len()+ix.Duplicates() != len(want) {
			t.Fatalf("%s: %d rows, file has %d", name, ix.Len(), len(want))
		}
		if ix.Duplicates() == 0 {
			for i := range ix.Len() {
				if got := ix.File(i); got != want[i] {
					t.Fatalf("%s row %d: %q, file has %q", name, i, got, want[i])
				}
			}
		}
		if len(ix.excRows) > 0 {
			t.Logf("%s: %d names kept whole", name, len(ix.excRows))
		}
	}
	// odd names survive whole
	odd := "file,date,latitude,longitude,ocean,profiler_type,institution,date_update\n" +
		"aoml/0123/profiles/R0123_001.nc,20200101000000,1,1,A,846,AO,20200101000000\n" +
		"aoml/5901234/profiles/R5901234_0999.nc,20200101000000,1,1,A,846,AO,20200101000000\n" +
		"aoml/5901234/profiles/R5901235_001.nc,20200101000000,1,1,A,846,AO,20200101000000\n" +
		"weird name.nc,20200101000000,1,1,A,846,AO,20200101000000\n"
	ix, err := ReadIndex(strings.NewReader(odd))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"aoml/0123/profiles/R0123_001.nc", "aoml/5901234/profiles/R5901234_0999.nc", "aoml/5901234/profiles/R5901235_001.nc", "weird name.nc"} {
		if got := ix.File(i); got != want {
			t.Errorf("row %d: %q, want %q", i, got, want)
		}
	}
	if e := ix.Entry(1); e.Cycle != 999 || e.Platform != "5901234" || e.DAC != "aoml" {
		t.Errorf("exception entry %+v", e)
	}
}

func TestIndexErrorLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Title : x\nfile,date,latitude,longitude,ocean,profiler_type,institution,date_update\n")
	for range 100000 {
		b.WriteString("aoml/5901234/profiles/R5901234_001.nc,20200101000000,1,1,A,846,AO,20200101000000\n")
	}
	b.WriteString("aoml/5901234/profiles/R5901234_002.nc,20200101000000\n")
	_, err := ReadIndex(strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "line 100003:") || !errors.Is(err, ErrIndexFormat) {
		t.Errorf("error %v, want line 100003 and ErrIndexFormat", err)
	}
}

// The run-based WMO order and the radix sort agree, on a real index (one run
// per float) and on rows shuffled so that floats are split into many runs
// and duplicates are not next to each other.
func TestWMOOrderAndDedupe(t *testing.T) {
	core := openRealIndex(t, "ar_index_global_prof.txt")
	if got, want := core.buildWMOOrder(), core.radixWMOOrder(); !slices.Equal(got, want) {
		t.Fatal("run order differs from the radix sort")
	}
	// Rebuild the index text with the rows interleaved (even rows, then odd
	// rows) and every tenth row repeated later with a newer date_update.
	var b strings.Builder
	b.WriteString("# Title : Profile directory file of the Argo Global Data Assembly Center\n# FTP root number 1 : ftp://ftp.ifremer.fr/ifremer/argo/dac\n# FTP root number 2 : ftp://usgodae.org/pub/outgoing/argo/dac\n# GDAC node : CORIOLIS\nfile,date,latitude,longitude,ocean,profiler_type,institution,date_update\n")
	row := func(i int, update string) {
		e := core.Entry(i)
		fmt.Fprintf(&b, "%s,%s,%.3f,%.3f,%c,%d,%s,%s\n", e.File, e.Date.Format("20060102150405"), e.Lat, e.Lon, e.Ocean, e.ProfilerType, e.Institution, update)
	}
	n := core.Len()
	for _, parity := range []int{0, 1} {
		for i := parity; i < n; i += 2 {
			row(i, "20200101000000")
		}
	}
	for i := 0; i < n; i += 10 {
		row(i, "20250101000000")
	}
	ix, err := ReadIndex(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != n || ix.Duplicates() != (n+9)/10 {
		t.Fatalf("%d rows, %d duplicates; want %d and %d", ix.Len(), ix.Duplicates(), n, (n+9)/10)
	}
	if got, want := ix.buildWMOOrder(), ix.radixWMOOrder(); !slices.Equal(got, want) {
		t.Fatal("run order differs from the radix sort on an interleaved index")
	}
	kept := 0
	for e := range ix.Entries(Query{}) {
		if e.DateUpdate.Year() == 2025 {
			kept++
		}
	}
	if kept != (n+9)/10 {
		t.Errorf("%d rows kept their newer date_update, want %d", kept, (n+9)/10)
	}
}

// The one-pass reader of core index rows (parseCoreRow) and the general
// field-by-field reader give the same entries: the real core index and rows
// with every quirk are read once in the core layout (fast path) and once
// with the columns in another order (general path only).
func TestIndexCoreFastPath(t *testing.T) {
	data, err := os.ReadFile(testutil.RealData(t, "argo/euroargodev__argopy-data", "ar_index_global_prof.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if i >= 9 {
			rows = append(rows, strings.Split(line, ","))
		}
	}
	quirks := []string{
		"aoml/1900001/profiles/R1900001_001.nc,,,,,,,",
		"aoml/1900001/profiles/R1900001_002.nc,20200101000000,-99.999,-999.999,A,846,AO,20200101000000",
		"aoml/1900001/profiles/R1900001_003.nc,202001010000,10.5,20.25,A,0851,AO,20200101000000",
		"aoml/1900001/profiles/R1900001_004.nc,20200101000000,+10.5,200.5,I,12345,AOX,20200101000000",
		"aoml/1900001/profiles/R1900001_005.nc,20200101000000,10,-99.999,,846,A,20200101000000",
		"aoml/1900001/profiles/R1900001_006.nc,20201301000000,90,180,P,,,20200101000000",
		"aoml/1900001/profiles/R1900001_007.nc,20200101000000,-90.0,-180.000,P,1,IF,2020010100000",
		"aoml/1900001/profiles/R1900001_008.nc,20200101000000,90.0001,0,P,1,IF,20200101000000",
		"aoml/1900001/profiles/R1900001_009.nc,20200101000000,1.2345678901234567,0.,P,1,IF,20200101000000",
		"aoml/1900001/profiles/R1900001_010.nc,20200101000000,-0,-.5,P,1,IF,20200101000000\r",
		"aoml/1900001/profiles/R1900001_011.nc,20200101000000,1e1,NaN,P,1,IF,20200101000000",
	}
	for _, q := range quirks {
		rows = append(rows, strings.Split(q, ","))
	}
	header := []string{"file", "date", "latitude", "longitude", "ocean", "profiler_type", "institution", "date_update"}
	build := func(perm []int) string {
		var b strings.Builder
		for k, c := range perm {
			if k > 0 {
				b.WriteByte(',')
			}
			b.WriteString(header[c])
		}
		b.WriteByte('\n')
		for _, r := range rows {
			for k, c := range perm {
				if k > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strings.TrimSuffix(r[c], "\r"))
			}
			if strings.HasSuffix(r[len(r)-1], "\r") {
				b.WriteByte('\r')
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	fast, err := ReadIndex(strings.NewReader(build([]int{0, 1, 2, 3, 4, 5, 6, 7})))
	if err != nil {
		t.Fatal(err)
	}
	general, err := ReadIndex(strings.NewReader(build([]int{1, 0, 3, 2, 7, 6, 5, 4})))
	if err != nil {
		t.Fatal(err)
	}
	if fast.Len() != general.Len() || fast.Len() != len(rows)-fast.Duplicates() {
		t.Fatalf("%d and %d rows", fast.Len(), general.Len())
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for i := range fast.Len() {
		a, b := fast.Entry(i), general.Entry(i)
		if a.File != b.File || !a.Date.Equal(b.Date) || !same(a.Lat, b.Lat) || !same(a.Lon, b.Lon) || a.Ocean != b.Ocean ||
			a.ProfilerType != b.ProfilerType || a.Institution != b.Institution || !a.DateUpdate.Equal(b.DateUpdate) ||
			a.Platform != b.Platform || a.Cycle != b.Cycle || a.Direction != b.Direction || a.DAC != b.DAC {
			t.Fatalf("row %d:\nfast    %+v\ngeneral %+v", i, a, b)
		}
	}
	if e := fast.Entry(fast.Len() - 2); e.Lon != -0.5 || e.Lat != 0 {
		t.Errorf("-0 and -.5: %+v", e)
	}
}
