//go:build cgo

package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// committedRoot holds the mini GDAC (gdac/) and the ERDDAP table (erddap/)
// checked into the repository.
const committedRoot = "../../../testdata"

var (
	genOnce sync.Once
	genDir  string
	genErr  error
)

// generated regenerates the mini GDAC once per test binary.
func generated(t *testing.T) string {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "gdac-test-")
		if genErr == nil {
			genErr = generate(filepath.Join(genDir, "gdac"), filepath.Join(genDir, "erddap"))
		}
	})
	if genErr != nil {
		t.Fatalf("generate: %v", genErr)
	}
	return filepath.Join(genDir, "gdac")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

// listFiles returns the regular files under root, relative and slash-separated.
func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func isHDF5(data []byte) bool { return bytes.HasPrefix(data, []byte("\x89HDF\r\n\x1a\n")) }

// cdl returns `ncdump` output of a file without its first line, which names
// the file.
func cdl(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("ncdump", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ncdump %s: %v\n%s", path, err, out)
	}
	_, rest, _ := strings.Cut(string(out), "\n")
	return rest
}

// TestCommittedMatchesGenerator regenerates the mini GDAC and the ERDDAP
// table and compares them with testdata/gdac and testdata/erddap: classic NetCDF and text files byte for byte, NetCDF-4
// files by content (their bytes record the libnetcdf and HDF5 versions).
func TestCommittedMatchesGenerator(t *testing.T) {
	generated(t)
	for _, sub := range []string{"gdac", "erddap"} {
		t.Run(sub, func(t *testing.T) { compareTrees(t, filepath.Join(committedRoot, sub), filepath.Join(genDir, sub)) })
	}
}

func compareTrees(t *testing.T, committed, fresh string) {
	if _, err := os.Stat(committed); err != nil {
		t.Fatalf("%s is missing: run `go generate` in the module root (%v)", committed, err)
	}
	want, got := listFiles(t, committed), listFiles(t, fresh)
	if !slices.Equal(want, got) {
		t.Fatalf("file lists differ: run `go generate` in the module root\ncommitted: %v\ngenerated: %v", want, got)
	}
	_, ncdumpErr := exec.LookPath("ncdump")
	for _, rel := range got {
		t.Run(rel, func(t *testing.T) {
			a, err := os.ReadFile(filepath.Join(committed, rel))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(fresh, rel))
			if err != nil {
				t.Fatal(err)
			}
			if !isHDF5(b) {
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs from a fresh generation (%d vs %d bytes): run `go generate`", rel, len(a), len(b))
				}
				return
			}
			if !isHDF5(a) {
				t.Fatalf("committed %s is not a NetCDF-4 file", rel)
			}
			if bytes.Equal(a, b) {
				return
			}
			if ncdumpErr != nil {
				t.Skipf("ncdump not found: cannot compare the content of the NetCDF-4 file %s, whose bytes differ (libnetcdf/HDF5 versions?)", rel)
			}
			if cdl(t, filepath.Join(committed, rel)) != cdl(t, filepath.Join(fresh, rel)) {
				t.Errorf("the content of %s (ncdump) differs from a fresh generation: run `go generate`", rel)
			}
		})
	}
}

// TestClassicFiles checks that every classic file is CDF-1 and accepted by
// `ncdump -h`, and that the NetCDF-4 files are NetCDF-4.
func TestClassicFiles(t *testing.T) {
	dir := generated(t)
	_, ncdumpErr := exec.LookPath("ncdump")
	n := 0
	for _, rel := range listFiles(t, dir) {
		if !strings.HasSuffix(rel, ".nc") {
			continue
		}
		path := filepath.Join(dir, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, "_Sprof.nc") {
			if !isHDF5(data) {
				t.Errorf("%s is not NetCDF-4/HDF5", rel)
			}
			continue
		}
		n++
		if !bytes.HasPrefix(data, []byte("CDF\x01")) {
			t.Errorf("%s starts with %q, want CDF\\x01", rel, data[:min(4, len(data))])
			continue
		}
		if ncdumpErr == nil {
			if out, err := exec.Command("ncdump", "-h", path).CombinedOutput(); err != nil {
				t.Errorf("ncdump -h %s: %v\n%s", rel, err, out)
			}
		}
	}
	if n == 0 {
		t.Fatal("no classic NetCDF files generated")
	}
	if ncdumpErr != nil {
		t.Skip("ncdump not found: checked the CDF\\x01 signatures only")
	}
}

// indexRows reads an index file: it checks the 8 comment lines and the
// header, and returns the first field of each row.
func indexRows(t *testing.T, path string, k indexKind) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var rows []string
	line := 0
	for sc.Scan() {
		text := sc.Text()
		line++
		switch {
		case line <= 8:
			if !strings.HasPrefix(text, "# ") {
				t.Errorf("%s line %d = %q, want a # comment", k.file, line, text)
			}
		case line == 9:
			if text != k.header {
				t.Errorf("%s header = %q, want %q", k.file, text, k.header)
			}
		default:
			file, _, _ := strings.Cut(text, ",")
			rows = append(rows, file)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestIndexRowCounts checks that each index lists exactly the files of its
// kind, plus the documented quirk rows (core index only), whose files do not
// exist.
func TestIndexRowCounts(t *testing.T) {
	dir := generated(t)
	dacFiles := listFiles(t, filepath.Join(dir, "dac"))
	quirkFiles := map[string]bool{}
	for _, r := range quirkRows {
		file, _, _ := strings.Cut(r, ",")
		quirkFiles[file] = true
	}
	tests := []struct {
		k      indexKind
		match  *regexp.Regexp
		quirks int
	}{
		{profIndex, regexp.MustCompile(`/profiles/[RD]\d+_\d{3,4}D?\.nc$`), len(quirkRows)},
		{bioIndex, regexp.MustCompile(`/profiles/B[RD]\d+_\d{3,4}D?\.nc$`), 0},
		{synthIndex, regexp.MustCompile(`/profiles/S[RD]\d+_\d{3,4}D?\.nc$`), 0},
		{metaIndex, regexp.MustCompile(`/\d+_meta\.nc$`), 0},
		{trajIndex, regexp.MustCompile(`/\d+_[RD]traj\.nc$`), 0},
	}
	for _, tc := range tests {
		t.Run(tc.k.file, func(t *testing.T) {
			rows := indexRows(t, filepath.Join(dir, tc.k.file), tc.k)
			var want []string
			for _, f := range dacFiles {
				if tc.match.MatchString(f) {
					want = append(want, f)
				}
			}
			if len(want) == 0 {
				t.Fatal("no files of this kind generated")
			}
			if len(rows) != len(want)+tc.quirks {
				t.Errorf("%d rows, want %d files + %d quirk rows", len(rows), len(want), tc.quirks)
			}
			var listed []string
			nquirks := 0
			for _, r := range rows {
				if quirkFiles[r] && tc.quirks > 0 {
					nquirks++
					if _, err := os.Stat(filepath.Join(dir, "dac", r)); err == nil {
						t.Errorf("quirk row %s names a file that exists", r)
					}
					continue
				}
				listed = append(listed, r)
			}
			slices.Sort(listed)
			if !slices.Equal(listed, want) {
				t.Errorf("rows list\n%v\nwant the files\n%v", listed, want)
			}
			if nquirks != tc.quirks {
				t.Errorf("%d quirk rows, want %d", nquirks, tc.quirks)
			}
		})
	}
}

// TestIndexGzip checks that the gzipped core index holds the same bytes,
// with no file name and a zero modification time.
func TestIndexGzip(t *testing.T) {
	dir := generated(t)
	plain, err := os.ReadFile(filepath.Join(dir, profIndex.file))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, profIndex.file+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q and time %v, want neither", zr.Name, zr.ModTime)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, unzipped) {
		t.Error("the .gz index does not hold the .txt index")
	}
}

func TestGrade(t *testing.T) {
	// The user's manual example: 45×'1' + 5×'2' + 7×'4' + 3×'9' is 50/57 = 87.7%, grade B.
	qc := strings.Repeat("1", 45) + strings.Repeat("2", 5) + strings.Repeat("4", 7) + strings.Repeat("9", 3)
	tests := []struct {
		qc   string
		want byte
	}{
		{qc, 'B'},
		{"1111", 'A'},
		{"1144", 'C'},
		{"1444", 'D'},
		{"14444", 'E'},
		{"3344", 'F'},
		{"0099  ", ' '},
	}
	for _, tc := range tests {
		if got := grade([]byte(tc.qc)); got != tc.want {
			t.Errorf("grade(%q) = %q, want %q", tc.qc, got, tc.want)
		}
	}
}
