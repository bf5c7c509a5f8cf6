package erddap

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeBenchCSV writes an ERDDAP-style .csv response of n rows and 10
// columns (names line, units line, ISO times, NaN for missing): time,
// latitude, longitude, depth, temperature, salinity (about 3% NaN), station
// (one of 50 ids), qc (a 1-char flag), count (int) and id (long). The
// content is a pure function of n.
func writeBenchCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("time,latitude,longitude,depth,temperature,salinity,station,qc,count,id\n")
	bw.WriteString("UTC,degrees_north,degrees_east,m,degree_C,PSU,,,1,1\n")
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	var b []byte
	for i := range n {
		b = b[:0]
		b = time.Unix(t0+int64(i)*37, 0).UTC().AppendFormat(b, "2006-01-02T15:04:05Z")
		b = append(b, ',')
		b = strconv.AppendFloat(b, math.Round((rng.Float64()*180-90)*1e4)/1e4, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, math.Round((rng.Float64()*360-180)*1e4)/1e4, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, math.Round(rng.Float64()*20000)/10, 'f', -1, 64)
		b = append(b, ',')
		if rng.IntN(33) == 0 {
			b = append(b, "NaN"...)
		} else {
			b = strconv.AppendFloat(b, math.Round((rng.Float64()*30-2)*1e3)/1e3, 'f', -1, 64)
		}
		b = append(b, ',')
		if rng.IntN(33) == 0 {
			b = append(b, "NaN"...)
		} else {
			b = strconv.AppendFloat(b, math.Round((rng.Float64()*5+32)*1e3)/1e3, 'f', -1, 64)
		}
		b = append(b, ',')
		b = append(b, "WMO"...)
		b = strconv.AppendInt(b, 6902700+int64(rng.IntN(50)), 10)
		b = append(b, ',')
		b = append(b, "1112349"[rng.IntN(7)])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(rng.IntN(2000)), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, 1_000_000_000_000+int64(i)*7919, 10)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

var benchFiles sync.Map // rows -> path

// benchCSV returns the path of a generated n-row file: ERDDAP_BENCH_CSV (a
// file written by TestWriteBenchCSV, for the side-by-side pandas run) when
// it is set and n is 1M, else a file generated once per process in a temp
// dir.
func benchCSV(b *testing.B, n int) string {
	b.Helper()
	if p := os.Getenv("ERDDAP_BENCH_CSV"); p != "" && n == 1_000_000 {
		return p
	}
	if p, ok := benchFiles.Load(n); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "erddap-bench")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("bench%d.csv", n))
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeBenchCSV(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	benchFiles.Store(n, p)
	return p
}

// TestWriteBenchCSV writes the 1M-row benchmark file to $ERDDAP_BENCH_CSV
// (testdata/bench_pandas.sh sets it); skipped otherwise.
func TestWriteBenchCSV(t *testing.T) {
	p := os.Getenv("ERDDAP_BENCH_CSV")
	if p == "" || os.Getenv("ERDDAP_BENCH_WRITE") == "" {
		t.Skip("set ERDDAP_BENCH_CSV and ERDDAP_BENCH_WRITE=1 to write the benchmark file")
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeBenchCSV(f, 1_000_000); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func benchSizes() []int { return []int{10_000, 1_000_000} }

// BenchmarkDecodeTableCSV decodes the whole file into a Table (the pandas
// read_csv peer in BENCHMARKS.md reads the same file).
func BenchmarkDecodeTableCSV(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			p := benchCSV(b, n)
			st, _ := os.Stat(p)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				t, err := DecodeTable(f, ".csv")
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				if t.Len() != n {
					b.Fatalf("%d rows, want %d", t.Len(), n)
				}
			}
		})
	}
}

// BenchmarkDecodeRowsCSV streams the file row by row, reading every value;
// B/op stays flat from 10k to 1M rows.
func BenchmarkDecodeRowsCSV(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			p := benchCSV(b, n)
			st, _ := os.Stat(p)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(p)
				if err != nil {
					b.Fatal(err)
				}
				rows, sum := 0, 0.0
				for row, err := range DecodeRows(f, ".csv") {
					if err != nil {
						b.Fatal(err)
					}
					rows++
					if v := row.Float64At(4); !math.IsNaN(v) {
						sum += v
					}
					_ = row.TimeAt(0)
					_ = row.StringAt(6)
				}
				f.Close()
				if rows != n {
					b.Fatalf("%d rows, want %d", rows, n)
				}
			}
		})
	}
}

// benchLayouts renders the first n rows of the benchmark table in other
// layouts: .nccsv (the wire format of Client.Table) and .json.
func benchLayouts(b *testing.B, n int) map[string][]byte {
	b.Helper()
	var csv bytes.Buffer
	if err := writeBenchCSV(&csv, n); err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(csv.String(), "\n"), "\n")
	names := strings.Split(lines[0], ",")
	types := []string{"String", "double", "double", "double", "float", "float", "String", "char", "int", "long"}
	units := strings.Split(lines[1], ",")
	units[0] = "yyyy-MM-dd'T'HH:mm:ssZ"
	var nc strings.Builder
	for i, name := range names {
		nc.WriteString(name + ",*DATA_TYPE*," + types[i] + "\n")
		if units[i] != "" {
			nc.WriteString(name + ",units," + units[i] + "\n")
		}
	}
	nc.WriteString("\n*END_METADATA*\n" + lines[0] + "\n")
	for _, l := range lines[2:] {
		nc.WriteString(l + "\n")
	}
	nc.WriteString("*END_DATA*\n")
	var js strings.Builder
	js.WriteString(`{"table":{"columnNames":["` + strings.Join(names, `","`) + `"],"columnTypes":["` + strings.Join(types, `","`) +
		`"],"columnUnits":[null,"degrees_north","degrees_east","m","degree_C","PSU",null,null,"1","1"],"rows":[` + "\n")
	for j, l := range lines[2:] {
		f := strings.Split(l, ",")
		for _, k := range []int{0, 6, 7} {
			f[k] = `"` + f[k] + `"`
		}
		for k := range f {
			if f[k] == "NaN" {
				f[k] = "null"
			}
		}
		if j > 0 {
			js.WriteString(",\n")
		}
		js.WriteString("[" + strings.Join(f, ", ") + "]")
	}
	js.WriteString("\n]}}\n")
	return map[string][]byte{".csv": csv.Bytes(), ".nccsv": []byte(nc.String()), ".json": []byte(js.String())}
}

// BenchmarkDecodeTableLayouts decodes 100,000 rows of the benchmark table
// from memory in each layout.
func BenchmarkDecodeTableLayouts(b *testing.B) {
	const n = 100_000
	bodies := benchLayouts(b, n)
	for _, ft := range []string{".csv", ".nccsv", ".json"} {
		b.Run(ft[1:], func(b *testing.B) {
			body := bodies[ft]
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				t, err := DecodeTable(bytes.NewReader(body), ft)
				if err != nil {
					b.Fatal(err)
				}
				if t.Len() != n {
					b.Fatalf("%d rows", t.Len())
				}
			}
		})
	}
}
