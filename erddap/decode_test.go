package erddap

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/testutil"
)

// The testNccsvScalar dataset of ERDDAP's own tests, as every text layout
// writes it (shared/realdata/erddap/BobSimons__erddap/expected__testNccsvScalar.*).
var (
	goldShip  = " a\t~\u00fc,\n'z\"\u20ac"
	goldTimes = []string{"2017-03-23T00:45:00Z", "2017-03-23T01:45:00Z", "2017-03-23T02:45:00Z",
		"2017-03-23T12:45:00Z", "2017-03-23T21:45:00Z", "2017-03-23T23:45:00Z"}
	goldLat    = []float64{28.0002, 28.0003, 28.0001, 27.9998, 28.0003, 28.0002}
	goldLon    = []float64{-130.2576, -130.3472, -130.4305, -131.5578, -132.0014, -132.1591}
	goldStatus = []string{"A", "\u20ac", "\t", "\"", "\u00fc", "?"}
	goldByte   = []int64{-128, 0, 126}
	goldUByte  = []uint64{0, 127, 254}
	goldLong   = []int64{-9223372036854775808, -9007199254740992, 9223372036854775806}
	goldULong  = []uint64{0, 9223372036854775807, 18446744073709551614}
	goldSST    = []float64{10.9, 10, math.NaN(), math.NaN(), math.NaN(), math.NaN()}
	goldNames  = []string{"ship", "time", "latitude", "longitude", "status", "testByte", "testUByte", "testLong", "testULong", "sst"}
)

func scalarPath(t *testing.T, suffix string) string {
	t.Helper()
	return testutil.RealData(t, "erddap", "BobSimons__erddap", "expected__testNccsvScalar"+suffix)
}

func decodeFile(t *testing.T, path, fileType string) *Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := DecodeTable(f, fileType)
	if err != nil {
		t.Fatalf("DecodeTable(%s, %s): %v", filepath.Base(path), fileType, err)
	}
	return tb
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// checkScalarTable checks a decoded testNccsvScalar table against the
// golden values, by column position (layouts without names call them
// column1...).
func checkScalarTable(t *testing.T, layout string, tb *Table) {
	t.Helper()
	if tb.Len() != 6 || len(tb.Columns) != 10 {
		t.Fatalf("%s: %d rows x %d columns, want 6 x 10", layout, tb.Len(), len(tb.Columns))
	}
	name := func(i int) string { return tb.Columns[i].Name }
	if layout != ".csv0" && layout != ".jsonlCSV" {
		if got := tb.Names(); !slices.Equal(got, goldNames) {
			t.Errorf("%s: names %q", layout, got)
		}
	}
	for i, s := range tb.Strings(name(0)) {
		if s != goldShip {
			t.Errorf("%s: ship[%d] = %q, want %q", layout, i, s, goldShip)
		}
	}
	if tb.Columns[1].Kind != Time {
		t.Errorf("%s: time kind %v", layout, tb.Columns[1].Kind)
	}
	for i, tm := range tb.Times(name(1)) {
		if got := tm.Format(time.RFC3339); got != goldTimes[i] {
			t.Errorf("%s: time[%d] = %s, want %s", layout, i, got, goldTimes[i])
		}
	}
	if got := tb.Float64s(name(2)); !sameFloats(got, goldLat) {
		t.Errorf("%s: latitude %v", layout, got)
	}
	if got := tb.Float64s(name(3)); !sameFloats(got, goldLon) {
		t.Errorf("%s: longitude %v", layout, got)
	}
	if got := tb.Strings(name(4)); !slices.Equal(got, goldStatus) {
		t.Errorf("%s: status %q", layout, got)
	}
	checkInts := func(col string, want []int64) {
		t.Helper()
		v, miss, ok := tb.Int64s(col)
		if !ok {
			t.Errorf("%s: %s is not integer (kind %v)", layout, col, tb.Column(col).Kind)
			return
		}
		if !slices.Equal(v[:3], want) || !slices.Equal(miss, []bool{false, false, false, true, true, true}) {
			t.Errorf("%s: %s = %v missing %v, want %v then 3 missing", layout, col, v, miss, want)
		}
	}
	checkInts(name(5), goldByte)
	checkInts(name(7), goldLong)
	for j, col := range []string{name(6), name(8)} {
		want := [][]uint64{goldUByte, goldULong}[j]
		v, miss, ok := tb.Uint64s(col)
		if !ok || !slices.Equal(v[:3], want) || !slices.Equal(miss, []bool{false, false, false, true, true, true}) {
			t.Errorf("%s: %s = %v missing %v ok %v, want %v exactly", layout, col, v, miss, ok, want)
		}
	}
	if got := tb.Float64s(name(9)); !sameFloats(got, goldSST) {
		t.Errorf("%s: sst %v", layout, got)
	}
	if f := tb.Float64s(name(5)); !math.IsNaN(f[3]) || f[0] != -128 {
		t.Errorf("%s: Float64s of an int column with missing: %v", layout, f)
	}
}

// TestDecodeTableScalarLayouts decodes the same dataset from every text
// layout ERDDAP writes, and checks each against the same golden table.
func TestDecodeTableScalarLayouts(t *testing.T) {
	for _, ft := range []string{".csv", ".csvp", ".csv0", ".tsv", ".json", ".jsonlCSV1", ".jsonlCSV", ".jsonlKVP"} {
		t.Run(ft, func(t *testing.T) {
			tb := decodeFile(t, scalarPath(t, ft), ft)
			checkScalarTable(t, ft, tb)
			// Rows gives the same values as the table.
			f, err := os.Open(scalarPath(t, ft))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			n := 0
			for row, err := range DecodeRows(f, ft) {
				if err != nil {
					t.Fatal(err)
				}
				if row.Len() != 10 {
					t.Fatalf("row has %d columns", row.Len())
				}
				for i, c := range tb.Columns {
					if got, want := row.StringAt(i), c.format(n); got != want {
						t.Errorf("row %d %s: Rows %q, Table %q", n+1, c.Name, got, want)
					}
				}
				n++
			}
			if n != 6 {
				t.Errorf("Rows gave %d rows, want 6", n)
			}
		})
	}
}

// TestDecodeTableJSONDeclaredTypes checks that .json keeps ERDDAP's declared
// types and units.
func TestDecodeTableJSONDeclaredTypes(t *testing.T) {
	tb := decodeFile(t, scalarPath(t, ".json"), ".json")
	want := []struct {
		typ   string
		kind  Kind
		units string
	}{
		{"String", String, ""}, {"String", Time, "UTC"}, {"double", Float64, "degrees_north"},
		{"double", Float64, "degrees_east"}, {"char", String, ""}, {"byte", Int64, "1"},
		{"ubyte", Uint64, "1"}, {"long", Int64, "1"}, {"ulong", Uint64, "1"}, {"float", Float64, "degree_C"},
	}
	for i, w := range want {
		c := tb.Columns[i]
		if c.Type != w.typ || c.Kind != w.kind || c.Units != w.units {
			t.Errorf("%s: type %s kind %v units %q, want %s %v %q", c.Name, c.Type, c.Kind, c.Units, w.typ, w.kind, w.units)
		}
	}
	if u := tb.Column("testULong").Uint64s[2]; u != 18446744073709551614 {
		t.Errorf("testULong[2] = %d", u)
	}
}

// TestDecodeNCCSV reads the full .nccsv response: typed attributes of every
// NCCSV suffix, globals, the data, and the raw missing_value turned missing.
func TestDecodeNCCSV(t *testing.T) {
	tb := decodeFile(t, scalarPath(t, "__1time.nccsv"), ".nccsv")
	if got := tb.Names(); !slices.Equal(got, []string{"time", "ship", "sst"}) {
		t.Fatalf("names %q", got)
	}
	if tb.Len() != 1 {
		t.Fatalf("%d rows", tb.Len())
	}
	if got := tb.Times("time")[0]; !got.Equal(time.Date(2017, 3, 23, 2, 45, 0, 0, time.UTC)) {
		t.Errorf("time %v", got)
	}
	if got := tb.Strings("ship")[0]; got != goldShip {
		t.Errorf("ship %q", got)
	}
	sst := tb.Column("sst")
	if sst.Type != "float" || sst.Kind != Float64 || sst.Units != "degree_C" || !math.IsNaN(sst.Float64s[0]) {
		t.Errorf("sst: %s %v %q %v (99.0 is its missing_value)", sst.Type, sst.Kind, sst.Units, sst.Float64s)
	}
	if g := tb.GlobalAttr("title"); g == nil || g.String() != "NCCSV Demonstration" || g.Type != "String" {
		t.Errorf("title %+v", g)
	}
	if g := tb.GlobalAttr("Conventions"); g == nil || g.String() != "COARDS, CF-1.6, ACDD-1.3, NCCSV-1.1" {
		t.Errorf("Conventions %+v", g)
	}
	if g := tb.GlobalAttr("geospatial_lat_max"); g == nil || g.Type != "double" || g.Float64s[0] != 28.0003 {
		t.Errorf("geospatial_lat_max %+v", g)
	}
	if g := tb.GlobalAttr("history"); g == nil || !strings.Contains(g.String(), "(local files)\n2017") {
		t.Errorf("history %+v", g)
	}
	check := func(name, typ string, ok bool) {
		t.Helper()
		a := sst.Attr(name)
		if a == nil || a.Type != typ || !ok {
			t.Errorf("sst:%s = %+v, want type %s", name, a, typ)
		}
	}
	a := func(n string) *Attribute {
		if x := sst.Attr(n); x != nil {
			return x
		}
		return &Attribute{}
	}
	check("testBytes", "byte", slices.Equal(a("testBytes").Int64s, []int64{-128, 0, 127}))
	check("testUBytes", "ubyte", slices.Equal(a("testUBytes").Uint64s, []uint64{0, 127, 255}))
	check("testShorts", "short", slices.Equal(a("testShorts").Int64s, []int64{-32768, 0, 32767}))
	check("testUShorts", "ushort", slices.Equal(a("testUShorts").Uint64s, []uint64{0, 32767, 65535}))
	check("testInts", "int", slices.Equal(a("testInts").Int64s, []int64{-2147483648, 0, 2147483647}))
	check("testUInts", "uint", slices.Equal(a("testUInts").Uint64s, []uint64{0, 2147483647, 4294967295}))
	check("testLongs", "long", slices.Equal(a("testLongs").Int64s, []int64{-9223372036854775808, -9007199254740992, 9007199254740992, 9223372036854775806, 9223372036854775807}))
	check("testULongs", "ulong", slices.Equal(a("testULongs").Uint64s, []uint64{0, 9223372036854775807, 18446744073709551615}))
	check("testFloats", "float", slices.Equal(a("testFloats").Float64s, []float64{-3.4028235e38, 0, 3.4028235e38}))
	check("testDoubles", "double", slices.Equal(a("testDoubles").Float64s, []float64{-math.MaxFloat64, 0, math.MaxFloat64}))
	check("testChars", "char", slices.Equal(a("testChars").Strings, []string{",", "\"", "\u20ac"}))
	check("testStrings", "String", slices.Equal(a("testStrings").Strings, []string{goldShip}))
	check("missing_value", "float", slices.Equal(a("missing_value").Float64s, []float64{99}))
	check("colorBarMaximum", "double", slices.Equal(a("colorBarMaximum").Float64s, []float64{32}))
}

// TestDecodeNCCSVMetadata reads .nccsvMetadata: every variable, typed, no rows.
func TestDecodeNCCSVMetadata(t *testing.T) {
	tb := decodeFile(t, scalarPath(t, ".nccsvMetadata"), ".nccsvMetadata")
	if got := tb.Names(); !slices.Equal(got, goldNames) || tb.Len() != 0 {
		t.Fatalf("names %q, %d rows", got, tb.Len())
	}
	kinds := []Kind{String, Time, Float64, Float64, String, Int64, Uint64, Int64, Uint64, Float64}
	for i, c := range tb.Columns {
		if c.Kind != kinds[i] {
			t.Errorf("%s: kind %v, want %v", c.Name, c.Kind, kinds[i])
		}
	}
	if a := tb.Column("testULong").Attr("_FillValue"); a == nil || a.Uint64s[0] != 18446744073709551615 {
		t.Errorf("testULong _FillValue %+v", a)
	}
	if a := tb.Column("status").Attr("actual_range"); a == nil || a.Type != "char" || !slices.Equal(a.Strings, []string{"\t", "\u20ac"}) {
		t.Errorf("status actual_range %+v", a)
	}
	if a := tb.Column("time").Attr("actual_range"); a == nil || a.Strings[0] != "2017-03-23T00:45:00Z\n2017-03-23T23:45:00Z" {
		t.Errorf("time actual_range %+v", a)
	}
}

// TestDecodeErddapyCSVP reads real .csvp responses recorded by erddapy.
func TestDecodeErddapyCSVP(t *testing.T) {
	cases := []struct {
		file, col, units string
		rows, nan        int
		first, last      float64
		t0, t1           string
	}{
		{"tabledap__amelia-20180501T0000.csvp", "temperature", "Celsius", 18113, 753, 10.2863, 14.4904, "2018-05-08T00:32:38Z", "2018-05-13T20:58:46Z"},
		{"tabledap__pmelTao5dayIso.csvp", "ISO_6", "m", 286, 10, 14.802495, 17.467018, "1999-12-02T12:00:00Z", "2003-10-28T12:00:00Z"},
		{"tabledap__osmc_23091.csvp", "sea_water_temperature", "degree_Celsius", 23, 0, 30.2, 29.9, "2018-10-01T21:00:00Z", "2018-09-28T03:00:00Z"},
		{"tabledap__org_cormp_cap2.csvp", "sea_water_temperature", "degree_Celsius", 24, 0, 17.39, 18.43, "2000-03-23T00:08:00Z", "2000-03-23T23:08:00Z"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			tb := decodeFile(t, testutil.RealData(t, "erddap", "ioos__erddapy", c.file), ".csvp")
			if tb.Len() != c.rows {
				t.Fatalf("%d rows, want %d", tb.Len(), c.rows)
			}
			col := tb.Column(c.col)
			if col == nil || col.Units != c.units || col.Kind != Float64 {
				t.Fatalf("column %s: %+v", c.col, col)
			}
			tc := tb.Column("time")
			if tc == nil || tc.Units != "UTC" || tc.Kind != Time {
				t.Fatalf("time column: %+v", tc)
			}
			v := col.Float64s
			nan := 0
			for _, f := range v {
				if math.IsNaN(f) {
					nan++
				}
			}
			if nan != c.nan || v[0] != c.first || v[len(v)-1] != c.last {
				t.Errorf("NaN %d first %v last %v, want %d %v %v", nan, v[0], v[len(v)-1], c.nan, c.first, c.last)
			}
			if a, b := tc.Times[0].Format(time.RFC3339), tc.Times[len(tc.Times)-1].Format(time.RFC3339); a != c.t0 || b != c.t1 {
				t.Errorf("times %s..%s, want %s..%s", a, b, c.t0, c.t1)
			}
		})
	}
}

func decodeString(s, ft string) (*Table, error) {
	return DecodeTable(strings.NewReader(s), ft)
}

// TestDecodeErrors: every malformed body is a *DecodeError with the line
// (or row) at fault, never a shorter table.
func TestDecodeErrors(t *testing.T) {
	const hdr = "a,b\n,\n"
	cases := []struct {
		name, ft, body string
		line           int
		column         string
		truncated      bool
	}{
		{"csv cut mid-row", ".csv", hdr + "1,2\n3,", 4, "", true},
		{"csv cut inside quotes", ".csv", hdr + "1,\"ab\n", 3, "", true},
		{"csv no units line", ".csv", "a,b\n", 2, "", true},
		{"csv empty", ".csv", "", 1, "", true},
		{"csv ragged", ".csv", hdr + "1,2\n3\n4,5\n", 4, "", false},
		{"csv text after quote", ".csv", hdr + "\"x\"y,1\n", 3, "", false},
		{"csv bad time", ".csv", "t,v\nUTC,\n2020-01-01T00:00:00Z,1\n2020-13-01T00:00:00Z,2\n", 4, "t", false},
		{"csv bad hinted long", ".csv", hdr + "1,2\n3.5,4\n", 4, "a", false},
		{"tsv ragged", ".tsv", "a\tb\n\t\n1\t2\t3\n", 3, "", false},
		{"json bad number", ".json", `{"table":{"columnNames":["a"],"columnTypes":["int"],"columnUnits":[null],"rows":[[1],["x"]]}}`, 0, "a", false},
		{"json int overflow", ".json", `{"table":{"columnNames":["a"],"columnTypes":["long"],"rows":[[9223372036854775808]]}}`, 0, "a", false},
		{"json cut", ".json", `{"table":{"columnNames":["a"],"columnTypes":["int"],"rows":[[1],[2`, 0, "", true},
		{"json no end", ".json", `{"table":{"columnNames":["a"],"columnTypes":["int"],"rows":[[1],[2]]`, 0, "", true},
		{"json ragged", ".json", `{"table":{"columnNames":["a","b"],"columnTypes":["int","int"],"rows":[[1,2],[3]]}}`, 0, "", false},
		{"jsonlKVP unknown key", ".jsonlKVP", "{\"a\":1}\n{\"b\":2}\n", 2, "", false},
		{"jsonlKVP missing key", ".jsonlKVP", "{\"a\":1,\"b\":2}\n{\"a\":3}\n", 2, "b", false},
		{"jsonlCSV1 cut", ".jsonlCSV1", "[\"a\"]\n[1]\n[2", 3, "", true},
		{"nccsv no END_DATA", ".nccsv", "a,*DATA_TYPE*,int\n*END_METADATA*\na\n1\n", 5, "", true},
		{"nccsv no END_METADATA", ".nccsv", "a,*DATA_TYPE*,int\n", 2, "", true},
		{"nccsv bad int", ".nccsv", "a,*DATA_TYPE*,int\n*END_METADATA*\na\n1.5\n*END_DATA*\n", 4, "a", false},
		{"nccsv bad type", ".nccsv", "a,*DATA_TYPE*,quux\n*END_METADATA*\na\n*END_DATA*\n", 1, "a", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := DecodeOptions{}
			if c.name == "csv bad hinted long" {
				o.Types = map[string]string{"a": "long"}
			}
			tb, err := o.DecodeTable(strings.NewReader(c.body), c.ft)
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("got table %v, err %v; want a *DecodeError", tb, err)
			}
			if de.Line != c.line || de.Column != c.column || errors.Is(err, ErrTruncated) != c.truncated {
				t.Errorf("%v: line %d column %q truncated %v, want %d %q %v", err, de.Line, de.Column, errors.Is(err, ErrTruncated), c.line, c.column, c.truncated)
			}
			if !strings.HasPrefix(err.Error(), "erddap: ") {
				t.Errorf("message %q lacks the package prefix", err)
			}
			// Rows yields the same error as its last element.
			var last error
			for _, err := range o.DecodeRows(strings.NewReader(c.body), c.ft) {
				last = err
			}
			if last == nil || last.Error() != err.Error() {
				t.Errorf("Rows ended with %v, want %v", last, err)
			}
		})
	}
	if _, err := decodeString("a\n", ".parquet"); !errors.Is(err, ErrFileType) {
		t.Errorf(".parquet: %v, want ErrFileType", err)
	}
}

// TestDecodeCSVStrings covers quoting, escapes and the ISO-8859-1 charset.
func TestDecodeCSVStrings(t *testing.T) {
	body := "s,n\n,\n" +
		"\"a,b\",1\n" +
		"\"say \"\"hi\"\"\",2\n" +
		"tab\\there\\u20ac\\\\,3\n" +
		"caf\xe9,4\n" + // ISO-8859-1 é
		"\xc3\xa9t\xc3\xa9,5\n" + // UTF-8 été
		"\"two\nlines\",6\n" +
		",7\n" +
		"\\ud83d\\ude00,8\n"
	tb, err := decodeString(body, ".csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a,b", "say \"hi\"", "tab\there\u20ac\\", "café", "été", "two\nlines", "", "😀"}
	if got := tb.Strings("s"); !slices.Equal(got, want) {
		t.Errorf("strings %q, want %q", got, want)
	}
	if v, _, ok := tb.Int64s("n"); !ok || !slices.Equal(v, []int64{1, 2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("n %v", v)
	}
	// The line of each row accounts for the quoted newline.
	var lines []int
	for row, err := range DecodeRows(strings.NewReader(body), ".csv") {
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, row.Line())
	}
	if !slices.Equal(lines, []int{3, 4, 5, 6, 7, 8, 10, 11}) {
		t.Errorf("lines %v", lines)
	}
}

// TestDecodeInference: how columns without declared types are typed and
// widened, and type hints.
func TestDecodeInference(t *testing.T) {
	body := "i,f,w,s,t,e,u,m\n" +
		"NaN,1,1,x,2020-01-02T03:04:05Z,,1,NaN\n" +
		"2,2.5,oops,7,2020-01-02,,18446744073709551615,NaN\n" +
		"-3,NaN,3,,NaN,,NaN,NaN\n"
	tb, err := decodeString(body, ".csv0")
	if err != nil {
		t.Fatal(err)
	}
	_ = tb
	tb, err = decodeString(body, ".csvp")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]Kind{"i": Int64, "f": Float64, "w": String, "s": String, "t": Time, "e": String, "u": Uint64, "m": Float64}
	for name, k := range kinds {
		if c := tb.Column(name); c.Kind != k {
			t.Errorf("%s: kind %v, want %v", name, c.Kind, k)
		}
	}
	if v, miss, _ := tb.Int64s("i"); !slices.Equal(v, []int64{0, 2, -3}) || !slices.Equal(miss, []bool{true, false, false}) {
		t.Errorf("i %v %v", v, miss)
	}
	if got := tb.Strings("w"); !slices.Equal(got, []string{"1", "oops", "3"}) {
		t.Errorf("w %q", got)
	}
	if got := tb.Strings("s"); !slices.Equal(got, []string{"x", "7", ""}) {
		t.Errorf("s %q", got)
	}
	if u := tb.Column("u").Uint64s; u[1] != math.MaxUint64 || !tb.Column("u").Missing[2] {
		t.Errorf("u %v %v", u, tb.Column("u").Missing)
	}
	if tm := tb.Times("t"); !tm[1].Equal(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)) || !tm[2].IsZero() {
		t.Errorf("t %v", tm)
	}
	// Hints make the untyped layouts strict and exact.
	o := DecodeOptions{Types: map[string]string{"i": "double", "s": "String", "f": "float", "t": "time"}}
	tb, err = o.DecodeTable(strings.NewReader(strings.Replace(body, "oops", "4", 1)), ".csvp")
	if err != nil {
		t.Fatal(err)
	}
	if c := tb.Column("i"); c.Kind != Float64 || c.Type != "double" || !math.IsNaN(c.Float64s[0]) {
		t.Errorf("hinted i: %+v", c)
	}
	if c := tb.Column("s"); c.Kind != String || c.Strings[1] != "7" {
		t.Errorf("hinted s: %+v", c)
	}
	if c := tb.Column("t"); c.Kind != Time || c.Units != "UTC" {
		t.Errorf("hinted t: %+v", c)
	}
	if _, err := (DecodeOptions{Types: map[string]string{"x": "quux"}}).DecodeTable(strings.NewReader("x\n\n"), ".csv"); err == nil {
		t.Error("unknown hinted type accepted")
	}
}

func TestParseISOTime(t *testing.T) {
	cases := map[string]string{
		"2017-03-23":                     "2017-03-23T00:00:00Z",
		"2017-03-23T00Z":                 "2017-03-23T00:00:00Z",
		"2017-03-23T00:45Z":              "2017-03-23T00:45:00Z",
		"2017-03-23T00:45:07Z":           "2017-03-23T00:45:07Z",
		"2017-03-23T00:45:07.5Z":         "2017-03-23T00:45:07.5Z",
		"2017-03-23T00:45:07.123456789Z": "2017-03-23T00:45:07.123456789Z",
		"2017-03-23T00:45:07.1234567891": "2017-03-23T00:45:07.123456789Z",
		"2017-03-23 00:45:07":            "2017-03-23T00:45:07Z",
		"2017-03-23T02:45:07+02:00":      "2017-03-23T00:45:07Z",
		"2017-03-22T22:45:07-0200":       "2017-03-23T00:45:07Z",
		"1900-02-28T23:59:59Z":           "1900-02-28T23:59:59Z",
		"2000-02-29T00:00:00Z":           "2000-02-29T00:00:00Z",
		"0001-01-01T00:00:01Z":           "0001-01-01T00:00:01Z",
	}
	for in, want := range cases {
		got, ok := parseISOTime([]byte(in))
		if !ok || got.Format(time.RFC3339Nano) != want {
			t.Errorf("%s: %v %v, want %s", in, got, ok, want)
		}
		if ref, err := time.Parse(time.RFC3339Nano, want); err != nil || !ref.Equal(got) {
			t.Errorf("%s: %v differs from time.Parse %v", in, got, ref)
		}
	}
	for _, bad := range []string{"", "2017", "2017-02-29", "2017-13-01", "2017-03-23T25:00Z", "2017-03-23T00:60Z",
		"2017-03-23T00:45:07.Z", "2017-03-23T00:45:07ZZ", "2017-03-23X", "abcd-ef-gh"} {
		if got, ok := parseISOTime([]byte(bad)); ok {
			t.Errorf("%q parsed as %v", bad, got)
		}
	}
}

func TestScanFloat(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "10.9", "-130.2576", "28.0002", "1e10", "1.5E-7", "123456789012345678901234",
		"0.1", "3.4028235E38", "-1.7976931348623157E308", "4.9e-324", "1e400", ".5", "5.", "+7", "000123.4500"} {
		got, ok := scanFloat([]byte(s), false)
		want, err := strconvParse(s)
		if errors.Is(err, strconv.ErrRange) {
			err = nil // ±Inf, as Java's Double.parseDouble reads it
		}
		if !ok || err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s: %v %v, want %v %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"", "-", ".", "e5", "1e", "1x", "inf", "NaN", "0x10", "1_000", "1..2"} {
		if got, ok := scanFloat([]byte(s), false); ok {
			t.Errorf("%q accepted as %v", s, got)
		}
	}
	if v, ok := scanInt([]byte("-9223372036854775808"), true); !ok || v != math.MinInt64 {
		t.Errorf("min int64: %v %v", v, ok)
	}
	if _, ok := scanInt([]byte("9223372036854775808"), true); ok {
		t.Error("int64 overflow accepted")
	}
	if v, ok := scanUint([]byte("18446744073709551615"), true); !ok || v != math.MaxUint64 {
		t.Errorf("max uint64: %v %v", v, ok)
	}
	if _, ok := scanUint([]byte("18446744073709551616"), true); ok {
		t.Error("uint64 overflow accepted")
	}
}

// TestDecodeRowsReuseAndClone: the yielded Row is reused; Clone keeps one.
func TestDecodeRowsReuseAndClone(t *testing.T) {
	body := "a,b\n,\nx,1\ny,2\n"
	var kept, raw []Row
	for row, err := range DecodeRows(bytes.NewReader([]byte(body)), "csv") {
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, row.Clone())
		raw = append(raw, row)
	}
	if kept[0].String("a") != "x" || kept[1].String("a") != "y" {
		t.Errorf("clones %q %q", kept[0].String("a"), kept[1].String("a"))
	}
	if raw[0].String("a") != "y" {
		t.Errorf("the reused row should show the last values, got %q", raw[0].String("a"))
	}
	r := kept[1]
	if v, ok := r.Int64("b"); !ok || v != 2 || r.Float64("b") != 2 || r.Index("b") != 1 || r.Index("zz") != -1 ||
		!math.IsNaN(r.Float64("zz")) || r.Kind("b") != Int64 || !slices.Equal(r.Names(), []string{"a", "b"}) || r.Number() != 2 {
		t.Errorf("row accessors: %v %v", v, ok)
	}
	// Breaking early stops reading.
	n := 0
	for range DecodeRows(strings.NewReader(body), ".csv") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break: %d", n)
	}
}

func strconvParse(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// TestDecodeTSVVariants reads .tsvp ("name (units)" header) and .tsv0 (no
// header), built from the recorded .tsv.
func TestDecodeTSVVariants(t *testing.T) {
	raw, err := os.ReadFile(scalarPath(t, ".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(raw), "\n", 3)
	names, units := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
	for i, u := range units {
		if u != "" {
			names[i] += " (" + u + ")"
		}
	}
	tsvp := strings.Join(names, "\t") + "\n" + lines[2]
	tb, err := DecodeTable(strings.NewReader(tsvp), ".tsvp")
	if err != nil {
		t.Fatal(err)
	}
	checkScalarTable(t, ".tsvp", tb)
	if tb.Column("sst").Units != "degree_C" {
		t.Errorf("tsvp units %q", tb.Column("sst").Units)
	}
	tb, err = DecodeTable(strings.NewReader(lines[2]), ".tsv0")
	if err != nil {
		t.Fatal(err)
	}
	checkScalarTable(t, ".csv0", tb)
}

// TestTableConversions: the typed accessors convert between kinds exactly or
// refuse.
func TestTableConversions(t *testing.T) {
	body := "f,w,u,big,neg,t,s,secs\n" +
		"1.0,1.5,1,18446744073709551615,-1,2020-01-01T00:00:00Z,2021-06-01T12:00:00Z,1577836800.5\n" +
		"NaN,2,2,0,2,NaN,x,NaN\n"
	tb, err := (DecodeOptions{Types: map[string]string{"f": "double", "u": "uint", "big": "ulong", "neg": "int"}}).DecodeTable(strings.NewReader(body), ".csv0")
	// .csv0 has no names: its columns are column1..., the hints name none of
	// them, and the names line is a row of strings.
	if err != nil || tb.Len() != 3 || tb.Column("column1").Kind != String || tb.Column("f") != nil {
		t.Fatalf(".csv0: %v, %d rows", err, tb.Len())
	}
	tb, err = (DecodeOptions{Types: map[string]string{"f": "double", "u": "uint", "big": "ulong", "neg": "int"}}).DecodeTable(strings.NewReader(body), ".csvp")
	if err != nil {
		t.Fatal(err)
	}
	if v, miss, ok := tb.Int64s("f"); !ok || !slices.Equal(v, []int64{1, 0}) || !slices.Equal(miss, []bool{false, true}) {
		t.Errorf("Int64s(f) %v %v %v", v, miss, ok)
	}
	if _, _, ok := tb.Int64s("w"); ok {
		t.Error("Int64s of 1.5 accepted")
	}
	if v, _, ok := tb.Int64s("u"); !ok || !slices.Equal(v, []int64{1, 2}) {
		t.Errorf("Int64s(u) %v", v)
	}
	if _, _, ok := tb.Int64s("big"); ok {
		t.Error("Int64s of 2^64-1 accepted")
	}
	if _, _, ok := tb.Uint64s("neg"); ok {
		t.Error("Uint64s of -1 accepted")
	}
	if v, _, ok := tb.Uint64s("big"); !ok || v[0] != math.MaxUint64 {
		t.Errorf("Uint64s(big) %v", v)
	}
	if _, _, ok := tb.Int64s("nope"); ok || tb.Float64s("nope") != nil || tb.Strings("nope") != nil || tb.Times("nope") != nil || tb.Column("nope") != nil {
		t.Error("absent column")
	}
	if f := tb.Float64s("t"); f[0] != 1577836800 || !math.IsNaN(f[1]) {
		t.Errorf("Float64s(t) %v", f)
	}
	if tm := tb.Times("s"); !tm[0].Equal(time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)) || !tm[1].IsZero() {
		t.Errorf("Times(s) %v", tm)
	}
	if tm := tb.Times("secs"); !tm[0].Equal(time.Date(2020, 1, 1, 0, 0, 0, 5e8, time.UTC)) || !tm[1].IsZero() {
		t.Errorf("Times(secs) %v", tm)
	}
	if c := tb.Column("f"); !c.IsMissing(1) || c.IsMissing(0) {
		t.Error("IsMissing(f)")
	}
	if c := tb.Column("t"); !c.IsMissing(1) || c.Len() != 2 {
		t.Error("IsMissing(t)")
	}

	// The same through Row accessors.
	var rows []Row
	for row, err := range (DecodeOptions{Types: map[string]string{"big": "ulong"}}).DecodeRows(strings.NewReader(body), ".csvp") {
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row.Clone())
	}
	r := rows[0]
	if v, ok := r.Int64("f"); !ok || v != 1 {
		t.Errorf("Row.Int64(f) %v %v", v, ok)
	}
	if _, ok := r.Int64("w"); ok {
		t.Error("Row.Int64(1.5) accepted")
	}
	if v, ok := r.Uint64At(3); !ok || v != math.MaxUint64 {
		t.Errorf("Row.Uint64At(3) %v", v)
	}
	if _, ok := r.Int64At(3); ok {
		t.Error("Row.Int64 of 2^64-1 accepted")
	}
	if _, ok := r.Uint64("neg"); ok {
		t.Error("Row.Uint64(-1) accepted")
	}
	if v, ok := r.Int64("s"); ok {
		t.Errorf("Row.Int64 of a time string: %v", v)
	}
	if got := r.Time("secs"); !got.Equal(time.Date(2020, 1, 1, 0, 0, 0, 5e8, time.UTC)) {
		t.Errorf("Row.Time(secs) %v", got)
	}
	if got := r.Float64("t"); got != 1577836800 {
		t.Errorf("Row.Float64(t) %v", got)
	}
	if !rows[1].IsMissing("f") || rows[1].IsMissing("w") || !rows[1].IsMissing("nope") || !rows[1].TimeAt(5).IsZero() {
		t.Error("Row.IsMissing")
	}
	if (Row{}).Len() != 0 || (Row{}).Column(0) != nil || (Row{}).Line() != 0 || (Row{}).Index("f") != -1 {
		t.Error("zero Row")
	}
	if r.Column(99) != nil || r.Column(0).Name != "f" {
		t.Error("Row.Column")
	}
}

func TestAttributeAccessors(t *testing.T) {
	a := Attribute{Name: "x", Type: "float", Float64s: []float64{1.5, 0.1}}
	if a.String() != "1.5, 0.1" || a.Len() != 2 || a.Float64(1) != 0.1 || !math.IsNaN(a.Float64(2)) {
		t.Errorf("float attr %q %v", a.String(), a.Float64(1))
	}
	b := Attribute{Type: "ulong", Uint64s: []uint64{math.MaxUint64}}
	if b.String() != "18446744073709551615" || b.Float64(0) != math.MaxUint64 {
		t.Errorf("ulong attr %q", b.String())
	}
	c := Attribute{Type: "String", Strings: []string{" 2.5 ", "x"}}
	if c.Float64(0) != 2.5 || !math.IsNaN(c.Float64(1)) || c.String() != " 2.5 , x" {
		t.Errorf("string attr %v %q", c.Float64(0), c.String())
	}
	d := Attribute{Type: "int", Int64s: []int64{-3, 4}}
	if d.String() != "-3, 4" || d.Float64(0) != -3 || !math.IsNaN(d.Float64(-1)) {
		t.Errorf("int attr %q", d.String())
	}
	if Kind(9).String() != "Kind(9)" || Uint64.String() != "Uint64" {
		t.Error("Kind.String")
	}
}
