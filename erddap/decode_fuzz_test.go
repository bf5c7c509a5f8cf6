package erddap

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds adds the recorded responses of the given suffixes (when
// INSITU_REALDATA is set) and the inline bodies as fuzz seeds.
func addSeeds(f *testing.F, files []string, inline ...string) {
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		for _, name := range files {
			if b, err := os.ReadFile(filepath.Join(root, "erddap", name)); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range inline {
		f.Add([]byte(s))
	}
}

// checkDecode decodes data as fileType with DecodeTable and DecodeRows and
// checks that they agree: both fail or both succeed with the same number of
// rows, and every column of the table has that many values.
func checkDecode(t *testing.T, data []byte, fileType string) {
	tb, terr := DecodeTable(bytes.NewReader(data), fileType)
	rows, errs := 0, 0
	var rerr error
	for row, err := range DecodeRows(bytes.NewReader(data), fileType) {
		if err != nil {
			errs++
			rerr = err
			continue
		}
		if errs > 0 {
			t.Fatal("a row after an error")
		}
		for i := range row.Len() {
			_ = row.StringAt(i)
			_ = row.Float64At(i)
			_ = row.TimeAt(i)
		}
		rows++
	}
	if errs > 1 {
		t.Fatalf("%d errors from Rows", errs)
	}
	if (terr == nil) != (rerr == nil) {
		t.Fatalf("Table error %v, Rows error %v", terr, rerr)
	}
	if terr != nil {
		var de *DecodeError
		if !errors.As(terr, &de) && !errors.Is(terr, errRecordTooLong) {
			t.Fatalf("error %v (%T) is not a *DecodeError", terr, terr)
		}
		return
	}
	if tb.Len() != rows {
		t.Fatalf("Table has %d rows, Rows gave %d", tb.Len(), rows)
	}
	for _, c := range tb.Columns {
		if c.Len() != rows || (c.Missing != nil && len(c.Missing) != rows) {
			t.Fatalf("column %s has %d values (%d flags), want %d", c.Name, c.Len(), len(c.Missing), rows)
		}
		_ = tb.Strings(c.Name)
		_ = tb.Float64s(c.Name)
	}
}

var scalarFiles = func(sfx ...string) []string {
	var out []string
	for _, s := range sfx {
		out = append(out, "BobSimons__erddap/expected__testNccsvScalar"+s)
	}
	return out
}

func FuzzDecodeCSV(f *testing.F) {
	files := append(scalarFiles(".csv", ".csvp", ".csv0", ".tsv"),
		"ioos__erddapy/tabledap__osmc_23091.csvp", "ioos__erddapy/tabledap__org_cormp_cap2.csvp")
	addSeeds(f, files,
		"a,b\n,\n1,2\n", "a,b\nUTC,\n2020-01-01T00:00:00Z,NaN\n", "s\n\n\"x\"\"y\"\n\"a\nb\"\n", "a\tb\n\t\n1\t\\u20ac\n",
		"x (UTC),y (m)\n2020-01-01,1.5\n", "a,b\n,\n1,2\n3,")
	types := []string{".csv", ".csvp", ".csv0", ".tsv", ".tsvp", ".tsv0"}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ft := range types {
			checkDecode(t, data, ft)
		}
	})
}

func FuzzDecodeJSON(f *testing.F) {
	addSeeds(f, append(scalarFiles(".json"), "euroargodev__argopy/info__ArgoFloats__index.json"),
		`{"table":{"columnNames":["a","b"],"columnTypes":["long","String"],"columnUnits":[null,"UTC"],"rows":[[1,"2020-01-01T00:00:00Z"],[null,null]]}}`,
		`{"table":{"columnNames":["a"],"rows":[[18446744073709551615],[1.5],["x"]]}}`,
		`{"table":{"columnNames":["a","b"],"rows":[["\u00e9\ud83d\ude00\ud800x\"\\\/\b\f\n\r\t", -0.5e-3],[true, false]]}, "x": [1]}`,
		"{\"table\":{\"columnNames\":[\"a\"],\"rows\":[[\"\xff\xfe\"], [\"\\u00\"]]}}")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data, ".json")
		// The byte scanner of the rows and encoding/json's tokens agree.
		fast, ferr := DecodeTable(bytes.NewReader(data), ".json")
		slow, serr := DecodeOptions{slowJSON: true}.DecodeTable(bytes.NewReader(data), ".json")
		if (ferr == nil) != (serr == nil) {
			t.Fatalf("scanner error %v, encoding/json error %v", ferr, serr)
		}
		if ferr != nil {
			return // both fail (on garbage they may name different first faults)
		}
		if fast.Len() != slow.Len() || len(fast.Columns) != len(slow.Columns) {
			t.Fatalf("scanner %d x %d, encoding/json %d x %d", fast.Len(), len(fast.Columns), slow.Len(), len(slow.Columns))
		}
		for i, c := range fast.Columns {
			d := slow.Columns[i]
			if c.Kind != d.Kind || c.Type != d.Type {
				t.Fatalf("column %s: scanner %v %s, encoding/json %v %s", c.Name, c.Kind, c.Type, d.Kind, d.Type)
			}
			for r := range fast.Len() {
				if a, b := c.format(r), d.format(r); a != b {
					t.Fatalf("column %s row %d: scanner %q, encoding/json %q", c.Name, r, a, b)
				}
			}
		}
	})
}

func FuzzDecodeJSONL(f *testing.F) {
	addSeeds(f, scalarFiles(".jsonlCSV1", ".jsonlCSV", ".jsonlKVP"),
		"[\"a\",\"b\"]\n[1,null]\n[2.5,\"x\"]\n", "{\"a\":1, \"b\":\"2020-01-01T00:00:00Z\"}\n{\"b\":null, \"a\":2}\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ft := range []string{".jsonlCSV1", ".jsonlCSV", ".jsonlKVP"} {
			checkDecode(t, data, ft)
		}
	})
}

func FuzzDecodeNCCSV(f *testing.F) {
	addSeeds(f, scalarFiles("__1time.nccsv", ".nccsvMetadata"),
		"*GLOBAL*,a,1b,2ub\nx,*DATA_TYPE*,long\nx,_FillValue,-1L\ny,*DATA_TYPE*,char\ny,c,\"'a'\"\n*END_METADATA*\nx,y\n1,a\n-1L,\"\"\"\"\n*END_DATA*\n",
		"x,*DATA_TYPE*,ulong\n*END_METADATA*\nx\n18446744073709551615\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data, ".nccsv")
		checkDecode(t, data, ".nccsvMetadata")
	})
}
