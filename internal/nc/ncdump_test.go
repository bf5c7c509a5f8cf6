package nc

import (
	"bytes"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// ncdumpValues runs `ncdump -v name path` and returns the tokens of the
// variable's data section: quoted strings unquoted (with ncdump's escapes
// undone), numbers as text, "_" for fill values.
func ncdumpValues(t *testing.T, path, name string) []string {
	t.Helper()
	out, err := exec.Command("ncdump", "-v", name, path).Output()
	if err != nil {
		t.Fatalf("ncdump -v %s %s: %v", name, path, err)
	}
	data := out[bytes.Index(out, []byte("\ndata:\n")):]
	start := bytes.Index(data, []byte("\n "+name+" ="))
	if start < 0 {
		t.Fatalf("ncdump output has no data for %s", name)
	}
	body := string(data[start+len(name)+4:])
	var toks []string
	var cur strings.Builder
	inStr := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case inStr && c == '\\' && i+1 < len(body):
			i++
			switch body[i] {
			case 'n':
				cur.WriteByte('\n')
			case 't':
				cur.WriteByte('\t')
			case '0':
				cur.WriteByte(0)
			default:
				cur.WriteByte(body[i])
			}
		case inStr && c == '"':
			inStr = false
		case inStr:
			cur.WriteByte(c)
		case c == '"':
			inStr = true
		case c == ',' || c == ';':
			toks = append(toks, strings.TrimSpace(cur.String()))
			cur.Reset()
			if c == ';' {
				return toks
			}
		case c == '\n' || c == ' ':
			// separators
		default:
			cur.WriteByte(c)
		}
	}
	t.Fatalf("unterminated ncdump data for %s", name)
	return nil
}

// Char and float decoding match ncdump on three real files: strings trimmed
// of trailing spaces, floats equal to ncdump's printed precision, fills NaN.
func TestMatchesNcdump(t *testing.T) {
	if _, err := exec.LookPath("ncdump"); err != nil {
		t.Skip("ncdump (netcdf-bin) is not installed")
	}
	cases := []struct {
		file    string
		strings []string
		floats  []string
	}{
		{"argo/euroargodev__argopy-data/D5900865_001.nc",
			[]string{"PLATFORM_NUMBER", "DATA_TYPE", "PI_NAME", "STATION_PARAMETERS", "DATA_MODE", "SCIENTIFIC_CALIB_COMMENT"},
			[]string{"JULD", "LATITUDE", "PRES", "TEMP", "PSAL_ADJUSTED", "PSAL_ADJUSTED_ERROR"}},
		{"argo/euroargodev__argopy-data/D3902131_001.nc",
			[]string{"DATA_MODE", "VERTICAL_SAMPLING_SCHEME", "PROJECT_NAME", "PRES_QC", "DATE_UPDATE"},
			[]string{"PRES", "TEMP_ADJUSTED", "PSAL", "LONGITUDE", "JULD_LOCATION"}},
		{"argo/OneArgo__ArgoFormatChecker/R6903724_001_bodc_NaN.nc",
			[]string{"FLOAT_SERIAL_NO", "TEMP_QC", "POSITIONING_SYSTEM"},
			[]string{"TEMP", "PSAL", "PRES", "CYCLE_NUMBER"}},
	}
	for _, c := range cases {
		path := testutil.RealData(t, c.file)
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range c.strings {
			got, err := f.Strings(name)
			if err != nil {
				t.Fatalf("%s %s: %v", c.file, name, err)
			}
			want := ncdumpValues(t, path, name)
			v := f.Var(name)
			if len(v.Shape) == 1 && len(want) == 1 { // one string per file, or one char per profile
				want[0] = strings.TrimRight(want[0], " \x00")
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d strings, ncdump has %d", c.file, name, len(got), len(want))
				continue
			}
			for i := range got {
				if w := strings.TrimRight(want[i], " \x00"); got[i] != w {
					t.Errorf("%s %s[%d] = %q, ncdump %q", c.file, name, i, got[i], w)
				}
			}
		}
		for _, name := range c.floats {
			got, err := f.Float64s(name)
			if err != nil {
				t.Fatalf("%s %s: %v", c.file, name, err)
			}
			want := ncdumpValues(t, path, name)
			if len(got) != len(want) {
				t.Errorf("%s %s: %d values, ncdump has %d", c.file, name, len(got), len(want))
				continue
			}
			for i, w := range want {
				if w == "_" || w == "NaN" || w == "NaNf" || strings.HasSuffix(w, "Inf") || strings.HasSuffix(w, "Inff") {
					if !math.IsNaN(got[i]) {
						t.Errorf("%s %s[%d] = %v, ncdump %s: want NaN", c.file, name, i, got[i], w)
					}
					continue
				}
				x, err := strconv.ParseFloat(strings.TrimSuffix(w, "f"), 64)
				if err != nil {
					t.Fatalf("%s %s[%d]: ncdump token %q: %v", c.file, name, i, w, err)
				}
				if math.Abs(got[i]-x) > 1e-6*math.Max(1, math.Abs(x)) {
					t.Errorf("%s %s[%d] = %v, ncdump %v", c.file, name, i, got[i], x)
				}
			}
		}
		f.Close()
	}
}
