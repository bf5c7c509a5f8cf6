package nc

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// Char and float decoding match ncdump on three real files: strings trimmed
// of trailing spaces, floats and doubles bit-exact, fills NaN.
func TestMatchesNcdump(t *testing.T) {
	if !testutil.HasNcdump() {
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
			want := testutil.Ncdump(t, path, name)
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
			want := testutil.Ncdump(t, path, name)
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
				// ncdump -p 9,17 prints floats with 9 and doubles with 17
				// significant digits: both parse back to the exact value.
				if v := f.Var(name); (v.Type == Float && float32(got[i]) != float32(x)) || (v.Type == Double && got[i] != x) {
					t.Errorf("%s %s[%d] = %v, ncdump %v", c.file, name, i, got[i], x)
				}
			}
		}
		f.Close()
	}
}
